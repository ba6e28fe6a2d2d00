"""How the timeline names an actor on one side of an event: an actor id, a CAMEO
actor code prefix (``RUS`` covers ``RUSGOV`` and ``RUSMIL``), a country code or a name."""

from __future__ import annotations

from typing import Any


def side_matches(side: str, value: str) -> tuple[str, list[Any]]:
    """SQL condition that event side ``side`` ("source"/"target", table ``e``) is ``value``, and its parameters."""
    condition = f"(e.{side}_actor = ? OR e.{side}_code LIKE ? OR e.{side}_country = ? OR e.{side}_name ILIKE ?)"
    return condition, [value, f"{value.upper()}%", value.upper(), f"%{value}%"]
