"""``POST /api/articles``: analyse and store articles sent over HTTP.

Only with a bearer token (``newsgraph serve --token`` or ``NEWSGRAPH_TOKEN``), compared in
constant time. The body is a JSON article (or a list, or ``{"articles": [...]}``), a file
upload (multipart, any input format ``newsgraph ingest`` reads), or a bare text, HTML, JSON
Lines or CSV body; each goes through the same readers and pipeline as ``newsgraph ingest``.
"""

from __future__ import annotations

import dataclasses
import hmac
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors
from newsgraph.model import Article, InputFailure
from newsgraph.params import parse_date, parse_text
from newsgraph.server.errors import ApiError
from newsgraph.server.responses import json_response
from newsgraph.server.state import ServeState, serve_state

router = APIRouter(prefix="/api", tags=["ingest"])

# Body media type → the file suffix that makes the readers parse it.
SUFFIXES = {
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "text/csv": ".csv",
    "application/warc": ".warc",
}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def check_token(request: Request, state: ServeState) -> None:
    """Refuse the request unless it carries the server's bearer token."""
    expected = state.config.token
    if not expected:
        raise ApiError(403, Errors.E601)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="newsgraph"'}
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, Errors.E602, challenge)
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, Errors.E603, challenge)


def safe_name(filename: str | None, default: str) -> str:
    """A file name without directories or odd characters, keeping the suffix readers need."""
    base = Path(filename or "").name
    cleaned = _SAFE_NAME.sub("_", base).strip("._")
    return cleaned[:120] or default


async def _save_body(request: Request, folder: Path) -> list[tuple[Path, str]]:
    """Write the request's input(s) into ``folder``; return (file, name shown to the user)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=100, max_fields=100)
        saved = []
        for index, (_, value) in enumerate(form.multi_items()):
            if isinstance(value, UploadFile):
                name = safe_name(value.filename, f"upload-{index}.txt")
                path = folder / f"{index}-{name}"
                path.write_bytes(await value.read())
                saved.append((path, name))
        if not saved:
            raise ApiError(400, Errors.E604)
        return saved
    suffix = SUFFIXES.get(media)
    if suffix is None:
        known = ", ".join(sorted({*SUFFIXES, "multipart/form-data"}))
        raise ApiError(415, Errors.E605, media=media or "none", known=known)
    body = await request.body()
    if not body.strip():
        raise ApiError(400, Errors.E606)
    path = folder / f"request{suffix}"
    path.write_bytes(body)
    return [(path, path.name)]


def _ingest(state: ServeState, files: list[tuple[Path, str]], options: ReadOptions) -> dict[str, Any]:
    """Read, analyse and store, holding the ingest lock (one writer, one analyser)."""
    from newsgraph import corpus
    from newsgraph.ingest import read_articles
    from newsgraph.run.job import ingest_items

    shown = {str(path): name for path, name in files}

    def relabel(item: Article | InputFailure) -> Article | InputFailure:
        # Stored records and error messages name the uploaded file, not our temporary copy.
        if isinstance(item, InputFailure):
            return dataclasses.replace(item, path=shown.get(item.path, item.path))
        ref = dataclasses.replace(item.input, path=shown.get(item.input.path or "", item.input.path))
        return dataclasses.replace(item, input=ref)

    with state.ingest_lock:
        items = [relabel(item) for item in read_articles([str(p) for p, _ in files], options)]
        articles = [a for a in items if isinstance(a, Article)]
        if state.analyzer is None:
            from newsgraph.pipeline import Analyzer

            state.analyzer = Analyzer()
        # The store is opened for this ingest alone and closed after, so a failed request
        # leaves no transaction behind for the next one.
        with state.connections.writing() as store:
            before = store.existing_ids([a.id for a in articles])
            # As 'newsgraph ingest' does: note where each text was seen, then bring copies and
            # event clusters up to date.
            sources = corpus.SourceLog()
            report = ingest_items(sources.watch(items), store, state.analyzer)
            corpus.update(store, sources.seen)
    records = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        status = "unchanged" if article.id in before else ("skipped" if article.status == "skipped" else "stored")
        status = "updated" if article.id in report.updated else status
        records.append(
            {
                "id": article.id,
                "title": article.title,
                "status": status,
                "url": f"/api/articles/{article.id}",
                "page": f"/articles/{article.id}",
            }
        )
    failures = [{"path": f.path, "line": f.line, "reason": f.reason, "code": f.code} for f in report.failures]
    counts = {"ingested": report.ingested, "updated": len(report.updated), "unchanged": report.unchanged, "failed": report.failed}
    return {**counts, "articles": records, "failures": failures, "warnings": report.warnings()}


@router.post("/articles", summary="Analyse and store articles (bearer token)", status_code=201)
async def post_articles(
    request: Request,
    published: Annotated[str | None, Query(description="Publication date YYYY-MM-DD for inputs that carry none")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name for inputs that carry none")] = None,
) -> Response:
    """Analyse the articles in the body and store them; answers with what was stored, what was
    already there and what failed (400 when nothing could be read)."""
    state = serve_state(request)
    check_token(request, state)
    options = ReadOptions(published=parse_date("published", published), outlet=parse_text("outlet", outlet))
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as tmp:
        files = await _save_body(request, Path(tmp))
        result = await run_in_threadpool(_ingest, state, files, options)
    if not result["articles"]:
        reasons = "; ".join(f"{f['path']}{':' + str(f['line']) if f['line'] else ''}: {f['reason']}" for f in result["failures"][:3])
        raise ApiError(400, Errors.E607, reasons=reasons or "empty input")
    status = 201 if result["ingested"] else 200
    return json_response({"ok": True, **result}, status=status)
