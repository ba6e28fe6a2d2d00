"""Render Arrow tables for the terminal: a Rich table, CSV, a JSON array or JSON Lines."""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console
from rich.table import Table

from newsgraph.errors import Errors, UsageError
from newsgraph.model import to_json

if TYPE_CHECKING:  # pyarrow is imported by the listings that build tables, not by `analyze`
    import pyarrow as pa

__all__ = ["OutputFormat", "choose_columns", "render", "to_json"]


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


SHORT = 10  # a column this narrow (dates, codes, counts) is never squeezed


def column_widths(names: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Each column's width for a table ``total`` characters wide: short columns get their
    full width, the long ones share the rest in proportion to what they hold."""
    natural = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    room = total - (3 * len(names) + 1)  # borders and padding
    short = [i for i, n in enumerate(natural) if n <= SHORT]
    long = [i for i in range(len(names)) if i not in short]
    widths = list(natural)
    left = room - sum(natural[i] for i in short)
    wanted = sum(natural[i] for i in long)
    if long and wanted > left:
        for i in long:
            widths[i] = max(min(natural[i], int(left * natural[i] / wanted)), min(len(names[i]), 8), 4)
        while sum(widths) > room and max(widths[i] for i in long) > 4:  # the floors above may overshoot
            widest = max(long, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def _numeric(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)


def choose_columns(table: pa.Table, wanted: str | None, default: tuple[str, ...] = ()) -> pa.Table:
    """The columns to show: ``wanted`` (comma-separated names, or ``all``), else ``default``
    where there is one, else all. An unknown name is a UsageError listing the columns."""
    if wanted is None:
        names = [c for c in default if c in table.column_names] or table.column_names
    elif wanted.strip() == "all":
        names = table.column_names
    else:
        names = [c.strip() for c in wanted.split(",") if c.strip()]
        unknown = [c for c in names if c not in table.column_names]
        if unknown or not names:
            raise UsageError(Errors.E102, name="columns", choices=", ".join(table.column_names), value=",".join(unknown) or wanted)
    return table.select(names)


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
        cells = [[_cell(v, 70) for v in row.values()] for row in rows]
        widths = column_widths(table.column_names, cells, console.width)
        out = Table(title=title, show_lines=False, header_style="bold")
        for field, width in zip(table.schema, widths, strict=True):
            # One line per row: a long value is cut with "…", never wrapped inside a word.
            justify: Literal["left", "right"] = "right" if _numeric(field.type) else "left"
            out.add_column(field.name, no_wrap=True, overflow="ellipsis", justify=justify, min_width=width, max_width=width)
        for row_cells in cells:
            out.add_row(*row_cells)
        console.print(out)
        console.print(f"[dim]{len(rows)} row{'s' if len(rows) != 1 else ''}[/dim]" if rows else "[dim]no rows[/dim]", highlight=False)
