"""User actor files on top of the shipped dictionary: YAML or CSV in the shape of the shipped
data (people with dated offices, organisations, IGOs) and PETRARCH-format actor dictionaries.
An entry with the same name (people) or id (bodies) as a shipped one replaces it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.data import parse_yaml
from newsgraph.errors import DataFileError, Errors
from newsgraph.extract.actors.dictionary import ActorDictionary, body_from, people_from_rows, shipped_dictionary, split_values
from newsgraph.extract.actors.ids import slugify
from newsgraph.extract.actors.petrarch import PetrarchActor, load_petrarch_actors, looks_like_petrarch
from newsgraph.model import ActorType


def _user_entries(data: Any, where: str) -> tuple[list[dict[str, str]], list[tuple[dict[str, Any], ActorType]]]:
    """Split user YAML/CSV records into person rows and body entries."""
    if isinstance(data, dict):
        data = data.get("actors", [data])
    if not isinstance(data, list):
        raise DataFileError(Errors.E423, where=where)
    person_rows: list[dict[str, str]] = []
    bodies: list[tuple[dict[str, Any], ActorType]] = []
    for entry in data:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise DataFileError(Errors.E424, where=where, entry=repr(entry))
        kind = str(entry.get("type") or "person")
        if kind == "person":
            aliases = entry.get("aliases") or ""
            base = {
                "name": str(entry["name"]),
                "aliases": "|".join(aliases) if isinstance(aliases, list) else str(aliases),
                "gender": str(entry.get("gender") or ""),
                "nationality": str(entry.get("nationality") or entry.get("country") or ""),
                "source": str(entry.get("source") or where),
                "short": str(entry.get("short") or ""),
            }
            offices = entry.get("offices") or [entry]
            for office in offices:
                code = office.get("code") or (f"{office.get('country')}{office.get('sector') or ''}" if office.get("country") else "")
                term = {"start": str(office.get("start") or ""), "end": str(office.get("end") or "")}
                person_rows.append(base | {"role": str(office.get("role") or ""), "code": str(code or "")} | term)
        elif kind in ("organization", "igo", "group"):
            if isinstance(entry.get("aliases"), str):
                entry = entry | {"aliases": split_values(entry["aliases"])}
            bodies.append((entry, kind))  # type: ignore[arg-type]
        else:
            raise DataFileError(Errors.E425, where=where, kind=kind)
    return person_rows, bodies


def _petrarch_rows(actors: list[PetrarchActor], where: str) -> tuple[list[dict[str, str]], list[tuple[dict[str, Any], ActorType]]]:
    """PETRARCH actors become people when their codes change over time or their name starts
    with a title; the rest become organisations coded as the dictionary says."""
    people: list[dict[str, str]] = []
    bodies: list[tuple[dict[str, Any], ActorType]] = []
    for actor in actors:
        names = [n.title() if n.isupper() else n for n in actor.names]
        codes = [c for c in actor.codes if c.code and not set(c.code) <= {"-", "+", "#"}]
        if not codes:
            continue
        dated = any(c.start or c.end for c in codes)
        if dated:
            for c in codes:
                people.append(
                    {
                        "name": names[0],
                        "aliases": "|".join(names[1:]),
                        "role": "",
                        "code": c.code,
                        "start": c.start.isoformat() if c.start else "",
                        "end": date.fromordinal(c.end.toordinal() - 1).isoformat() if c.end else "",
                        "source": where,
                    }
                )
        else:
            code = codes[0].code
            bodies.append(({"name": names[0], "aliases": names[1:], "code": code, "id": f"petrarch-{slugify(names[0])}"}, "organization"))
    return people, bodies


def load_user_files(paths: Iterable[Path]) -> tuple[list[dict[str, str]], list[tuple[dict[str, Any], ActorType]]]:
    """Read user actor files (YAML, CSV or PETRARCH format) into person rows and body entries."""
    person_rows: list[dict[str, str]] = []
    bodies: list[tuple[dict[str, Any], ActorType]] = []
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(Errors.E420, path=path, reason=exc.strerror) from exc
        except UnicodeDecodeError as exc:
            raise DataFileError(Errors.E421, path=path) from exc
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            rows, found = _user_entries(parse_yaml(text, str(path)), str(path))
        elif suffix in (".csv", ".tsv"):
            reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
            records = [{k.strip(): (v or "").strip() for k, v in r.items() if k} for r in reader]
            rows, found = _user_entries(records, str(path))
        elif looks_like_petrarch(text):
            rows, found = _petrarch_rows(load_petrarch_actors(path).actors, str(path))
        else:
            raise DataFileError(Errors.E422, path=path)
        person_rows += rows
        bodies += found
    return person_rows, bodies


def build_dictionary(user_files: Iterable[Path] = ()) -> ActorDictionary:
    """The shipped dictionary with user files added on top (user entries win)."""
    files = tuple(user_files)
    if not files:
        return shipped_dictionary()
    return _with_user_files(files)


@cache
def _with_user_files(files: tuple[Path, ...]) -> ActorDictionary:
    base = shipped_dictionary()
    person_rows, bodies = load_user_files(files)
    dictionary = ActorDictionary(
        countries=dict(base.countries),
        bodies=dict(base.bodies),
        people=dict(base.people),
        roles=base.roles,
        plural_roles=base.plural_roles,
        given_names=base.given_names,
    )
    dictionary.people.update(people_from_rows(person_rows, "actor files"))
    for entry, kind in bodies:
        body = body_from(entry, kind, "actor files")
        dictionary.bodies[body.id] = body
    dictionary.index()
    return dictionary
