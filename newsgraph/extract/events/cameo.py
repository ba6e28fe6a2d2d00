"""The CAMEO event ontology: every code with its root, short name, Goldstein score,
QuadClass, PentaClass and PLOVER type/mode, read from ``newsgraph/data/cameo.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsgraph.data import TsvRow, package_tsv, parse_tsv
from newsgraph.errors import DataFileError, Errors
from newsgraph.model import Plover

CAMEO_FILE = Path(__file__).resolve().parents[2] / "data" / "cameo.tsv"
_COLUMNS = ("code", "root", "name", "goldstein", "quad_class", "penta_class", "plover_type", "plover_mode")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and the facts attached to it."""

    code: str
    root: str
    name: str
    goldstein: float | None
    quad_class: int | None
    penta_class: int | None
    plover_type: str | None
    plover_mode: str | None

    @property
    def plover(self) -> Plover | None:
        """The PLOVER event type and mode (None where PLOVER has no counterpart, e.g. statements)."""
        if self.plover_type is None:
            return None
        return Plover(type=self.plover_type, mode=self.plover_mode)


class Cameo:
    """Look up CAMEO codes; unknown codes of a known root fall back to the root's facts."""

    def __init__(self, codes: list[CameoCode]) -> None:
        self.codes = {c.code: c for c in codes}

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def describe(self, code: str) -> CameoCode:
        """The entry for ``code``; a code outside the ontology (e.g. from a PETRARCH dictionary)
        gets its root's QuadClass and PentaClass and no name, Goldstein score or PLOVER type."""
        known = self.codes.get(code)
        if known is not None:
            return known
        root = self.codes.get(code[:2])
        return CameoCode(
            code=code,
            root=code[:2],
            name=code,
            goldstein=None,
            quad_class=root.quad_class if root else None,
            penta_class=root.penta_class if root else None,
            plover_type=None,
            plover_mode=None,
        )

    def roots(self) -> list[str]:
        """The 20 root codes, in order."""
        return sorted(c.code for c in self.codes.values() if len(c.code) == 2)


def _optional(value: str) -> str | None:
    value = value.strip()
    return value or None


def parse_cameo(path: Path) -> Cameo:
    """Read a CAMEO table (tab-separated, ``#`` comments, header row)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(Errors.E530, path=path, reason=exc) from exc
    return cameo_from_rows(parse_tsv(text, str(path)), path)


def cameo_from_rows(rows: list[TsvRow], path: Path | str) -> Cameo:
    """The ontology from a CAMEO table's rows."""
    if rows and tuple(rows[0]) != _COLUMNS:
        raise DataFileError(Errors.E531, path=path, columns=", ".join(_COLUMNS))
    codes = []
    for row in rows:
        try:
            goldstein = _optional(row["goldstein"])
            quad, penta = _optional(row["quad_class"]), _optional(row["penta_class"])
            codes.append(
                CameoCode(
                    code=row["code"],
                    root=row["root"],
                    name=row["name"],
                    goldstein=float(goldstein) if goldstein else None,
                    quad_class=int(quad) if quad else None,
                    penta_class=int(penta) if penta else None,
                    plover_type=_optional(row["plover_type"] or ""),
                    plover_mode=_optional(row["plover_mode"] or ""),
                )
            )
        except (TypeError, ValueError) as exc:
            raise DataFileError(Errors.E532, path=path, code=row.get("code"), reason=exc) from exc
    return Cameo(codes)


@cache
def load_cameo() -> Cameo:
    """The bundled CAMEO ontology, read once per process."""
    return cameo_from_rows(package_tsv("cameo.tsv"), "cameo.tsv")
