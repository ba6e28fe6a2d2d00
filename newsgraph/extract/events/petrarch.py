"""PETRARCH verb dictionaries (the format of ``PETR.Validate.verbs.txt``) as extra event
patterns, so that corpora coded with PETRARCH dictionaries can be scored.

The format, as far as newsgraph reads it:

- ``&NAME`` starts a synset; the ``+WORD`` lines after it are its members;
- ``--- NAME [code] ---`` starts a verb block; the lines after it that do not start with
  ``-`` are verbs (``BAN {BANS BANNED} [191]``: forms in braces, an optional own code);
- ``- words * words [code]`` is a pattern: ``*`` stands for the verb, ``_`` joins words,
  ``&NAME`` refers to a synset, ``+``/``$``/``%`` mark target, source and compound actors;
- ``[a:b]`` codes the source→target event ``a`` and the reverse event ``b``; ``[---]`` none;
- ``#`` starts a comment and ``<!-- … -->`` blocks are comments.

PETRARCH matches phrase patterns over constituency parses; newsgraph approximates a pattern
by its verb plus the words after ``*`` (any of them among the verb's arguments), and a
pattern whose words before ``*`` include a negator by a negated verb.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.errors import DataFileError, Errors
from newsgraph.extract.events.patterns import Pattern, Terms

_CODE = re.compile(r"\[([^\]]*)\]")
_NEGATORS = frozenset({"not", "no", "never", "n't", "did_n't", "wo_n't", "ca_n't"})
_MARKERS = "+$%^"


def _words(raw: str) -> list[str]:
    return [w for w in raw.replace("_", " ").split() if w]


def _code(text: str) -> tuple[str | None, str | None]:
    """``[064]`` → ("064", None); ``[032:033]`` → ("032", "033"); ``[---]`` → (None, None)."""
    match = _CODE.search(text)
    if match is None:
        return None, None
    parts = [p.strip() for p in match.group(1).split(":")]
    codes = [p if p.isdigit() else None for p in parts]
    return codes[0], codes[1] if len(codes) > 1 else None


def _strip_comments(text: str) -> list[str]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def _term(word: str, synsets: dict[str, list[str]]) -> list[str]:
    word = word.strip(_MARKERS)
    if not word or word == "*":
        return []
    if word.startswith("&"):
        members = synsets.get(word[1:].rstrip("_"), [])
        return [m for member in members for m in _term(member, synsets)]
    return [" ".join(word.lower().replace("_", " ").split())]


def parse_petrarch_verbs(text: str, source: str = "verbs") -> list[Pattern]:
    """Patterns from the text of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    patterns: list[Pattern] = []
    current_synset: str | None = None
    header_code: tuple[str | None, str | None] = (None, None)
    verbs: list[tuple[frozenset[str], tuple[str | None, str | None]]] = []
    block_patterns: list[tuple[list[str], list[str], tuple[str | None, str | None]]] = []

    def flush() -> None:
        if not verbs:
            return
        lemmas = frozenset().union(*(v for v, _ in verbs))
        for forms, (code, reverse) in verbs:
            if code:
                patterns.append(_pattern(f"{source}:{min(forms)}", forms, code, reverse, (), False))
        for n, (before, after, (code, reverse)) in enumerate(block_patterns):
            if code:
                negated = any(w in _NEGATORS for w in before)
                patterns.append(_pattern(f"{source}:{min(lemmas)}:{n}", lemmas, code, reverse, after, negated))

    for number, line in enumerate(_strip_comments(text), start=1):
        stripped = line.strip()
        if not stripped:
            current_synset = None
            continue
        try:
            if stripped.startswith("---"):
                flush()
                verbs, block_patterns = [], []
                current_synset = None
                header_code = _code(stripped)
            elif stripped.startswith("&"):
                flush()
                verbs, block_patterns = [], []
                current_synset = stripped.split()[0][1:].rstrip("_")
                synsets[current_synset] = []
            elif stripped.startswith("+") and current_synset is not None:
                synsets[current_synset].append(stripped[1:].strip())
            elif stripped.startswith("-"):
                body = _CODE.sub("", stripped[1:]).strip()
                before, _, after = body.partition("*")
                after_terms = [t for w in _words(after) for t in _term(w, synsets)]
                before_words = [w.lower() for w in before.replace("_", " ").split()]
                block_patterns.append((before_words, after_terms, _code(stripped)))
            elif not stripped.startswith("+"):
                head = _CODE.sub("", stripped)
                forms_match = re.search(r"\{([^}]*)\}", head)
                name = re.sub(r"\{[^}]*\}", "", head).strip().split()
                if not name:
                    continue
                forms = {" ".join(name[0].lower().replace("_", " ").split())}
                if forms_match:
                    forms |= {" ".join(f.lower().replace("_", " ").split()) for f in forms_match.group(1).split()}
                own = _code(stripped)
                verbs.append((frozenset(forms), own if own[0] else header_code))
        except (IndexError, ValueError) as exc:
            raise DataFileError(Errors.E541, source=source, line=number, text=stripped, reason=exc) from exc
    flush()
    return patterns


def _pattern(
    ident: str, lemmas: frozenset[str], code: str, reverse: str | None, about: tuple[str, ...] | list[str], negated: bool
) -> Pattern:
    words = frozenset(about)
    return Pattern(
        id=f"petrarch:{ident}",
        pos="verb",
        lemmas=lemmas,
        code=code,
        about=Terms(words) if words else None,
        only_negated=negated,
        reverse_code=reverse,
    )


def load_petrarch_verbs(path: Path) -> list[Pattern]:
    """Read a PETRARCH verb dictionary file into patterns."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DataFileError(Errors.E540, path=path, reason=exc) from exc
    return parse_petrarch_verbs(text, source=path.name)
