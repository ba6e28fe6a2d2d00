"""The actor dictionary: countries, regions, IGOs, organisations, role nouns, given names and
named office-holders, loaded once from ``newsgraph/data/actors/`` plus any user files.

User files (YAML, CSV, PETRARCH format) are read by ``files.py`` on top of this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newsgraph.data import package_tsv, package_yaml
from newsgraph.data.compiled import compiled, file_stamp
from newsgraph.errors import DataFileError, Errors
from newsgraph.extract.actors.ids import actor_id, fold, slugify
from newsgraph.extract.actors.petrarch import plural
from newsgraph.model import ActorType

# pycountry's country table: its names join the shipped ones (a new pycountry, a new build).
_PYCOUNTRY_COUNTRIES = Path(find_spec("pycountry").origin or "").parent / "databases" / "iso3166-1.json"  # type: ignore[union-attr]

SECTOR_LABELS = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "intelligence services",
    "LEG": "legislature",
    "JUD": "judiciary",
    "OPP": "opposition",
    "REB": "rebels",
    "PTY": "political parties",
    "MED": "media",
    "BUS": "business",
    "EDU": "experts",
    "CVL": "civilians",
    "ELI": "former officials",
    "REL": "clergy",
    "LAB": "labour",
    "AGR": "farmers",
    "REF": "refugees",
    "HLH": "health services",
    "NGO": "non-governmental organisations",
    "UAF": "armed groups",
    "CRM": "criminals",
    "PRM": "paramilitaries",
}


def parse_day(value: Any, *, end: bool = False, where: str = "the actor dictionary") -> date | None:
    """A date from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a YAML date too); ``end`` rounds a
    partial date up to the last day it covers, so that a term ending "2021-01" includes January."""
    if value is None or value == "" or value == "-":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 12, 31) if end else date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DataFileError(Errors.E426, where=where, value=text) from exc


@dataclass(frozen=True)
class Office:
    """A role held from ``start`` to ``end`` (inclusive; None: open), coded ``code``."""

    role: str
    code: str
    start: date | None = None
    end: date | None = None

    def active(self, day: date) -> bool:
        """Whether the office was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def country(self) -> str | None:
        """The ISO3 country of a country code (``RUSGOV`` → ``RUS``); None for IGO codes."""
        return None if self.code.startswith("IGO") else self.code[:3]

    @property
    def sector(self) -> str | None:
        """The sector: the rest of a country code, GOV for an office in an IGO."""
        return "GOV" if self.code.startswith("IGO") else (self.code[3:6] or None)


@dataclass(frozen=True)
class PersonEntry:
    """A named person with their offices over time (the source says where the facts are from)."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    nationality: str | None = None
    offices: tuple[Office, ...] = ()
    source: str = ""
    short: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)

    @property
    def surname(self) -> str:
        """The part of the name used alone ("Lavrov", "Xi")."""
        return self.short or self.name.split()[-1]

    def offices_on(self, day: date) -> list[Office]:
        """Offices held on ``day``."""
        return [o for o in self.offices if o.active(day)]

    def last_office(self) -> Office | None:
        """The most recently started office."""
        return max(self.offices, key=lambda o: o.start or date.min, default=None)


@dataclass(frozen=True)
class BodyEntry:
    """A country, region, IGO or organisation: its actor id, code and the names it goes by.

    ``valid`` holds date-dependent codes as ``(code, start, end)``.
    """

    id: str
    name: str
    type: ActorType
    code: str | None
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    valid: tuple[tuple[str, date | None, date | None], ...] = ()
    seats: tuple[str, ...] = ()

    def code_on(self, day: date | None) -> tuple[str | None, str | None]:
        """``(code, sector)`` on ``day`` (date-dependent entries such as the Taliban)."""
        if day is not None:
            for sector, start, end in self.valid:
                if (start is None or start <= day) and (end is None or day <= end):
                    code = f"{self.country}{sector}" if self.country and len(sector) == 3 else sector
                    return code, sector
        return self.code, self.sector


@dataclass(frozen=True)
class CountryEntry:
    """A country (or region): ISO3 / CAMEO code, names, adjectives, plurals and capitals."""

    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    plurals: tuple[str, ...]
    capitals: tuple[str, ...]
    region: bool = False
    seats: tuple[str, ...] = ()

    @property
    def adjective(self) -> str:
        """The first adjective ("Russian"), or the name."""
        return self.adjectives[0] if self.adjectives else self.name


@dataclass(frozen=True)
class Role:
    """A role noun: sector, kind ("person", "group", "org"), gender, tags."""

    name: str
    sector: str | None
    kind: str
    gender: str | None
    tags: frozenset[str]

    @property
    def families(self) -> frozenset[str]:
        """The role itself and the families it belongs to."""
        return self.tags | {self.name}


@dataclass(frozen=True)
class Phrase:
    """A surface form and what it names: ``kind`` is "person", "body", "igo-seat" (a city
    standing for an IGO: Brussels), "country", "adjective", "plural", "capital" or "seat" (of a
    government: the Kremlin); ``target`` a person key, body id or country code."""

    text: str
    kind: str
    target: str


@dataclass
class ActorDictionary:
    """Everything the resolver knows before reading an article."""

    countries: dict[str, CountryEntry] = field(default_factory=dict)
    bodies: dict[str, BodyEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    plural_roles: dict[str, Role] = field(default_factory=dict)
    given_names: dict[str, str] = field(default_factory=dict)
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_surname: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def index(self) -> None:
        """(Re)build the lookup tables after entries changed."""
        by_name: dict[str, list[str]] = defaultdict(list)
        by_surname: dict[str, list[str]] = defaultdict(list)
        for key, person in self.people.items():
            for name in person.names:
                if key not in by_name[fold(name)]:
                    by_name[fold(name)].append(key)
            surnames = {fold(person.surname)} | {fold(n.split()[-1]) for n in person.names}
            for surname in surnames:
                by_surname[surname].append(key)
        self._by_name = dict(by_name)
        self._by_surname = dict(by_surname)

    def person_by_name(self, name: str) -> list[PersonEntry]:
        """People whose name or alias is ``name`` (accents and case folded)."""
        return [self.people[k] for k in self._by_name.get(fold(name), ())]

    def people_by_surname(self, surname: str) -> list[PersonEntry]:
        """People known by this surname."""
        return [self.people[k] for k in self._by_surname.get(fold(surname), ())]

    def full_names(self) -> list[str]:
        """Every folded full name and alias, for fuzzy matching."""
        return list(self._by_name)

    def office_holders(self, day: date, tags: Iterable[str], affiliation: str) -> list[PersonEntry]:
        """People holding, on ``day``, an office whose role is in ``tags`` and whose code starts
        with ``affiliation`` (an ISO3 country or an IGO code)."""
        wanted = set(tags)
        found = []
        for person in self.people.values():
            for office in person.offices_on(day):
                role = self.role_of(office.role)
                families = role.families if role else {fold(office.role)}
                if office.code.startswith(affiliation) and families & wanted:
                    found.append(person)
                    break
        return found

    def role_of(self, text: str) -> Role | None:
        """The role noun a title is built on ("Minister of Foreign Affairs" → foreign minister):
        the longest known role phrase that the folded title ends with or equals."""
        key = fold(text)
        if key in self.roles:
            return self.roles[key]
        words = key.split()
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if tail in self.roles:
                return self.roles[tail]
        for i in range(len(words), 0, -1):
            head = " ".join(words[:i])
            if head in self.roles:
                return self.roles[head]
        return None

    def phrases(self) -> Iterator[Phrase]:
        """Every surface form the matcher looks for."""
        for country in self.countries.values():
            for name in (country.name, *country.names):
                yield Phrase(name, "country", country.code)
            for adjective in country.adjectives:
                yield Phrase(adjective, "adjective", country.code)
            for people in country.plurals:
                yield Phrase(people, "plural", country.code)
            for capital in country.capitals:
                yield Phrase(capital, "capital", country.code)
            for seat in country.seats:
                yield Phrase(seat, "seat", country.code)
        for body in self.bodies.values():
            for name in (body.name, *body.aliases):
                yield Phrase(name, "body", body.id)
            for seat in body.seats:
                yield Phrase(seat, "igo-seat", body.id)
        for person in self.people.values():
            for name in person.names:
                yield Phrase(name, "person", person.key)


# -- loading -----------------------------------------------------------------------------


def split_values(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _countries(rows: Iterable[dict[str, str]], regions: Iterable[dict[str, str]]) -> dict[str, CountryEntry]:
    import pycountry  # needed only to build: the compiled cache holds the result

    countries: dict[str, CountryEntry] = {}
    for row in rows:
        code = row["iso3"]
        extra: list[str] = []
        record = pycountry.countries.get(alpha_3=code)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                # pycountry's inverted forms ("Korea, Republic of") are not how text names a country.
                if value and "," not in value:
                    extra.append(value)
        names = tuple(dict.fromkeys(n for n in (*split_values(row["aliases"]), *extra) if n != row["name"]))
        countries[code] = CountryEntry(
            code,
            row["name"],
            names,
            split_values(row["adjectives"]),
            split_values(row["plurals"]),
            split_values(row["capitals"]),
            seats=split_values(row["seats"]),
        )
    for row in regions:
        countries[row["code"]] = CountryEntry(
            row["code"],
            row["name"],
            split_values(row["aliases"]),
            split_values(row["adjectives"]),
            split_values(row["plurals"]),
            (),
            region=True,
        )
    return countries


def body_from(entry: dict[str, Any], kind: ActorType, where: str) -> BodyEntry:
    try:
        name = str(entry["name"])
    except (KeyError, TypeError) as exc:
        raise DataFileError(Errors.E424, where=where, entry=repr(entry)) from exc
    country = entry.get("country")
    sector = entry.get("sector")
    code = entry.get("code") or (f"{country}{sector or ''}" if country else sector)
    key = str(entry.get("id") or (code if kind == "igo" else name))
    valid = tuple(
        (str(sec), parse_day(start, where=where), parse_day(end, end=True, where=where)) for sec, start, end in (entry.get("valid") or ())
    )
    aliases = tuple(str(a) for a in entry.get("aliases") or () if str(a) != name)
    seats = tuple(str(s) for s in entry.get("seats") or ())
    return BodyEntry(actor_id(kind, key), name, kind, code, country, sector, aliases, valid, seats)


def _roles(rows: Iterable[dict[str, str]]) -> tuple[dict[str, Role], dict[str, Role]]:
    roles: dict[str, Role] = {}
    plurals: dict[str, Role] = {}
    for row in rows:
        none = ("", "-")
        role = Role(
            name=fold(row["role"]),
            sector=None if row["sector"] in none else row["sector"],
            kind=row["kind"],
            gender=None if row["gender"] in none else row["gender"],
            tags=frozenset(fold(t) for t in split_values(row["tags"])),
        )
        roles[role.name] = role
        if not role.name.endswith("s"):
            plurals[plural(role.name)] = role
    return roles, plurals


def people_from_rows(rows: Iterable[dict[str, str]], where: str) -> dict[str, PersonEntry]:
    """Group rows (one per office) into people; a person's fields come from all their rows."""
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if not row.get("name"):
            raise DataFileError(Errors.E424, where=where, entry=repr(dict(row)))
        grouped[slugify(row["name"])].append(row)
    people: dict[str, PersonEntry] = {}
    for key, group in grouped.items():
        offices = []
        for row in group:
            if row.get("code"):
                start, end = parse_day(row.get("start"), where=where), parse_day(row.get("end"), end=True, where=where)
                offices.append(Office(row.get("role") or "", row["code"], start, end))
        aliases = tuple(dict.fromkeys(a for row in group for a in split_values(row.get("aliases"))))
        first = group[0]
        people[key] = PersonEntry(
            key=key,
            name=first["name"],
            aliases=aliases,
            gender=next((r["gender"] for r in group if r.get("gender") in ("m", "f")), None),
            nationality=next((r["nationality"] for r in group if r.get("nationality")), None),
            offices=tuple(offices),
            source="; ".join(dict.fromkeys(r["source"] for r in group if r.get("source"))),
            short=next((r["short"] for r in group if r.get("short")), None),
        )
    return people


def _given_names(rows: Iterable[dict[str, str]]) -> dict[str, str]:
    return {fold(row["name"]): row["gender"] for row in rows}


def _learn_given_names(dictionary: ActorDictionary) -> None:
    """Add the first names of dictionary people (not family names written first: Xi Jinping)."""
    for person in dictionary.people.values():
        parts = person.name.split()
        if len(parts) > 1 and parts[0] != person.short and parts[0][:1].isupper() and not parts[0].endswith("."):
            dictionary.given_names.setdefault(fold(parts[0]), person.gender or "u")


@cache
def shipped_dictionary() -> ActorDictionary:
    """The dictionary shipped in ``newsgraph/data/actors/``: built once, then from the compiled
    cache (pycountry's names are part of it)."""
    return compiled("actor_dictionary", _build_shipped, file_stamp(_PYCOUNTRY_COUNTRIES))


def _build_shipped() -> ActorDictionary:
    roles, plural_roles = _roles(package_tsv("actors/roles.tsv"))
    dictionary = ActorDictionary(
        countries=_countries(package_tsv("actors/countries.tsv"), package_tsv("actors/regions.tsv")),
        roles=roles,
        plural_roles=plural_roles,
        people=people_from_rows(package_tsv("actors/people.tsv"), "actors/people.tsv"),
        given_names=_given_names(package_tsv("actors/given_names.tsv")),
    )
    _learn_given_names(dictionary)
    for entry in package_yaml("actors/igos.yaml") or []:
        body = body_from(entry, "igo", "actors/igos.yaml")
        dictionary.bodies[body.id] = body
    for entry in package_yaml("actors/organizations.yaml") or []:
        body = body_from(entry, "organization", "actors/organizations.yaml")
        dictionary.bodies[body.id] = body
    dictionary.index()
    return dictionary


def counts(dictionary: ActorDictionary) -> dict[str, int]:
    """How many entries of each kind the dictionary holds (for reports and docs)."""
    kinds: dict[str, int] = defaultdict(int)
    for country in dictionary.countries.values():
        kinds["regions" if country.region else "countries"] += 1
        kinds["capitals and seats"] += len(country.capitals) + len(country.seats)
        kinds["demonyms and adjectives"] += len(country.adjectives) + len(country.plurals)
    for body in dictionary.bodies.values():
        kinds["igos" if body.type == "igo" else "organizations"] += 1
    kinds["people"] = len(dictionary.people)
    kinds["offices"] = sum(len(p.offices) for p in dictionary.people.values())
    kinds["roles"] = len(dictionary.roles)
    kinds["given names"] = len(dictionary.given_names)
    return dict(kinds)
