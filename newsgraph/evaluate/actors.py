"""Score actor resolution on NGEC's actor-resolution expectations.

The gold file (``ngec_plover/actor_resolution_expectations.jsonl``, derived from NGEC's
``test_actor_resolution.py``) holds short texts — "French President Emmanuel Macron",
"Mexican authorities", "Tony Blair" on a given date — and what NGEC's resolver should say:
the country (ISO3, or NGEC's ``IGO``/``EUR``/``UNO`` for international bodies) and the first
CAMEO sector code. Each text is analysed as a one-line article published on the query date
("today" when none); the actor whose mention covers the phrase's head word is its resolution (a text that names
only a place resolves to the place's country, as in NGEC).

Reported: country accuracy (every expectation that asserts a country, also without the ones
NGEC itself marks xfail/skip) and sector accuracy where a sector is asserted. NGEC resolves
names through an offline Wikipedia index; newsgraph through its shipped dictionary and the
text itself, so unknown people (not office-holders) are expected misses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import dateparser

from newsgraph.errors import Errors, InputError
from newsgraph.evaluate.metrics import Accuracy
from newsgraph.model import Actor, Article, InputRef
from newsgraph.pipeline import Analyzer, article_from_doc, make_doc

_CALLS = ("agent_to_code", "search_nat", "short_text_to_agent", "trf_agent_match")
_COUNTRY_SIDES = ("code['country']", "cc")


@dataclass(frozen=True)
class Expectation:
    """One scored text: expected country ("" for none) and sector, and how NGEC marks it."""

    test: str
    text: str
    day: date
    country: str | None
    country_op: str
    sector: str | None
    marked: bool


@dataclass(frozen=True)
class Resolution:
    """What newsgraph made of one text."""

    expectation: Expectation
    actor: Actor | None
    country: str
    sector: str

    @property
    def country_ok(self) -> bool:
        """Whether the country matches the expectation (``NotEq`` expectations inverted)."""
        expected = self.expectation.country or ""
        same = self.country == expected
        return not same if self.expectation.country_op == "NotEq" else same

    @property
    def sector_ok(self) -> bool:
        """Whether the sector matches the expected first code."""
        return self.sector == (self.expectation.sector or "")


@dataclass
class ActorScores:
    """Accuracies over a gold file, and every resolution for inspection."""

    country: Accuracy = field(default_factory=Accuracy)
    country_unmarked: Accuracy = field(default_factory=Accuracy)
    sector: Accuracy = field(default_factory=Accuracy)
    resolutions: list[Resolution] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Figures for reports and floor tests."""
        return {
            "country_accuracy": round(self.country.value, 4),
            "country_n": self.country.total,
            "country_accuracy_unmarked": round(self.country_unmarked.value, 4),
            "country_unmarked_n": self.country_unmarked.total,
            "sector_accuracy": round(self.sector.value, 4),
            "sector_n": self.sector.total,
        }


def _day(value: Any, today: date) -> date:
    text = str(value or "").strip()
    if not text or text.lower() == "today":
        return today
    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else today


def _expectation(record: dict[str, Any], today: date) -> Expectation | None:
    call = next((c for c in record.get("calls", []) if c.get("fn") in _CALLS), None)
    if call is None or not call.get("args"):
        return None
    args, kwargs = call["args"], call.get("kwargs") or {}
    country: str | None = None
    op = "Eq"
    sector: str | None = None
    for assertion in record.get("asserts", []):
        lhs, expected = assertion.get("lhs"), assertion.get("expected")
        if lhs in _COUNTRY_SIDES and assertion.get("op") in ("Eq", "NotEq"):
            country, op = str(expected or ""), assertion["op"]
        elif lhs == "code" and assertion.get("op") == "Is" and expected is None:
            country = ""
        elif lhs == "code['code_1']" and assertion.get("op") == "Eq":
            sector = str(expected or "")
    if country is None and sector is None:
        return None
    raw_day = kwargs.get("query_date") or (args[2] if len(args) > 2 else None)
    return Expectation(
        test=str(record.get("test", "")),
        text=str(args[0]),
        day=_day(raw_day, today),
        country=country,
        country_op=op,
        sector=sector,
        marked=bool(record.get("pytest_marks")),
    )


def load_expectations(path: Path, today: date | None = None) -> list[Expectation]:
    """The scorable expectations in a gold file."""
    today = today or date.today()
    found = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(Errors.E718, path=path, reason=exc.strerror) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Errors.E719, path=path, line=number, reason=exc.msg) from exc
        expectation = _expectation(record, today)
        if expectation is not None:
            found.append(expectation)
    return found


def ngec_country(actor: Actor | None) -> str:
    """An actor's country in NGEC's convention: ISO3, ``EUR`` for the EU, ``UNO`` for UN
    bodies, ``IGO`` for other international organisations, "" for none."""
    if actor is None:
        return ""
    code = actor.code or ""
    if code.startswith("IGOEUREEC"):
        return "EUR"
    if code.startswith("IGOUNO"):
        return "UNO"
    if code.startswith("IGO"):
        return "IGO"
    return actor.country or ""


def head_actor(article: Article, doc_root_char: int) -> Actor | None:
    """The actor with a mention covering the phrase's head word, else the first one with a
    country or code (the text names it somewhere), else none."""
    for actor in article.actors:
        if any(m.start <= doc_root_char < m.end for m in actor.mentions):
            return actor
    return next((a for a in article.actors if a.country or a.code), None)


def resolve(expectations: Iterable[Expectation], analyzer: Analyzer) -> Iterator[Resolution]:
    """Analyse each expectation's text as a one-line article on its date."""
    nlp = analyzer.nlp
    for expectation in expectations:
        published = expectation.day.isoformat()
        article = Article(id=expectation.test, input=InputRef(id=expectation.test), text=expectation.text, published=published)
        doc = nlp(make_doc(nlp, article))
        roots = [sent.root for sent in doc.sents]
        root_char = roots[0].idx if roots else 0
        analysed = article_from_doc(doc)
        actor = head_actor(analysed, root_char)
        # A text naming only a place ("Mariupol") resolves, as in NGEC, to the place's country.
        country = ngec_country(actor) if actor is not None else next((p.country for p in analysed.places if p.country), "")
        yield Resolution(expectation, actor, country or "", (actor.sector or "") if actor else "")


def evaluate_actors(path: Path, analyzer: Analyzer | None = None, today: date | None = None) -> ActorScores:
    """Score country (and sector) resolution on an NGEC expectations file."""
    analyzer = analyzer or Analyzer()
    scores = ActorScores()
    for resolution in resolve(load_expectations(path, today), analyzer):
        expectation = resolution.expectation
        scores.resolutions.append(resolution)
        if expectation.country is not None:
            scores.country.add(resolution.country_ok)
            if not expectation.marked:
                scores.country_unmarked.add(resolution.country_ok)
        if expectation.sector is not None:
            scores.sector.add(resolution.sector_ok)
    return scores
