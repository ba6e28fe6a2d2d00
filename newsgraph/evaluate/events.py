"""Score event coding against public gold corpora, each in its own format.

- ``cameo_manual_examples/gold.jsonl``: one CAMEO code per sentence (the codebook's
  examples): detection recall, root and full-code accuracy of the main event;
- ``conflibert_cameo/cameo_class__train.tsv``: PentaClass (0–4) per sentence, plus source
  and target spans from ``cameo_ner__train.txt`` where the sentence is there too;
- ``petrarch2_unittest/gold.jsonl``: PETRARCH2's unit tests, coded with their own actor and
  verb dictionaries: the share of expected events produced exactly (source, target, code)
  and by root, and the precision of what is produced;
- ``cameo_conflibert_multirater/``: how often our main root agrees with each human rater,
  next to how often two raters agree with each other;
- ``events_newsgraph.jsonl`` (``tests/evaluate/gold/``): newsgraph's own wire-style sentences
  with every event's code, source, target and date, and sentences without events: the
  precision of what is emitted, recall, sides and dates.

The main event of a sentence is the coded event nearest the root of the parse (a bare
statement only when nothing else is coded). Every set is split in two halves by a hash of
the sentence text (not by position, so that adding sentences moves none): the development
half ("dev") is the one patterns are tuned on; the held-out half ("test") is only scored,
and the CI floors sit on it.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors, InputError, UsageError
from newsgraph.evaluate.metrics import PRF, Accuracy
from newsgraph.extract.events.cameo import load_cameo
from newsgraph.extract.events.component import Coded, EventCoder
from newsgraph.model import Article, InputRef
from newsgraph.pipeline.build import build_pipeline

SPLITS = ("halves", "all", "dev", "test")
_NOTE = re.compile(r"\s+Note:.*$", re.DOTALL)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "its", "his", "her", "their"})


@dataclass
class SetScore:
    """Figures for one gold set and split."""

    name: str
    split: str
    sentences: int = 0
    detection: PRF = field(default_factory=PRF)
    root: Accuracy = field(default_factory=Accuracy)
    code: Accuracy = field(default_factory=Accuracy)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    extra: dict[str, float | int] = field(default_factory=dict)
    negatives: bool = False  # whether the set has sentences without events (for precision)

    def as_dict(self) -> dict[str, Any]:
        """Rounded figures for tables, JSON and floors."""
        row: dict[str, Any] = {
            "set": self.name,
            "split": self.split,
            "sentences": self.sentences,
            "detection_precision": _round(self.detection.precision) if self.negatives else None,
            "detection_recall": _round(self.detection.recall),
            "root_accuracy": _round(self.root.value) if self.root.total else None,
            "code_accuracy": _round(self.code.value) if self.code.total else None,
            "source_accuracy": _round(self.source.value) if self.source.total else None,
            "target_accuracy": _round(self.target.value) if self.target.total else None,
        }
        row.update({k: _round(v) if isinstance(v, float) else v for k, v in self.extra.items()})
        return row


def _round(value: float) -> float:
    return round(value, 4)


def half_of(text: str) -> str:
    """ "dev" or "test": the half a sentence belongs to, fixed by a hash of its text (with
    whitespace normalised), so that it never depends on its position in a file."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def in_split(text: str, split: str) -> bool:
    """Whether a sentence belongs to ``split`` ("all", "dev" or "test")."""
    return split == "all" or half_of(text) == split


def main_event(coded: list[Coded], speech: frozenset[str] = frozenset()) -> Coded | None:
    """The event nearest the root of the parse, preferring what a verb of saying reports
    over what modifies the saying; bare statements only when alone."""
    if not coded:
        return None
    specific = [c for c in coded if not c.statement and not c.derived] or [c for c in coded if not c.derived] or coded

    def rank(c: Coded) -> tuple[int, int, int]:
        root = c.token.sent.root
        content = [ch for ch in root.children if ch.dep_ in ("ccomp", "parataxis")] if root.lemma_.lower() in speech else []
        inside = any(ch.left_edge.i <= c.token.i <= ch.right_edge.i for ch in content)
        return (0 if inside or not content else 1, c.depth, c.token.i)

    return min(specific, key=rank)


class EventRunner:
    """Parse texts once with the pipeline and code their events with its event component."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._coded: dict[tuple[str, str | None], list[Coded]] = {}
        coder = nlp.get_pipe("newsgraph_events")
        if not isinstance(coder, EventCoder):
            raise UsageError(Errors.E550)
        self.coder = coder
        self.speech = coder.patterns.speech

    @classmethod
    def build(cls, actor_files: tuple[Path, ...] = (), verb_dictionaries: tuple[Path, ...] = ()) -> EventRunner:
        """A pipeline with optional extra actor dictionaries and PETRARCH verb dictionaries."""
        nlp = build_pipeline(PipelineConfig(actor_files=actor_files))
        if verb_dictionaries:
            nlp.remove_pipe("newsgraph_events")
            nlp.add_pipe("newsgraph_events", config={"verb_dictionaries": [str(p) for p in verb_dictionaries]})
        return cls(nlp)

    def code(self, texts: Iterable[tuple[str, str | None]]) -> Iterator[list[Coded]]:
        """Coded events per (text, publication date); each text is parsed once per runner,
        so scoring both halves of a set costs one pass."""
        keys = list(texts)
        missing = list(dict.fromkeys(k for k in keys if k not in self._coded))
        articles = [Article(id=f"eval{i}", input=InputRef(), text=text, published=published) for i, (text, published) in enumerate(missing)]

        def docs() -> Iterator[Any]:
            for article in articles:
                doc = self.nlp.make_doc(article.text)
                doc._.ng_article = article
                yield doc

        with self.nlp.select_pipes(disable=["newsgraph_events"]):
            for key, doc in zip(missing, self.nlp.pipe(docs(), batch_size=64), strict=True):
                self._coded[key] = self.coder.code(doc)
        for key in keys:
            yield self._coded[key]


# -- the gold sets ----------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(Errors.E551, path=path, reason=exc) from exc


def score_cameo_manual(path: Path, runner: EventRunner, split: str) -> SetScore:
    """CAMEO codebook examples: root and full code of the main event."""
    rows = [r for r in _read_jsonl(path) if in_split(r["text"], split)]
    score = SetScore("cameo_manual", split, sentences=len(rows))
    texts = [(_NOTE.sub("", r["text"]).strip(), None) for r in rows]
    for row, coded in zip(rows, runner.code(texts), strict=True):
        main = main_event(coded, runner.speech)
        if main is None:
            score.detection.fn += 1
            continue
        score.detection.tp += 1
        score.root.add(main.event.root == row["expected_root"])
        score.code.add(main.event.cameo == row["expected_code"])
    score.extra["root_accuracy_all"] = score.root.correct / len(rows) if rows else 0.0
    score.extra["code_accuracy_all"] = score.code.correct / len(rows) if rows else 0.0
    return score


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def _ner_spans(path: Path) -> dict[str, tuple[set[str], set[str]]]:
    """ConfliBERT's source (S) and target (T) words per sentence, keyed by letters only."""
    spans: dict[str, tuple[set[str], set[str]]] = {}
    if not path.is_file():
        return spans
    tokens: list[tuple[str, str]] = []
    lines = [*path.read_text(encoding="utf-8").splitlines(), ""]
    for line in lines:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            tokens.append((word, tag))
            continue
        if tokens:
            key = _letters("".join(w for w, _ in tokens))
            source = _words(" ".join(w for w, t in tokens if t.endswith("-S")))
            target = _words(" ".join(w for w, t in tokens if t.endswith("-T")))
            spans[key] = (source, target)
            tokens = []
    return spans


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


def _side_words(side: Any) -> set[str]:
    if side is None:
        return set()
    mention = side.mention.text if side.mention is not None else None
    return _words(mention) | _words(side.name)


def score_conflibert(path: Path, runner: EventRunner, split: str) -> SetScore:
    """ConfliBERT PentaClass: the main event's PentaClass; source/target word overlap."""
    cameo = load_cameo()
    try:
        rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    except OSError as exc:
        raise InputError(Errors.E551, path=path, reason=exc) from exc
    rows = [r for r in rows if in_split(r[0], split)]
    spans = _ner_spans(path.with_name("cameo_ner__train.txt"))
    score = SetScore("conflibert_pentaclass", split, sentences=len(rows))
    penta = Accuracy()
    for (text, label), coded in zip(rows, runner.code((t, None) for t, _ in rows), strict=True):
        main = main_event(coded, runner.speech)
        if main is None:
            score.detection.fn += 1
            continue
        score.detection.tp += 1
        predicted = cameo.describe(main.event.cameo).penta_class
        penta.add(str(predicted) == label.strip())
        gold = spans.get(_letters(text))
        if gold is not None:
            source, target = gold
            if source:
                score.source.add(bool(_side_words(main.event.source) & source))
            if target:
                score.target.add(bool(_side_words(main.event.target) & target))
    score.root = penta
    score.extra["pentaclass_accuracy"] = penta.value
    score.extra["pentaclass_accuracy_all"] = penta.correct / len(rows) if rows else 0.0
    return score


def _petrarch_date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def score_petrarch(path: Path, runner: EventRunner, split: str) -> SetScore:
    """PETRARCH2 unit tests: expected events produced exactly and by root."""
    rows = [r for r in _read_jsonl(path) if in_split(r["text"], split)]
    score = SetScore("petrarch2_unittest", split, sentences=len(rows), negatives=True)
    exact = Accuracy()
    by_root = Accuracy()
    produced_right = Accuracy()
    no_event_right = Accuracy()
    texts = [(r["text"], _petrarch_date(r.get("date"))) for r in rows]
    for row, coded in zip(rows, runner.code(texts), strict=True):
        produced = {(_code_of(c.event.source), _code_of(c.event.target), c.event.cameo) for c in coded if not c.event.negated}
        gold = {(e.get("source"), e.get("target"), e["code"]) for e in row["expected_events"]}
        if row.get("expected_no_events") or not gold:
            no_event_right.add(not produced)
            score.detection.fp += len(produced)
            continue
        score.detection.tp += sum(1 for g in gold if any(p[2][:2] == g[2][:2] for p in produced))
        score.detection.fn += sum(1 for g in gold if not any(p[2][:2] == g[2][:2] for p in produced))
        for g in gold:
            exact.add(g in produced)
            by_root.add(any(p[0] == g[0] and p[1] == g[1] and p[2][:2] == g[2][:2] for p in produced))
            root_hit = any(p[2][:2] == g[2][:2] for p in produced)
            score.root.add(root_hit)
            score.code.add(any(p[2] == g[2] for p in produced))
            score.source.add(any(p[0] == g[0] for p in produced))
            score.target.add(any(p[1] == g[1] for p in produced))
        for p in produced:
            produced_right.add(p in gold)
    score.extra["exact_share"] = exact.value
    score.extra["dyad_root_share"] = by_root.value
    score.extra["produced_exact_precision"] = produced_right.value
    score.extra["no_event_correct"] = no_event_right.value
    return score


def _code_of(side: Any) -> str | None:
    return side.code if side is not None else None


_RATER_COLUMN = re.compile(r"^Action1_CAMEO_(\d+)$")
_RATER_ROOT = re.compile(r"^\s*\d-(\d{1,2})\b")


def score_multirater(folder: Path, runner: EventRunner, split: str) -> SetScore:
    """Agreement on the CAMEO root of the main action: newsgraph with each rater, and
    rater with rater, over the sentences both coded."""
    rows: list[tuple[str, dict[str, str]]] = []
    for path in sorted(folder.glob("round*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                roots = {}
                for column, value in record.items():
                    m = _RATER_COLUMN.match(column or "")
                    r = _RATER_ROOT.match(value or "")
                    if m and r:
                        roots[m.group(1)] = r.group(1).zfill(2)
                text = (record.get("sentences") or "").strip()
                if text and roots:
                    rows.append((text, roots))
    rows = [r for r in rows if in_split(r[0], split)]
    score = SetScore("conflibert_multirater", split, sentences=len(rows))
    human = Accuracy()
    machine = Accuracy()
    consensus = Accuracy()  # sentences all of whose (two or more) raters chose one root
    for (_, roots), coded in zip(rows, runner.code((t, None) for t, _ in rows), strict=True):
        for a, b in itertools.combinations(sorted(roots), 2):
            human.add(roots[a] == roots[b])
        main = main_event(coded, runner.speech)
        agreed = len(roots) > 1 and len(set(roots.values())) == 1
        if main is None:
            score.detection.fn += 1
            for _ in roots:
                machine.add(False)
            if agreed:
                consensus.add(False)
            continue
        score.detection.tp += 1
        for root in roots.values():
            machine.add(main.event.root == root)
            score.root.add(main.event.root == root)
        if agreed:
            consensus.add(main.event.root == next(iter(roots.values())))
    score.extra["human_pair_root_agreement"] = human.value
    score.extra["newsgraph_rater_root_agreement"] = machine.value
    score.extra["newsgraph_consensus_root_agreement"] = consensus.value
    score.extra["consensus_sentences"] = consensus.total
    return score


# -- newsgraph's own gold (tests/evaluate/gold/events_newsgraph.jsonl) ---------------------------

_CODE = re.compile(r"^[A-Z]{3,}$")


def _alternatives(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def side_matches(actor: Any, expected: Any) -> bool:
    """Whether an emitted side fits the gold side: ``None`` is not scored, ``"none"`` wants no
    actor, a code in capitals the actor's country or CAMEO code prefix ("RUS", "IGOEUREEC"), other words a name
    whose words all appear in the actor's name, mention or id ("EU", "Red Cross")."""
    if expected is None:
        return True
    if expected == "none":
        return actor is None
    if actor is None:
        return False
    words = _words(actor.name) | _words(actor.mention.text if actor.mention else None) | _words(actor.actor)
    for alternative in _alternatives(expected):
        if _CODE.match(alternative):
            if actor.country == alternative or (actor.code or "").startswith(alternative):
                return True
        elif _words(alternative) and _words(alternative) <= words:
            return True
    return False


def _fits(event: Any, gold: dict[str, Any], sides: bool = True) -> bool:
    """Same CAMEO root as one of the gold codes and, with ``sides``, both sides right."""
    if event.root not in {code[:2] for code in _alternatives(gold["code"])}:
        return False
    return not sides or (side_matches(event.source, gold.get("source")) and side_matches(event.target, gold.get("target")))


def score_newsgraph(path: Path, runner: EventRunner, split: str) -> SetScore:
    """newsgraph's own wire-style gold: precision of emitted events (root and both sides
    right, optional gold events count as right), recall of required events, full code,
    sides and date of the events found."""
    rows = [r for r in _read_jsonl(path) if in_split(r["text"], split)]
    score = SetScore("newsgraph", split, sentences=len(rows), negatives=True)
    root_recall, root_precision, date = Accuracy(), Accuracy(), Accuracy()
    for row, coded in zip(rows, runner.code((r["text"], r.get("published")) for r in rows), strict=True):
        emitted = [c.event for c in coded if not c.event.negated]
        gold = row["events"]
        required = [g for g in gold if not g.get("optional")]
        for event in emitted:
            root_precision.add(any(_fits(event, g, sides=False) for g in gold))
            if any(_fits(event, g) for g in gold):
                score.detection.tp += 1
            else:
                score.detection.fp += 1
        for g in required:
            same_root = [e for e in emitted if _fits(e, g, sides=False)]
            found = [e for e in same_root if _fits(e, g)]
            root_recall.add(bool(same_root))
            if not found:
                score.detection.fn += 1
            if same_root:
                score.code.add(any(e.cameo in _alternatives(g["code"]) for e in found or same_root))
                if g.get("source") is not None:
                    score.source.add(any(side_matches(e.source, g["source"]) for e in same_root))
                if g.get("target") is not None:
                    score.target.add(any(side_matches(e.target, g["target"]) for e in same_root))
            if found and g.get("date") is not None:
                date.add(any(e.date in _alternatives(g["date"]) for e in found))
    score.extra["root_precision"] = root_precision.value
    score.extra["root_recall"] = root_recall.value
    score.extra["date_accuracy"] = date.value
    score.extra["no_event_sentences"] = sum(1 for r in rows if not r["events"])
    return score


# -- entry point ------------------------------------------------------------------------------

GoldSet = tuple[str, Path, Callable[[Path, EventRunner, str], SetScore]]


def find_gold_sets(gold: Path) -> list[GoldSet]:
    """The gold sets under a folder (``../shared/eval``) or the one a path names."""
    known: list[GoldSet] = [
        ("cameo_manual", Path("cameo_manual_examples/gold.jsonl"), score_cameo_manual),
        ("conflibert", Path("conflibert_cameo/cameo_class__train.tsv"), score_conflibert),
        ("petrarch", Path("petrarch2_unittest/gold.jsonl"), score_petrarch),
        ("multirater", Path("cameo_conflibert_multirater"), score_multirater),
        ("newsgraph", Path("events_newsgraph.jsonl"), score_newsgraph),
    ]
    if not gold.exists():
        raise UsageError(Errors.E552, path=gold)
    found = []
    for name, relative, scorer in known:
        if gold.is_dir() and (gold / relative).exists():
            found.append((name, gold / relative, scorer))
        elif gold.resolve().as_posix().endswith(relative.as_posix()):
            found.append((name, gold, scorer))
    if not found:
        names = ", ".join(relative.as_posix() for _, relative, _ in known)
        raise UsageError(Errors.E553, path=gold, known=names)
    return found


def evaluate_events(gold: Path | Sequence[Path], split: str = "halves", sets: Iterable[str] | None = None) -> list[SetScore]:
    """Score every gold set found at ``gold`` (one path or several), each half apart by
    default ("halves": dev, then test); PETRARCH's set uses its own dictionaries."""
    if split not in SPLITS:
        raise UsageError(Errors.E554, splits=", ".join(SPLITS), value=split)
    halves = ("dev", "test") if split == "halves" else (split,)
    wanted = set(sets) if sets else None
    scores: list[SetScore] = []
    runner: EventRunner | None = None
    for name, path, scorer in [found for folder in ([gold] if isinstance(gold, Path) else gold) for found in find_gold_sets(folder)]:
        if wanted is not None and name not in wanted:
            continue
        if name == "petrarch":
            folder = path.parent
            dictionaries = tuple(p for p in (folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt") if p.is_file())
            verbs = folder / "PETR.Validate.verbs.txt"
            petrarch = EventRunner.build(actor_files=dictionaries, verb_dictionaries=(verbs,) if verbs.is_file() else ())
            scores.extend(scorer(path, petrarch, half) for half in halves)
            continue
        runner = runner or EventRunner.build()
        scores.extend(scorer(path, runner, half) for half in halves)
    return scores
