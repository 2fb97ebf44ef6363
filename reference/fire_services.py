"""Fire and rescue services of England (inspected by HMICFRS) and fire-service name matching.

Ids are the service's area slug plus ``-fire`` (``essex-fire``, ``london-fire``): stable
when a service is renamed, and never equal to a police force id.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from reference.forces import forces, normalise

_SUFFIXES = ("fire and rescue service", "fire and rescue services", "fire and rescue",
             "fire and rescue authority", "fire service", "fire brigade", "frs", "fire")


@dataclass(frozen=True)
class FireService:
    """One fire and rescue service with every name it goes by."""

    fire_service_id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    since: date | None
    until: date | None
    successor: str | None
    source: str


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


@lru_cache(maxsize=1)
def fire_services() -> dict[str, FireService]:
    """Every fire and rescue service keyed by id (current and merged-away ones)."""
    with resources.files("reference").joinpath("fire_services.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, FireService] = {}
    police = set(forces())
    for r in rows:
        sid = r["fire_service_id"]
        if sid in police or not sid.endswith("-fire") or sid in out:
            raise ValueError(f"fire_services.csv: bad or duplicate fire service id {sid!r}")
        aliases = tuple(a.strip() for a in r["aliases"].split(";") if a.strip())
        out[sid] = FireService(sid, r["name"], r["short_name"], aliases, _date(r["since"]),
                               _date(r["until"]), r["successor"] or None, r["source"])
    return dict(sorted(out.items()))


def _stem(name: str) -> str:
    base = normalise(name)
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if base.endswith(" " + suffix):
            return base[: -len(suffix) - 1]
    return base


def _variants(name: str) -> set[str]:
    base, stem = normalise(name), _stem(name)
    out = {base, *(f"{stem} {s}" for s in _SUFFIXES)}
    return out | {f"the {v}" for v in out}


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, str], dict[str, str]]:
    """(names carrying a fire word -> id, bare place names and ids -> id)."""
    full: dict[str, str] = {}
    bare: dict[str, str] = {}
    for s in fire_services().values():
        for n in (s.name, s.short_name, *s.aliases):
            for v in _variants(n):
                full.setdefault(v, s.fire_service_id)
            bare.setdefault(_stem(n), s.fire_service_id)
        bare.setdefault(normalise(s.fire_service_id.removesuffix("-fire")), s.fire_service_id)
        full.setdefault(normalise(s.fire_service_id), s.fire_service_id)
    return full, bare


def fire_service_id_for(name: str) -> str | None:
    """The fire service id for a name, alias, place name or slug, or None."""
    key = normalise(name)
    full, bare = _name_index()
    return full.get(key) or bare.get(key) or bare.get(_stem(name))


@lru_cache(maxsize=1)
def _fire_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    """(name, its word-bounded pattern, id) for each name carrying a fire word, longest
    first, compiled once: compiled per call they overflowed re's cache and a landing page
    took ~30 ms of the fetching thread recompiling them."""
    full, _ = _name_index()
    return [(key, re.compile(rf"(?<![\w']){re.escape(key)}(?![\w'])"), full[key])
            for key in sorted(full, key=len, reverse=True)
            if re.search(r"\b(?:fire|frs)\b", key)]


def match_fire_services(text: str) -> list[str]:
    """Fire service ids named in free text (names that carry a fire word), in order."""
    norm = normalise(text)
    found: list[tuple[int, str]] = []
    for key, pattern, service in _fire_patterns():
        if key not in norm:  # the pattern needs the name itself
            continue
        for m in pattern.finditer(norm):
            found.append((m.start(), service))
            norm = norm[: m.start()] + " " * len(m.group()) + norm[m.end():]
    return list(dict.fromkeys(i for _, i in sorted(found)))
