"""The outlet registry (``newsgraph/data/outlets.yaml`` plus user files): who an article's
source is, named from input metadata, the URL's domain or a wire dateline (``/TASS/``).

Ingest calls :func:`name_outlet` once per article so that every stored article carries the
registry's canonical outlet name; corpus work (comparisons by country, state affiliation,
wires) looks the same registry up again by that name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsgraph.data import package_yaml, parse_yaml
from newsgraph.errors import DataFileError, Errors


@dataclass(frozen=True)
class Outlet:
    """One outlet: canonical name, other spellings, domains and who stands behind it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    ownership: str | None = None
    state_affiliated: bool = False
    wire: bool = False


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


def _domain(url: str) -> str | None:
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


class OutletRegistry:
    """Outlets by name, alias and domain (lookups are case-insensitive)."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            self._by_name[outlet.name] = outlet  # a later entry with the same name replaces it
        self._by_key: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in self._by_name.values():
            for spelling in (outlet.name, *outlet.aliases):
                self._by_key[_key(spelling)] = outlet
            for domain in outlet.domains:
                self._by_domain[domain.lower().removeprefix("www.")] = outlet

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str | None) -> Outlet | None:
        """The outlet called ``name`` (canonical name or alias), or None."""
        return self._by_key.get(_key(name)) if name else None

    def for_url(self, url: str | None) -> Outlet | None:
        """The outlet whose domain (or a parent domain of it) serves ``url``, or None."""
        host = _domain(url) if url else None
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            _, _, host = host.partition(".")
        return None

    def canonical(self, name: str | None) -> str | None:
        """The registry's name for ``name``, or ``name`` itself when the outlet is unknown."""
        if not name or not name.strip():
            return None
        outlet = self.get(name)
        return outlet.name if outlet else " ".join(name.split())


def _outlet(entry: Any, where: str) -> Outlet:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise DataFileError(Errors.E230, where=where, entry=repr(entry))
    unknown = set(entry) - {"name", "aliases", "domains", "country", "language", "ownership", "state_affiliated", "wire"}
    if unknown:
        raise DataFileError(Errors.E231, where=where, name=entry["name"], fields=sorted(unknown))
    return Outlet(
        name=entry["name"],
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        domains=tuple(str(d).lower() for d in entry.get("domains") or ()),
        country=entry.get("country"),
        language=entry.get("language"),
        ownership=entry.get("ownership"),
        state_affiliated=bool(entry.get("state_affiliated", False)),
        wire=bool(entry.get("wire", False)),
    )


def read_outlets(path: Path) -> list[Outlet]:
    """The outlets listed in one registry file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(Errors.E228, path=path, detail=exc) from exc
    return outlets_from(parse_yaml(text, str(path)), str(path))


def outlets_from(data: Any, where: str) -> list[Outlet]:
    """The outlets of a parsed registry file."""
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise DataFileError(Errors.E229, path=where)
    return [_outlet(entry, where) for entry in data["outlets"]]


@cache
def load_outlets(extra_files: tuple[Path, ...] = ()) -> OutletRegistry:
    """The bundled registry, extended (or overridden by name) by ``extra_files`` in order."""
    outlets = outlets_from(package_yaml("outlets.yaml"), "outlets.yaml")
    for path in extra_files:
        outlets.extend(read_outlets(Path(path)))
    return OutletRegistry(outlets)


def name_outlet(
    registry: OutletRegistry,
    metadata: str | None = None,
    url: str | None = None,
    site_name: str | None = None,
    dateline: str | None = None,
    fallback: str | None = None,
) -> str | None:
    """Name an article's outlet: the input's own outlet field first, then a registry outlet
    serving the URL, then the page's site name, then the wire named in the dateline, then
    the user's ``--outlet``; known names are replaced by the registry's canonical name.

    The URL outranks the dateline because a site that republishes a TASS story is the
    outlet the reader saw; the dateline still records where the copy came from.
    """
    if metadata and metadata.strip():
        return registry.canonical(metadata)
    by_url = registry.for_url(url)
    if by_url is not None:
        return by_url.name
    for name in (site_name, dateline, fallback):
        if name and name.strip():
            return registry.canonical(name)
    return None
