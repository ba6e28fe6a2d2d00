// newsgraph pages: a little progressive enhancement. Every page works without it.
"use strict";
(function () {
  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  // Filter forms: leave empty fields out of the URL, so shared links stay readable.
  each("form[data-clean-form]", function (form) {
    form.addEventListener("submit", function () {
      each("input, select", function (el) {
        if (el.name && !el.value) el.disabled = true;
      }, form);
      setTimeout(function () {
        each("input, select", function (el) { el.disabled = false; }, form);
      }, 0);
    });
  });

  // Article reader: a record in the side panel and its ranges in the text light up together.
  var text = document.getElementById("article-text");
  if (text) {
    var panel = document.getElementById("panel");
    var focused = null;
    var segmentsOf = function (key) { return text.querySelectorAll('[data-ann~="' + key + '"]'); };
    var recordsOf = function (key) { return panel.querySelectorAll('.rec[data-ann="' + key + '"]'); };
    var setClass = function (nodes, cls, on) {
      Array.prototype.forEach.call(nodes, function (n) { n.classList.toggle(cls, on); });
    };
    var focus = function (key, scroll) {
      if (focused) {
        setClass(segmentsOf(focused), "focus", false);
        setClass(recordsOf(focused), "focus", false);
      }
      focused = key;
      var segs = segmentsOf(key);
      setClass(segs, "focus", true);
      setClass(recordsOf(key), "focus", true);
      if (scroll && segs.length) segs[0].scrollIntoView({ block: "center", behavior: "smooth" });
    };
    each(".rec[data-ann]", function (rec) {
      var key = rec.getAttribute("data-ann");
      rec.addEventListener("mouseenter", function () { setClass(segmentsOf(key), "hover", true); });
      rec.addEventListener("mouseleave", function () { setClass(segmentsOf(key), "hover", false); });
      each("a.jump", function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          focus(key, true);
          history.replaceState(null, "", "#ann-" + key);
        });
      }, rec);
    }, panel);
    each("[data-ann]", function (seg) {
      seg.addEventListener("mouseenter", function () {
        seg.getAttribute("data-ann").split(" ").forEach(function (key) {
          setClass(segmentsOf(key), "hover", true);
          setClass(recordsOf(key), "hover", true);
        });
      });
      seg.addEventListener("mouseleave", function () {
        seg.getAttribute("data-ann").split(" ").forEach(function (key) {
          setClass(segmentsOf(key), "hover", false);
          setClass(recordsOf(key), "hover", false);
        });
      });
      seg.addEventListener("click", function () {
        var key = seg.getAttribute("data-ann").split(" ")[0];
        focus(key, false);
        var rec = recordsOf(key)[0];
        if (rec) rec.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
    }, text);
    // Arriving at #ann-q0 or #event-<id> (links from the listings) lights the record up.
    if (location.hash) {
      var anchor = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (anchor && anchor.getAttribute("data-for")) focus(anchor.getAttribute("data-for"), true);
    }
  }

  // Network: hovering a node dims everything but its ties.
  var net = document.getElementById("network");
  if (net) {
    each(".node", function (node) {
      var id = node.getAttribute("data-node");
      node.addEventListener("mouseenter", function () {
        net.classList.add("dimmed");
        node.classList.add("lit");
        each(".edge", function (edge) {
          var src = edge.getAttribute("data-source"), dst = edge.getAttribute("data-target");
          if (src === id || dst === id) {
            edge.classList.add("lit");
            each('.node[data-node="' + CSS.escape(src === id ? dst : src) + '"]', function (n) { n.classList.add("lit"); }, net);
          }
        }, net);
      });
      node.addEventListener("mouseleave", function () {
        net.classList.remove("dimmed");
        each(".lit", function (el) { el.classList.remove("lit"); }, net);
      });
    }, net);
  }
})();
