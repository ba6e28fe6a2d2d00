"""Read package data files (YAML and tab-separated tables) and users' files of the same shapes.

Package files are read from the installed package with ``importlib.resources``, so they are
found in a wheel, an editable install or a zip alike. The text of each file is read once per
process; callers build their own structures from the parsed data and keep those (each loader
is a cached function), so that nothing parses a file twice.

Tables are tab-separated with a header row; lines starting with ``#`` (the provenance and
format notes at the top of each file) and blank lines are skipped, values are stripped and
quote characters are literal. YAML is parsed with libyaml's safe loader where the installed
PyYAML has it (about seven times faster than the pure-Python one, same result).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.errors import DataFileError, Errors


class TsvRow(dict[str, str]):
    """One row of a table: column → stripped value, and the ``line`` of the file it is on."""

    line: int = 0


@cache
def package_text(name: str) -> str:
    """The text of ``newsgraph/data/<name>`` (``name`` may name a subfolder: ``actors/roles.tsv``)."""
    resource = resources.files("newsgraph.data")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    try:
        return resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(Errors.E410, name=name, reason=exc) from exc


def parse_yaml(text: str, where: str) -> Any:
    """Parsed YAML; a coded DataFileError naming ``where`` when it is not valid YAML."""
    import yaml  # imported when a file is parsed: a process whose data comes from the compiled cache never needs it

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DataFileError(Errors.E411, where=where, detail=" ".join(str(exc).split())) from exc


def parse_tsv(text: str, where: str) -> list[TsvRow]:
    """The rows of a tab-separated table with a header (``#`` lines and blank lines skipped)."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for (number, _), record in zip(numbered[1:], reader, strict=True):
        if None in record:
            raise DataFileError(Errors.E412, where=where, line=number)
        row = TsvRow((key, (value or "").strip()) for key, value in record.items())
        row.line = number
        rows.append(row)
    return rows


def package_yaml(name: str) -> Any:
    """A package YAML file, parsed (callers keep what they build from it)."""
    return parse_yaml(package_text(name), name)


def package_tsv(name: str) -> list[TsvRow]:
    """A package table's rows (callers keep what they build from them)."""
    return parse_tsv(package_text(name), name)
