"""Score quotation extraction against PolNeAR (attribution relations: source, cue, content).

Gold comes either as the derived JSON Lines file (``polnear_dev.jsonl``: one record per
annotated article) or as a brat folder (``data/dev`` with ``text/`` and ``attributions/``).
The article texts are run through the full pipeline as they are (no cleaning, so offsets
agree) and three span sets are compared per article:

- **content**: every gold content fragment against every predicted quotation (``term``
  quotes — scare quotes, titles — are not attributions and are left out; so are quotations
  nested inside another predicted quotation, since PolNeAR gives each token to at most one
  attribution);
- **cue**: each attribution's cue (the hull of its fragments) against the predicted cues;
- **source**: each attribution's source span against the predicted speaker *mention* spans
  (PolNeAR sources are spans: a pronoun stays a pronoun, so the resolved actor is not scored).

Two matchings: **exact** (same span once quotation marks, punctuation and spaces at either
end are set aside — PolNeAR includes the marks in a content span, newsgraph's direct quote
text lies inside them) and **overlap** (``metrics.overlap_match``: at least half the gold
characters covered). Two subsets: **all** attributions, and the **quote-marked** ones — those
whose content has a double quotation mark in or right next to it, on the gold side and the
predicted side alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import Errors, InputError
from newsgraph.evaluate.metrics import PRF, Span, exact_match, match_spans, overlap_match
from newsgraph.model import Article, InputRef, Quote

ROLES = ("content", "cue", "source")
SUBSETS = ("all", "quote-marked")
MATCHINGS = ("exact", "overlap")
_EDGE = " \t\n\"“”„«»‟‘’',.;:!?—–-…()"
_DOUBLE_MARK = re.compile('["“”„«»‟]')


@dataclass
class GoldAttribution:
    """One PolNeAR attribution: its source, cue and content fragments as character spans."""

    source: list[Span]
    cue: list[Span]
    content: list[Span]


@dataclass
class GoldArticle:
    """One annotated article (an article annotated by several people appears once per annotator)."""

    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _spans(items: Iterable[dict]) -> list[Span]:
    return [(int(item["start"]), int(item["end"])) for item in items]


def read_jsonl(path: Path) -> list[GoldArticle]:
    """The derived PolNeAR JSON Lines file."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                attributions = [
                    GoldAttribution(_spans(a.get("source", [])), _spans(a.get("cue", [])), _spans(a.get("content", [])))
                    for a in record["attributions"]
                ]
                name = f"{record.get('article', number)}_{record.get('annotator', '')}"
                articles.append(GoldArticle(name, record["text"], attributions))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(Errors.E713, path=path, line=number, reason=exc) from exc
    return articles


_BRAT_TEXT = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.MULTILINE)
_BRAT_EVENT = re.compile(r"^E\d+\t(.+)$", re.MULTILINE)


def read_brat(folder: Path) -> list[GoldArticle]:
    """A PolNeAR brat folder: ``attributions/<article>_<annotator>.ann`` beside ``text/<article>.txt``."""
    ann_dir = folder / "attributions"
    text_dir = folder / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise InputError(Errors.E714, path=folder)
    articles = []
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text_file = text_dir / f"{stem}.txt"
        if not text_file.is_file():
            raise InputError(Errors.E715, path=ann, name=text_file.name)
        content = ann.read_text(encoding="utf-8")
        spans: dict[str, list[Span]] = {}
        for match in _BRAT_TEXT.finditer(content):
            fragments = [part.split() for part in match.group(3).split(";")]
            spans[match.group(1)] = [(int(a), int(b)) for a, b in fragments]
        attributions = []
        for match in _BRAT_EVENT.finditer(content):
            roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
            for arg in match.group(1).split():
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")
                if role in roles:
                    roles[role].extend(spans.get(ref, []))
            attributions.append(GoldAttribution(roles["Source"], roles["Cue"], roles["Content"]))
        articles.append(GoldArticle(ann.stem, text_file.read_text(encoding="utf-8"), attributions))
    return articles


def read_gold(path: Path) -> list[GoldArticle]:
    """PolNeAR gold from a JSON Lines file or a brat folder."""
    if path.is_dir():
        return read_brat(path)
    if path.is_file():
        return read_jsonl(path)
    raise InputError(Errors.E716, path=path)


# -- spans ----------------------------------------------------------------------------------


def normalize(text: str, span: Span) -> Span:
    """The span without quotation marks, punctuation and spaces at either end."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if end > start else span


def quote_marked(text: str, spans: Sequence[Span]) -> bool:
    """Whether a double quotation mark lies in or right next to any of the spans."""
    return any(_DOUBLE_MARK.search(text[max(0, s - 1) : e + 1]) for s, e in spans)


def hull(spans: Sequence[Span]) -> Span | None:
    """The smallest span covering all fragments."""
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def scored_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Attributed quotations only: no terms, nothing nested inside another quotation."""
    kept = [q for q in quotes if q.kind != "term"]
    return [
        q
        for q in kept
        if not any(o is not q and o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end) for o in kept)
    ]


@dataclass
class SpanSets:
    """The content, cue and source spans of one side (gold or predicted) of one article."""

    content: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)

    def add(self, content: Iterable[Span], cue: Span | None, source: Span | None) -> None:
        self.content.extend(content)
        if cue is not None and cue not in self.cue:
            self.cue.append(cue)
        if source is not None and source not in self.source:
            self.source.append(source)


def gold_sets(article: GoldArticle, marked_only: bool) -> SpanSets:
    """Gold spans of one article (of its quote-marked attributions when ``marked_only``)."""
    sets = SpanSets()
    for attribution in article.attributions:
        if marked_only and not quote_marked(article.text, attribution.content):
            continue
        sets.add(attribution.content, hull(attribution.cue), hull(attribution.source))
    return sets


def predicted_sets(text: str, quotes: Sequence[Quote], marked_only: bool) -> SpanSets:
    """Predicted spans of one article (of its quote-marked quotations when ``marked_only``)."""
    sets = SpanSets()
    for quote in scored_quotes(quotes):
        if marked_only and not quote_marked(text, [(quote.start, quote.end)]):
            continue
        cue = (quote.cue.start, quote.cue.end) if quote.cue else None
        mention = quote.speaker.mention if quote.speaker else None
        sets.add([(quote.start, quote.end)], cue, (mention.start, mention.end) if mention else None)
    return sets


# -- scoring --------------------------------------------------------------------------------


@dataclass
class QuoteScores:
    """PRF per (subset, matching, role)."""

    articles: int = 0
    attributions: int = 0
    scores: dict[tuple[str, str, str], PRF] = field(default_factory=dict)

    def prf(self, subset: str, matching: str, role: str) -> PRF:
        """The counts of one view and role."""
        return self.scores.setdefault((subset, matching, role), PRF())

    def as_dict(self) -> dict[str, object]:
        """Nested ``{subset: {matching: {role: {tp, fp, fn, precision, recall, f1}}}}``."""
        views: dict[str, dict[str, dict[str, object]]] = {}
        for (subset, matching, role), prf in sorted(self.scores.items()):
            views.setdefault(subset, {}).setdefault(matching, {})[role] = prf.as_dict()
        return {"articles": self.articles, "attributions": self.attributions, "views": views}


def _matcher(text: str, matching: str) -> Callable[[Span, Span], bool]:
    same = exact_match if matching == "exact" else overlap_match
    return lambda p, g: same(normalize(text, p), normalize(text, g))


def score_article(scores: QuoteScores, article: GoldArticle, quotes: Sequence[Quote]) -> None:
    """Add one article's counts to ``scores``."""
    scores.articles += 1
    scores.attributions += len(article.attributions)
    for subset in SUBSETS:
        marked_only = subset == "quote-marked"
        gold = gold_sets(article, marked_only)
        predicted = predicted_sets(article.text, quotes, marked_only)
        for matching in MATCHINGS:
            same = _matcher(article.text, matching)
            for role in ROLES:
                counts = match_spans(getattr(predicted, role), getattr(gold, role), same)
                key = (subset, matching, role)
                scores.scores[key] = scores.prf(subset, matching, role) + counts


def predict(articles: Sequence[GoldArticle], analyze: Callable[[Iterable[Article]], Iterable[Article]]) -> dict[str, list[Quote]]:
    """Quotations for each distinct article text, through ``analyze`` (e.g. Analyzer.analyze_many)."""
    texts = list(dict.fromkeys(a.text for a in articles))
    inputs = [Article(id=f"polnear-{i}", input=InputRef(id=str(i)), text=text) for i, text in enumerate(texts)]
    return {result.text: result.quotes for result in analyze(inputs)}


def evaluate_quotes(path: Path, analyze: Callable[[Iterable[Article]], Iterable[Article]]) -> QuoteScores:
    """Read PolNeAR gold at ``path``, run ``analyze`` over its articles and score all views."""
    articles = read_gold(path)
    if not articles:
        raise InputError(Errors.E717, path=path)
    predicted = predict(articles, analyze)
    scores = QuoteScores()
    for article in articles:
        score_article(scores, article, predicted.get(article.text, []))
    return scores


def score_rows(scores: QuoteScores) -> list[dict[str, object]]:
    """One row per view and role, for printing."""
    rows: list[dict[str, object]] = []
    for subset in SUBSETS:
        for matching in MATCHINGS:
            for role in ROLES:
                prf = scores.prf(subset, matching, role)
                rows.append({"subset": subset, "matching": matching, "role": role, **prf.as_dict()})
    return rows
