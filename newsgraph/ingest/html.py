"""HTML pages, through trafilatura: main text, title, date, author and site name."""

from __future__ import annotations

import re

import trafilatura
from trafilatura.settings import Document

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.decode import sniff_binary
from newsgraph.model import InputRef, RawArticle

# A page with fewer words than this outside menus and footers is not an article.
_MIN_ARTICLE_WORDS = 12
# Trafilatura's time grows faster than the page (30,000 paragraphs: 4-9 s; 100,000: 66 s;
# a million: hours), and a thread has no time limit; an article's page, menus included,
# holds a few thousand elements.
MAX_ELEMENTS = 30_000
_ELEMENT = re.compile(rb"<[A-Za-z]")


def read_html(data: bytes, ref: InputRef, url: str | None = None) -> RawArticle:
    """Extract the article from an HTML page; raise InputError when there is none."""
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(Errors.E204, expected="an HTML page", kind=kind)
    elements = sum(1 for _ in _ELEMENT.finditer(data))
    if elements > MAX_ELEMENTS:
        raise InputError(Errors.E236, elements=elements, limit=MAX_ELEMENTS)
    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(document, Document) or not document.text:
        raise InputError(Errors.E221, detail="")
    text: str = document.text
    words = len(text.split())
    if words < _MIN_ARTICLE_WORDS:
        raise InputError(Errors.E221, detail=f" ({words} words outside navigation)")
    title = document.title or None
    # trafilatura repeats the headline as the first line of the text.
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        text = rest
    return RawArticle(
        text=text,
        input=ref,
        format="html",
        title=title,
        url=url or document.url or None,
        published=document.date or None,
        author=document.author or None,
        site_name=document.sitename or None,
    )
