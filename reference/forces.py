"""The 43 territorial forces, their names and aliases, and force-name matching."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

ALL_FORCES_PHRASES = (
    "all local forces in england and wales",
    "all forces in england and wales",
    "all police forces in england and wales",
    "all 43 forces",
    "all 43 police forces",
    "all local police forces",
    "all forces",
)


@dataclass(frozen=True)
class LocalPolicingBody:
    """One row of forces.csv: the body that held a force's PCC functions over a period."""

    force_id: str
    name: str
    lpb_type: str
    since: date | None
    until: date | None
    source: str


@dataclass(frozen=True)
class Force:
    """A territorial police force with every name it goes by."""

    force_id: str
    name: str
    short_name: str
    country: str
    region: str
    aliases: tuple[str, ...]
    bodies: tuple[LocalPolicingBody, ...] = field(default=())


@dataclass(frozen=True)
class OtherBody:
    """A police body outside the 43 (BTP, NCA, PSNI...), from other_forces.csv."""

    body_id: str
    name: str
    aliases: tuple[str, ...]
    oversight_body: str
    s55_like_duty: str
    duty_detail: str


@dataclass
class ForceMatch:
    """What a 'Police forces' text names: force ids, other bodies, and leftovers."""

    force_ids: list[str]
    all_forces: bool
    other_bodies: list[str]
    unmatched: list[str]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


def normalise(text: str) -> str:
    """Lowercase, fold accents and quotes, '&' to 'and', collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    text = re.sub(r"[^\w',; ]+", " ", text.lower())
    text = re.sub(r"\s*([,;])\s*", r" \1 ", text)
    return re.sub(r"\s+", " ", text).strip()


def _read_csv(name: str) -> list[dict[str, str]]:
    with resources.files("reference").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def forces() -> dict[str, Force]:
    """All 43 forces keyed by force id, each with its local policing bodies by date."""
    rows = _read_csv("forces.csv")
    by_id: dict[str, Force] = {}
    bodies: dict[str, list[LocalPolicingBody]] = {}
    for r in rows:
        fid = r["force_id"]
        bodies.setdefault(fid, []).append(
            LocalPolicingBody(fid, r["local_policing_body_name"], r["lpb_type"],
                              _date(r["lpb_since"]), _date(r["lpb_until"]), r["source"]))
        if fid not in by_id:
            aliases = tuple(a.strip() for a in r["aliases"].split(";") if a.strip())
            by_id[fid] = Force(fid, r["force_name"], r["short_name"], r["country"],
                               r["region"], aliases)
    return {fid: Force(f.force_id, f.name, f.short_name, f.country, f.region, f.aliases,
                       tuple(bodies[fid])) for fid, f in sorted(by_id.items())}


@lru_cache(maxsize=1)
def other_bodies() -> dict[str, OtherBody]:
    """Police bodies outside the 43, keyed by body id."""
    out = {}
    for r in _read_csv("other_forces.csv"):
        aliases = tuple(a.strip() for a in r["aliases"].split(";") if a.strip())
        out[r["body_id"]] = OtherBody(r["body_id"], r["body_name"], aliases,
                                      r["oversight_body"], r["s55_like_duty"], r["duty_detail"])
    return out


_SUFFIXES = ("police", "constabulary", "police service", "police force")


def _variants(name: str) -> set[str]:
    base = normalise(name)
    out = {base}
    for suffix in _SUFFIXES:
        if base.endswith(" " + suffix):
            out.add(base[: -len(suffix) - 1])
    stem = min(out, key=len)
    out |= {f"{stem} {s}" for s in _SUFFIXES}
    out |= {f"the {v}" for v in list(out)}
    return {v for v in out if v}


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Every normalised name or alias -> force id or other body id."""
    index: dict[str, str] = {}
    for f in forces().values():
        for n in (f.name, f.short_name, f.force_id.replace("-", " "), *f.aliases):
            for v in _variants(n):
                index.setdefault(v, f.force_id)
    for b in other_bodies().values():
        for n in (b.name, *b.aliases):
            for v in _variants(n):
                index.setdefault(v, b.body_id)
    return index


def force_id_for(name: str) -> str | None:
    """The force id (or other body id) for one name, alias or slug, or None."""
    key = normalise(name)
    index = name_index()
    return index.get(key) or index.get(key.replace("-", " "))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every name's word-bounded pattern, longest name first, compiled once."""
    return [(key, re.compile(rf"(?<![\w']){re.escape(key)}(?![\w'])"))
            for key in sorted(name_index(), key=len, reverse=True)]


_BEFORE = re.compile(r"(?:^|,|;|\band)\s*$")
_AFTER = re.compile(r"\s*(?:$|,|;|and\b)")
_SEPARATORS = re.compile(r"^(?:and|,|;|\s|also|including)*$")


def match_forces(text: str) -> ForceMatch:
    """Find every force named in free text such as a 'Police forces:' value.

    Names are matched longest first on word boundaries; whatever is left that is not a
    separator is reported in ``unmatched`` so that an unknown name fails loudly.
    """
    norm = normalise(re.sub(r"\([^()]*\)", " ", text))  # '(lead force)', '(East Midlands)'
    if not norm:
        return ForceMatch([], False, [], [])
    all_forces = any(p in norm for p in ALL_FORCES_PHRASES)
    if all_forces:
        for p in ALL_FORCES_PHRASES:
            norm = norm.replace(p, " , ")
    index = name_index()
    found: list[tuple[int, str]] = []
    for key, pattern in _patterns():
        if key not in norm:
            continue
        for m in list(pattern.finditer(norm)):
            if not (_BEFORE.search(norm[: m.start()]) and _AFTER.match(norm[m.end():])):
                continue
            found.append((m.start(), index[key]))
            norm = norm[: m.start()] + " , " + " " * (len(m.group()) - 3) + norm[m.end():]
    found.sort()
    known = forces()
    ids = list(dict.fromkeys(i for _, i in found if i in known))
    others = list(dict.fromkeys(i for _, i in found if i not in known))
    leftovers = [p.strip() for p in re.split(r",|;|\band\b", norm)]
    unmatched = [p for p in leftovers if p and not _SEPARATORS.match(p)]
    if all_forces:
        ids = sorted(known)
    return ForceMatch(ids, all_forces, others, unmatched)


def forces_named_in(text: str, *, full_names_only: bool = True) -> ForceMatch:
    """Forces named anywhere in free text (a title, a sentence) by a full name such as
    'Essex Police' or 'Heddlu Dyfed-Powys'; short names alone ('Essex') count only with
    ``full_names_only=False`` (a body's name: "Gwent PCC")."""
    norm = re.sub(r"'s\b", "", normalise(text))  # "British Transport Police's"
    index = name_index()
    found: list[tuple[int, str]] = []
    for key, pattern in _patterns():
        if key not in norm or (full_names_only and
                               not re.search(r"\b(?:police|constabulary|heddlu)\b", key)):
            continue
        for m in list(pattern.finditer(norm)):
            found.append((m.start(), index[key]))
            norm = norm[: m.start()] + " " * len(m.group()) + norm[m.end():]
    found.sort()
    known = forces()
    ids = list(dict.fromkeys(i for _, i in found if i in known))
    others = list(dict.fromkeys(i for _, i in found if i not in known))
    return ForceMatch(ids, False, others, [])
