"""Which articles an analysis looks at: outlet groups, a period, copies in or out.

An outlet group is written ``A+B+…``; each member is an outlet name (or alias from the
registry), ``country:XXX`` (outlets the registry places in that country), ``state``
(state-affiliated outlets) or ``wire`` (news agencies). ``--outlets "TASS+RIA Novosti,wire"``
compares two groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import Errors, NotFoundError, UsageError
from newsgraph.ingest.outlets import OutletRegistry
from newsgraph.store.db import Store


@dataclass(frozen=True)
class OutletGroup:
    """A side of a comparison: its label as written and the stored outlet names it covers."""

    label: str
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """Articles published in ``since``..``until`` (inclusive ISO dates), copies excluded or not."""

    since: str | None = None
    until: str | None = None
    copies: str = "exclude"

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        """SQL conditions on the articles table (aliased ``alias``) and their parameters."""
        conditions = [f"{alias}.status = 'analysed'"]
        params: list[Any] = []
        if self.since:
            conditions.append(f"{alias}.published >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            conditions.append(f"{alias}.published <= CAST(? AS DATE)")
            params.append(self.until)
        if self.copies == "exclude":
            conditions.append(f"NOT EXISTS (SELECT 1 FROM copies cp WHERE cp.copy_id = {alias}.id)")
        return " AND ".join(conditions), params


def _member_outlets(member: str, stored: Sequence[str], registry: OutletRegistry) -> set[str]:
    kind, _, value = member.partition(":")
    if kind.casefold() == "country" and value:
        wanted = value.strip().upper()
        return {o for o in stored if (entry := registry.get(o)) is not None and entry.country == wanted}
    if member.casefold() in ("state", "state-affiliated"):
        return {o for o in stored if (entry := registry.get(o)) is not None and entry.state_affiliated}
    if member.casefold() in ("wire", "wires"):
        return {o for o in stored if (entry := registry.get(o)) is not None and entry.wire}
    name = registry.canonical(member) or member
    return {o for o in stored if o.casefold() in (name.casefold(), member.strip().casefold())}


def parse_groups(spec: str, store: Store, registry: OutletRegistry) -> list[OutletGroup]:
    """The outlet groups of ``spec`` (``A,B``), each resolved to the outlets stored."""
    sides = [s.strip() for s in spec.split(",") if s.strip()]
    if len(sides) != 2 or sides[0].casefold() == sides[1].casefold():
        raise UsageError(Errors.E113, spec=spec)
    stored = [r for r in store.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL").column("outlet").to_pylist()]
    groups = []
    for side in sides:
        outlets: set[str] = set()
        for member in (m.strip() for m in side.split("+") if m.strip()):
            found = _member_outlets(member, stored, registry)
            if not found:
                known = ", ".join(sorted(stored)[:20]) or "none"
                raise NotFoundError(Errors.E114, member=member, known=known)
            outlets |= found
        groups.append(OutletGroup(side, tuple(sorted(outlets))))
    return groups
