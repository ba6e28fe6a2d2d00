"""Plain-text and Markdown articles: one article a file."""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.ingest.decode import decode_text
from newsgraph.model import InputRef, RawArticle

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")


def read_text(data: bytes, path: Path) -> RawArticle:
    """Read a .txt or .md file. Title detection happens after cleaning (see ``prepare``)."""
    text = decode_text(data)
    title = None
    if path.suffix.lower() == ".md":
        lines = text.lstrip().splitlines()
        if lines and (match := _MD_HEADING.match(lines[0])):
            title = match.group(1)
            text = "\n".join(lines[1:])
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return RawArticle(text=text, input=InputRef(path=str(path)), format=fmt, title=title)
