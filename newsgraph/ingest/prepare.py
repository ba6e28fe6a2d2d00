"""RawArticle → Article: clean the text, find title and dateline, identify the language,
settle outlet and publication date, and give the article its content-hash id."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from dateutil import parser as date_parser

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors, InputError
from newsgraph.ingest.clean import clean_paragraphs, leftover_date, split_paragraphs
from newsgraph.ingest.dateline import parse_dateline
from newsgraph.ingest.language import is_confidently_not_english
from newsgraph.ingest.outlets import load_outlets, name_outlet
from newsgraph.model import Article, InputFailure, RawArticle

_SENTENCE_END = re.compile(r"[.!:;]$")
# Words and punctuation marks, about as spaCy's tokenizer counts them.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MAX_TITLE_WORDS = 30


def article_id(text: str) -> str:
    """The article id: the first 16 hex digits of the SHA-256 of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalize_date(value: str | None) -> str | None:
    """Turn a date or timestamp string into ``YYYY-MM-DD``; None if it is not a date."""
    if not value:
        return None
    try:
        return date_parser.parse(value, default=dt.datetime(1, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _looks_like_title(paragraph: str, rest: list[str]) -> bool:
    words = paragraph.split()
    return bool(rest) and len(words) <= _MAX_TITLE_WORDS and not _SENTENCE_END.search(paragraph)


def _published_from_dateline(month: int | None, day: int | None, year_source: str | None) -> str | None:
    if month is None or day is None or year_source is None:
        return None
    try:
        return dt.date(int(year_source[:4]), month, day).isoformat()
    except ValueError:
        return None


def prepare_article(raw: RawArticle, options: ReadOptions) -> Article | InputFailure:
    """Clean and identify one article; return an InputFailure when nothing usable is left."""
    path = raw.input.path or "<input>"
    try:
        return _prepare(raw, options)
    except InputError as exc:
        return InputFailure.from_error(path, exc, raw.input.line)


_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("text", "title", "url", "outlet", "published", "author", "site_name")


def _check_text(raw: RawArticle) -> None:
    """Refuse strings that cannot be text: a JSON escape such as ``"\\ud800"`` decodes to a
    lone surrogate, which no store, terminal or HTTP response can encode, and ``"\\u0000"``
    to a NUL character."""
    for name in _TEXT_FIELDS:
        value = getattr(raw, name)
        if value and (found := _SURROGATE.search(value)):
            raise InputError(Errors.E233, field=name, char=f"\\u{ord(found.group()):04x}", offset=found.start())
        if value and "\x00" in value:  # a JSON "\u0000"
            raise InputError(Errors.E234, offset=value.index("\x00"))


def _prepare(raw: RawArticle, options: ReadOptions) -> Article:
    _check_text(raw)
    # Far over the limit already: refuse before spending time cleaning it.
    if len(raw.text) > 2 * options.max_article_chars:
        raise InputError(Errors.E225, chars=len(raw.text), stage=" before cleaning", limit=options.max_article_chars)
    paragraphs, removed = clean_paragraphs(split_paragraphs(raw.text))
    title = raw.title
    if title is None and raw.format in ("txt", "md") and paragraphs and _looks_like_title(paragraphs[0], paragraphs[1:]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    text = "\n\n".join(paragraphs)
    if not text.strip():
        raise InputError(Errors.E226)
    if len(text) > options.max_article_chars:
        raise InputError(Errors.E225, chars=len(text), stage="", limit=options.max_article_chars)
    tokens = sum(1 for _ in _TOKEN.finditer(text))
    if tokens > options.max_article_tokens:
        raise InputError(Errors.E241, tokens=tokens, limit=options.max_article_tokens)

    dateline = parse_dateline(text)
    published = normalize_date(raw.published) or normalize_date(leftover_date(removed))
    if published is None and dateline is not None:
        published = _published_from_dateline(dateline.month, dateline.day, options.published)
    if published is None:
        published = normalize_date(options.published)
    outlet = name_outlet(
        load_outlets(options.outlet_files), raw.outlet, raw.url, raw.site_name, dateline.outlet if dateline else None, options.outlet
    )

    article = Article(
        id=article_id(text),
        input=raw.input,
        text=text,
        title=" ".join(title.split()) if title else None,
        url=raw.url,
        outlet=outlet,
        published=published,
        language="en",
        format=raw.format,
        author=raw.author,
        site_name=raw.site_name,
        dateline=dateline,
        removed=removed,
    )
    if options.english_only and (language := is_confidently_not_english(text)) is not None:
        article.language = language
        article.status = "skipped"
    return article
