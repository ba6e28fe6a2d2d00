"""Exports in the field's own formats: GDELT 2.0 (Events + Mentions), PLOVER/POLECAT-style
JSON Lines, every table as Parquet/CSV/JSON Lines, and the actor network as GraphML.

Every export streams from the store in batches, so memory stays bounded however many events
there are. ``export()`` is the one entry point the CLI and the Python API call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from newsgraph.errors import Errors, UsageError
from newsgraph.store.db import Store
from newsgraph.store.queries import Filters


class ExportFormat(StrEnum):
    """What ``newsgraph export --format`` accepts."""

    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    graphml = "graphml"


@dataclass
class ExportResult:
    """What an export wrote: counts by kind (events, mentions, table rows …) and the files."""

    format: ExportFormat
    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal, e.g. ``exported 12 events, 15 mentions (gdelt) to out/``."""
        counts = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.items())
        where = self.files[0].parent if len(self.files) > 1 else self.files[0]
        return f"exported {counts} ({self.format.value}) to {where}"


def _has_filters(filters: Filters) -> bool:
    """Whether ``filters`` select anything (paging aside)."""
    default = Filters()
    return any(
        getattr(filters, f.name) != getattr(default, f.name) for f in dataclasses.fields(Filters) if f.name not in ("limit", "offset")
    )


DEFAULT_MEMORY_LIMIT = "1GB"
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


@contextlib.contextmanager
def memory_limit(store: Store, limit: str | None) -> Iterator[None]:
    """Cap DuckDB's memory for the block (it spills joins and sorts to disk beyond it), then
    restore the previous cap. ``None`` leaves DuckDB's own default (80% of RAM)."""
    if limit is None:
        yield
        return
    if not _MEMORY.fullmatch(limit.strip()):
        raise UsageError(Errors.E116, name="memory-limit", value=limit)
    (previous,) = store.con.execute("SELECT current_setting('memory_limit')").fetchone() or ("",)
    # SET takes no bound parameters; both values are checked sizes, not user text.
    store.con.execute(f"SET memory_limit = '{limit.strip()}'")
    try:
        yield
    finally:
        store.con.execute(f"SET memory_limit = '{previous}'")


def export(
    store: Store,
    fmt: ExportFormat | str,
    out: Path | str,
    filters: Filters | None = None,
    tables: list[str] | None = None,
    memory: str | None = DEFAULT_MEMORY_LIMIT,
) -> ExportResult:
    """Export the store (the events that match ``filters``) in format ``fmt`` to ``out``.

    ``gdelt`` and the table formats write a folder; ``plover`` (JSON Lines) and ``graphml``
    write one file. Filters apply to the event exports (gdelt, plover, graphml); table
    exports copy whole tables (choose which with ``tables``). Rows stream out in batches and
    DuckDB works within ``memory`` (spilling to disk beyond it), so memory stays bounded
    however large the store.
    """
    fmt = ExportFormat(fmt)
    filters = filters or Filters(limit=None)
    if filters.search:
        raise UsageError(Errors.E707)
    # A cursor of its own: lookup tables registered for the export and a half-read result
    # after an error stay with it, not with the caller's connection.
    cursor = Store(store.con.cursor(), store.path, read_only=True)
    try:
        with memory_limit(cursor, memory):
            return _export(cursor, fmt, Path(out), filters, tables)
    finally:
        cursor.close()


def _export(store: Store, fmt: ExportFormat, out: Path, filters: Filters, tables: list[str] | None) -> ExportResult:
    if fmt is ExportFormat.gdelt:
        from newsgraph.export.gdelt import write_gdelt

        gdelt = write_gdelt(store, out, filters)
        return ExportResult(fmt, {"events": gdelt.events, "mentions": gdelt.mentions}, gdelt.files)
    if fmt is ExportFormat.plover:
        from newsgraph.export.plover import write_plover

        plover = write_plover(store, out, filters)
        return ExportResult(fmt, {"events": plover.events}, plover.files)
    if fmt is ExportFormat.graphml:
        from newsgraph.export.network import write_graphml

        network = write_graphml(store, out, filters)
        return ExportResult(fmt, {"actors": network.nodes, "edges": network.edges}, network.files)
    if _has_filters(filters):
        raise UsageError(Errors.E708)
    from newsgraph.export.tables import TableFormat, write_tables

    written = write_tables(store, out, TableFormat(fmt.value), tables)
    return ExportResult(fmt, {"rows": sum(written.rows.values()), "tables": len(written.rows)}, written.files)
