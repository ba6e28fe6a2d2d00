"""The pages in Chromium: the article reader's highlights and side panel, an events filter,
the timeline and network charts, the XSS article rendering inertly, the offline API docs."""

from __future__ import annotations

import datetime as dt
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Article
from tests.support.sample_store import XSS_IMG, XSS_SCRIPT

pytestmark = pytest.mark.browser


def _article(web_store: tuple[Path, list[Article]], outlet: str, word: str) -> Article:
    return next(a for a in web_store[1] if a.outlet == outlet and word in a.text)


def _clean(page: Any) -> None:
    assert page.problems == [], page.problems
    assert page.outside == [], page.outside


def test_article_reader_highlights_records_and_points_into_the_text(page: Any, web_store: tuple[Path, list[Article]]) -> None:
    article = _article(web_store, "Eastern Wire", "Sikorski")
    page.goto(f"/articles/{article.id}")
    text = page.locator("#article-text")
    assert text.inner_text() == article.text
    # Every actor mention, the quote, its speaker and every event trigger is marked.
    mentions = sum(len(a.mentions) for a in article.actors)
    assert page.locator("#article-text .hl-actor").count() >= mentions
    triggers = [t.strip() for t in page.locator("#article-text .hl-trigger").all_inner_texts()]
    assert set(triggers) == {e.trigger.text for e in article.events}
    quote = page.locator("#article-text .hl-quote").first
    assert "speaker: Radoslaw Sikorski" in (quote.get_attribute("title") or "")
    # Hovering the quotation lights up its speaker.
    quote.hover()
    assert page.locator("#article-text .hl-speaker.hover").inner_text() == "Sikorski"
    # The side panel lists every record; clicking an event focuses its trigger in the text.
    panel = page.locator("#panel")
    assert panel.locator(".rec-actor").count() == len(article.actors)
    assert panel.locator(".rec-quote").count() == len(article.quotes)
    assert panel.locator(".rec-event").count() == len(article.events)
    index = next(i for i, e in enumerate(article.events) if e.cameo == "174")
    panel.locator(f'.rec-event[data-ann="e{index}"] a.jump').click()
    focused = page.locator("#article-text .focus")
    assert focused.count() == 1 and focused.inner_text() == "expelled"
    assert page.locator(f'.rec-event[data-ann="e{index}"]').get_attribute("class").split().count("focus") == 1
    assert page.locator("a.api-twin").get_attribute("href") == f"/api/articles/{article.id}"
    _clean(page)


def test_events_filter_narrows_the_table_and_keeps_the_url_short(page: Any, web_store: tuple[Path, list[Article]]) -> None:
    page.goto("/events")
    total = sum(len(a.events) for a in web_store[1])
    assert page.locator("table.events tbody tr").count() == total
    page.select_option("select[name=quad_class]", "4")
    page.fill("input[name=source_country]", "rus")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*")
    assert page.url.endswith("/events?source_country=rus&quad_class=4")
    rows = page.locator("table.events tbody tr")
    expected = [e for a in web_store[1] for e in a.events if e.quad_class == 4 and e.source and e.source.country == "RUS"]
    assert rows.count() == len(expected) == 1
    assert "Employ aerial weapons" in rows.first.inner_text()
    assert page.locator("a.api-twin").get_attribute("href") == "/api/events?source_country=rus&quad_class=4"
    # The trigger links to the event inside its article, which lights it up.
    rows.first.locator("a.trigger-link").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#article-text .focus").inner_text() == "strikes"
    _clean(page)


def test_timeline_chart_draws_the_counts(page: Any, web_store: tuple[Path, list[Article]]) -> None:
    page.goto("/timeline?interval=month")
    chart = page.locator("svg.bar-chart")
    assert chart.count() == 1 and chart.is_visible()
    bars = chart.locator("rect.bar")
    assert bars.count() > 0
    titles = bars.evaluate_all("els => els.map(e => e.querySelector('title').textContent)")
    counted = sum(int(t.rsplit(" ", 1)[1]) for t in titles)
    assert counted == sum(len(a.events) for a in web_store[1])
    assert all(float(h) > 0 for h in bars.evaluate_all("els => els.map(e => e.getAttribute('height'))"))
    assert chart.locator("polyline.line").count() >= 1
    _clean(page)


def test_time_axis_ticks_are_evenly_spaced_in_time(page: Any) -> None:
    for interval in ("day", "week"):  # the sample spans two months; months: tests/server/test_charts.py
        page.goto(f"/timeline?interval={interval}")
        ticks = page.locator("svg.bar-chart text.tick.x").evaluate_all(
            "els => els.map(e => [e.getBoundingClientRect().left + e.getBoundingClientRect().width / 2, e.dataset.period])"
        )
        assert len(ticks) >= 3, interval
        xs = [x for x, _ in ticks]
        starts = [dt.date.fromisoformat(p) for _, p in ticks]
        assert len({(b - a).days for a, b in pairwise(starts)}) == 1, (interval, starts)  # the same time between ticks
        gaps = [b - a for a, b in pairwise(xs)]
        assert max(gaps) - min(gaps) < 1.0, (interval, xs)  # ... and the same distance on screen
    _clean(page)


def test_no_two_network_labels_overlap(page: Any) -> None:
    page.goto("/network")
    boxes = page.locator("svg#network g.node text").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect(); return [e.textContent, b.left, b.top, b.right, b.bottom]; })"
    )
    assert len(boxes) > 3
    clashes = [(a[0], b[0]) for a, b in combinations(boxes, 2) if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert clashes == []
    _clean(page)


def test_network_chart_draws_nodes_and_edges(page: Any, live_server: str) -> None:
    page.goto("/network")
    svg = page.locator("svg#network")
    assert svg.is_visible()
    api = page.request.get(f"{live_server}/api/network").json()
    assert svg.locator("g.node").count() == len(api["nodes"]) > 3
    drawn = {(e.get_attribute("data-source"), e.get_attribute("data-target")) for e in svg.locator("path.edge").all()}
    assert drawn == {(e["source"], e["target"]) for e in api["edges"] if e["source"] != e["target"]}
    labels = set(svg.locator("g.node text").all_text_contents())
    assert {"Germany", "Ukraine", "Belarus"} <= labels
    # Hovering a node dims the rest of the graph.
    svg.locator('g.node[data-node="country:DEU"] circle').hover()
    assert "dimmed" in (svg.get_attribute("class") or "")
    _clean(page)


def test_xss_article_renders_inertly(page: Any, web_store: tuple[Path, list[Article]]) -> None:
    article = _article(web_store, "Bosphorus Daily", "<script>")
    page.goto(f"/articles/{article.id}")
    text = page.locator("#article-text")
    assert XSS_SCRIPT in text.inner_text() and XSS_IMG in text.inner_text()
    assert text.locator("script, img, b").count() == 0
    assert XSS_SCRIPT in page.locator("h1").inner_text()
    assert page.locator("#panel i").count() == 0 and "Hakan <i>Fidan</i>" in page.locator("#panel").inner_text()
    # Listings show the title as text too.
    page.goto("/articles?search=Turkey")
    assert XSS_SCRIPT in page.locator("table.listing").inner_text()
    assert page.locator("table.listing script").count() == 0
    _clean(page)  # no alert() dialog ever opened


def test_api_docs_render_offline(page: Any) -> None:
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "/api/events" in page.locator(".swagger-ui").inner_text()
    _clean(page)


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/quotes", "/actors", "/actors/country:RUS", "/clusters", "/compare?a=TASS&b=Rhine+Post", "/duplicates"]
)
def test_other_pages_render_without_errors(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").inner_text()
    twin = page.locator("a.api-twin").get_attribute("href")
    assert page.request.get(page.url.split(path)[0] + twin).json()["ok"] is True
    _clean(page)
