"""Render Arrow tables for the terminal: a Rich table, CSV, a JSON array or JSON Lines."""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from newsgraph.model import to_json

if TYPE_CHECKING:  # pyarrow is imported by whoever builds the table, not by every command
    import pyarrow as pa

__all__ = ["OutputFormat", "render", "to_json"]


class OutputFormat(StrEnum):
    """The formats every listing speaks."""

    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}"
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(table: pa.Table, fmt: OutputFormat, console: Console, title: str | None = None) -> None:
    """Print ``table`` to ``console`` in format ``fmt``."""
    rows = table.to_pylist()
    if fmt is OutputFormat.json:
        console.file.write(to_json(rows) + "\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            console.file.write(to_json(row) + "\n")
    elif fmt is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in rows:
            writer.writerow(["" if v is None else (", ".join(map(str, v)) if isinstance(v, list) else v) for v in row.values()])
        console.file.write(buffer.getvalue())
    else:
        out = Table(title=title, show_lines=False, header_style="bold")
        for name in table.column_names:
            out.add_column(name, overflow="fold")
        for row in rows:
            out.add_row(*(_cell(v, 70) for v in row.values()))
        console.print(out)
        if not rows:
            console.print("[dim]no rows[/dim]")
