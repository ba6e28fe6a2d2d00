"""CAMEO codes for the actors of one article, on the article's date.

A dictionary person is coded by the office they held on the publication date (Lavrov
``RUSGOV``; Borrell ``IGOEUREEC`` from December 2019 to November 2024); after leaving every
office they are elites of their country (``DEUELI`` for Angela Merkel in 2022). When the date
is unknown the office the article itself describes wins, else the latest one. A person the
dictionary does not know is coded from what the article says ("the Estonian MEP" → ``ESTLEG``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsgraph.extract.actors.coreference import Entity
from newsgraph.extract.actors.dictionary import SECTOR_LABELS, ActorDictionary, Office


@dataclass(frozen=True)
class Coding:
    """An actor's code, country (ISO3), sector and role titles."""

    code: str | None
    country: str | None
    sector: str | None
    roles: tuple[str, ...] = ()


def code_from(affiliation: str | None, sector: str | None) -> tuple[str | None, str | None]:
    """``(code, country)`` from an affiliation (ISO3, region or IGO code) and a sector."""
    if not affiliation:
        return (sector, None) if sector else (None, None)
    if affiliation.startswith("IGO"):
        return affiliation, None
    country = affiliation if len(affiliation) == 3 else None
    return f"{affiliation}{sector or ''}", country


def _office_fits(office: Office, entity: Entity, dictionary: ActorDictionary) -> bool:
    if not entity.descriptors:
        return False
    role = dictionary.role_of(office.role)
    families = role.families if role else frozenset()
    for desc in entity.descriptors:
        if desc.affiliation and not office.code.startswith(desc.affiliation[:9]):
            continue
        if desc.role is None or desc.role.name in families or not families:
            return True
    return False


def _article_roles(entity: Entity) -> list[str]:
    return [d.role_text for d in entity.descriptors if d.role_text]


def _office_coding(office: Office, entity: Entity) -> Coding:
    roles = tuple(dict.fromkeys([office.role, *_article_roles(entity)]))
    return Coding(office.code, office.country, office.sector, roles)


def code_person(entity: Entity, dictionary: ActorDictionary, day: date | None, day_known: bool) -> Coding:
    """Code a person entity (see the module docstring)."""
    person = entity.person
    if person is not None and person.offices:
        offices = person.offices_on(day) if day else []
        fitting = [o for o in offices if _office_fits(o, entity, dictionary)]
        if offices:
            return _office_coding((fitting or sorted(offices, key=lambda o: o.start or date.min, reverse=True))[0], entity)
        described = [o for o in person.offices if _office_fits(o, entity, dictionary)]
        if not day_known and described:
            return _office_coding(described[-1], entity)
        ended = [o for o in person.offices if o.end is not None and day is not None and o.end < day]
        if day_known and ended and not _describes_other_office(entity, person.offices, dictionary):
            country = person.nationality or ended[-1].country
            last = max(ended, key=lambda o: o.end or date.min)
            roles = tuple(dict.fromkeys([f"former {last.role}", *_article_roles(entity)]))
            return Coding(f"{country}ELI" if country else "ELI", country, "ELI", roles)
        if not day_known or day is None:
            last_office = person.last_office()
            if last_office is not None:
                return _office_coding(last_office, entity)
    return _described(entity, person.nationality if person else None)


def _describes_other_office(entity: Entity, offices: tuple[Office, ...], dictionary: ActorDictionary) -> bool:
    """Whether the article gives the person a role none of their known offices explains (a
    new post the dictionary lacks); a past office's title is old news, not a current role."""
    for desc in entity.descriptors:
        if desc.role is None or desc.former:
            continue
        single = Entity(entity.kind, entity.name, descriptors=[desc])
        if not any(_office_fits(office, single, dictionary) for office in offices):
            return True
    return False


def _described(entity: Entity, nationality: str | None) -> Coding:
    """Code from the article's own descriptions (the most specific one wins)."""
    affiliation = next((d.affiliation for d in entity.descriptors if d.affiliation), None) or nationality
    former = any(d.former for d in entity.descriptors)
    sector = next((d.sector for d in entity.descriptors if d.sector), None)
    if former and sector in ("GOV", "MIL", "LEG", "JUD"):
        sector = "ELI"
    code, country = code_from(affiliation, sector)
    return Coding(code, country, sector, tuple(dict.fromkeys(_article_roles(entity))))


def group_name(code: str, dictionary: ActorDictionary) -> str:
    """A readable name for a coded group: ``RUSGOV`` → "Russian government"."""
    place, sector = code[:3], code[3:6]
    country = dictionary.countries.get(place)
    label = SECTOR_LABELS.get(sector, sector.lower())
    if country is None:
        return code
    if not sector:
        return country.name
    return f"{country.adjective} {label}"
