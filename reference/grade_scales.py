"""Grade scales and graded area names per inspection cycle (PEEL, crime data integrity, fire).

Area names come from DOMAIN.md and memory of the reports; several are unverified. A name
not listed here still loads (``area_key`` returns None) and is flagged in the run summary.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reference.forces import normalise

GRADES: tuple[str, ...] = ("outstanding", "good", "adequate", "requires improvement",
                           "inadequate")
FOUR_POINT: tuple[str, ...] = ("outstanding", "good", "requires improvement", "inadequate")
KINDS: tuple[str, ...] = ("peel", "cdi", "fire")

# First cycle year on the 5-point scale, per kind (CDI never moved off 4 points).
_FIVE_POINT_FROM = {"peel": 2021, "fire": 2023}

_CYCLE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def cycle_start(cycle: str | None) -> int | None:
    """First year of a cycle id ('2023-25' -> 2023, '2016' -> 2016), None if not one."""
    m = _CYCLE.match(cycle or "")
    return int(m.group(1)) if m else None


def scale_for(cycle: str | None, kind: str = "peel") -> tuple[str, ...]:
    """The grade words of a cycle's scale, best first.

    PEEL: 4-point before 2021/22, 5-point (adding 'adequate') from 2021/22. Crime data
    integrity: 4-point. Fire & rescue: rounds 1-2 4-point, round 3 (2023-25) 5-point.
    An unknown cycle gets the 5-point union, so nothing valid is ever rejected by it.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown grade scheme {kind!r}; expected one of {KINDS}")
    if kind == "cdi":
        return FOUR_POINT
    start = cycle_start(cycle)
    if start is None:
        return GRADES
    return GRADES if start >= _FIVE_POINT_FROM[kind] else FOUR_POINT


# Each entry: key -> (printed name, other printed forms). Question forms are aliases.
_AreaTable = dict[str, tuple[str, tuple[str, ...]]]

_PEEL_4POINT: _AreaTable = {
    "effectiveness": ("Effectiveness", (
        "Police effectiveness",
        "How effective is the force at keeping people safe and reducing crime?")),
    "efficiency": ("Efficiency", (
        "Police efficiency",
        "How efficient is the force at keeping people safe and reducing crime?")),
    "legitimacy": ("Legitimacy", (
        "Police legitimacy",
        "How legitimate is the force at keeping people safe and reducing crime?")),
    "preventing_crime": ("Preventing crime and tackling anti-social behaviour", (
        "Preventing crime, tackling anti-social behaviour and keeping people safe",
        "How effective is the force at preventing crime, tackling anti-social behaviour "
        "and keeping people safe?",
        "How effective is the force at preventing crime and tackling anti-social behaviour?")),
    "investigating_crime": ("Investigating crime and reducing re-offending", (
        "Investigating crime",
        "How effective is the force at investigating crime and reducing re-offending?",
        "How effective is the force at investigating crime?")),
    "protecting_vulnerable_people": ("Protecting vulnerable people and supporting victims", (
        "Protecting vulnerable people",
        "Protecting those who are vulnerable from harm, and supporting victims",
        "How effective is the force at protecting those who are vulnerable from harm, "
        "and supporting victims?",
        "How effective is the force at protecting those who are vulnerable from harm?")),
    "tackling_serious_organised_crime": ("Tackling serious and organised crime", (
        "How effective is the force at tackling serious and organised crime?",
        "How effective is the force at tackling serious and organised crime, including "
        "its arrangements for fulfilling its national policing responsibilities?")),
    "understanding_demand": ("Understanding demand", (
        "How well does the force understand demand?",
        "How well does the force understand its current and likely future demand?",
        "How well does the force understand the demand for its services?")),
    "using_resources": ("Using resources to meet demand", (
        "How well does the force use its resources to meet demand?",
        "How well does the force use its resources?",
        "How well does the force use its resources to meet its demand?")),
    "planning_for_the_future": ("Planning for the future", (
        "How well is the force planning for the future?",
        "How well is the force planning for demand in the future?")),
    "fair_treatment_of_the_public": ("Treating the public fairly", (
        "Fair and respectful treatment of the public",
        "To what extent does the force treat all of the people it serves with fairness "
        "and respect?",
        "How well does the force treat the public fairly?",
        "To what extent does the force treat all the people it serves with fairness and "
        "respect?")),
    "ethical_and_lawful_workforce": ("Ethical and lawful workforce behaviour", (
        "How well does the force ensure that its workforce behaves ethically and lawfully?",
        "Ensuring the workforce behaves ethically and lawfully")),
    "fair_treatment_of_the_workforce": ("Treating the workforce fairly", (
        "To what extent does the force treat its workforce with fairness and respect?",
        "How well does the force treat its workforce fairly?",
        "Fair and respectful treatment of the workforce")),
}

_PEEL_2021_22: _AreaTable = {
    "recording_data_about_crime": ("Recording data about crime", ()),
    "treatment_of_the_public": ("Treatment of the public", ()),
    "preventing_crime": ("Preventing crime and anti-social behaviour", (
        "Preventing crime and antisocial behaviour",)),
    "responding_to_the_public": ("Responding to the public", ()),
    "investigating_crime": ("Investigating crime", ()),
    "protecting_vulnerable_people": ("Protecting vulnerable people", ()),
    "managing_offenders": ("Managing offenders and suspects", (
        "Managing offenders", "Managing suspects and offenders")),
    "disrupting_serious_organised_crime": ("Disrupting serious organised crime", (
        "Disrupting serious and organised crime", "Tackling serious and organised crime",
        "Serious and organised crime")),
    "developing_a_positive_workplace": ("Developing a positive workplace", ()),
    "good_use_of_resources": ("Good use of resources", (
        "Making good use of resources",)),
}

_PEEL_2023_25: _AreaTable = {
    "recording_data_about_crime": ("Recording data about crime", ()),
    "police_powers_and_public_treatment": ("Police powers and public treatment", ()),
    "preventing_crime": (
        "Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
        ("Preventing and deterring crime and anti-social behaviour, and reducing "
         "vulnerability",
         "Preventing and deterring crime and antisocial behaviour and reducing vulnerability",
         "Preventing crime")),
    "responding_to_the_public": ("Responding to the public", ()),
    "investigating_crime": ("Investigating crime", ()),
    "protecting_vulnerable_people": ("Protecting vulnerable people", ()),
    "managing_offenders": ("Managing offenders and suspects", (
        "Managing offenders", "Managing suspects and offenders")),
    "building_the_workforce": ("Building, supporting and protecting the workforce", (
        "Building supporting and protecting the workforce",)),
    "leadership_and_force_management": ("Leadership and force management", ()),
}

PEEL_CYCLES_4POINT: tuple[str, ...] = ("2014", "2015", "2016", "2017", "2018-19")

KNOWN_AREAS: dict[str, dict[str, str]] = {
    **{c: {k: v[0] for k, v in _PEEL_4POINT.items()} for c in PEEL_CYCLES_4POINT},
    "2021-22": {k: v[0] for k, v in _PEEL_2021_22.items()},
    "2023-25": {k: v[0] for k, v in _PEEL_2023_25.items()},
}

_CDI: _AreaTable = {
    "crime_recording": ("Crime recording", (
        "Crime data integrity", "Overall", "Overall grade", "Overall judgment",
        "Crime recording accuracy", "Crime-recording")),
}
CDI_CYCLES: tuple[str, ...] = ("2014", "2016", "2017", "2018", "2019", "2020")
CDI_AREAS: dict[str, dict[str, str]] = {c: {k: v[0] for k, v in _CDI.items()}
                                        for c in CDI_CYCLES}

_FIRE_PILLARS: _AreaTable = {
    "effectiveness": ("Effectiveness", (
        "How effective is the service at keeping people safe and secure from fire and "
        "other risks?",
        "How effective is the service at keeping people safe and secure?")),
    "efficiency": ("Efficiency", (
        "How efficient is the service at keeping people safe and secure from fire and "
        "other risks?",
        "How efficient is the service at keeping people safe and secure?")),
    "people": ("People", (
        "How well does the service look after its people?",)),
}
_FIRE_QUESTIONS: _AreaTable = {
    "understanding_risk": ("Understanding the risk of fire and other emergencies", (
        "Understanding fire and risk", "Understanding fire and other risks",
        "Understanding the risk of fire and other risks")),
    "preventing_fires": ("Preventing fires and other risks", (
        "Preventing fire and other risks", "Preventing fire and risk")),
    "protecting_through_regulation": ("Protecting the public through fire regulation", ()),
    "responding_to_emergencies": ("Responding to fires and other emergencies", (
        "Responding to fires and emergencies",)),
    "responding_to_major_incidents": ("Responding to major and multi-agency incidents", (
        "Responding to national risks", "Responding to major incidents")),
    "best_use_of_resources": ("Making best use of resources", (
        "Making the best use of resources",)),
    "future_affordability": ("Making the fire and rescue service affordable now and in the "
                             "future", (
        "Future affordability",
        "Making the service affordable now and in the future",
        "Making the fire and rescue service affordable now and in future",
        "Future investment and working with others",
        "Making the fire and rescue service affordable")),
    "values_and_culture": ("Promoting the right values and culture", (
        "Promoting values and culture",)),
    "right_people_right_skills": ("Getting the right people with the right skills", ()),
    "fairness_and_diversity": ("Ensuring fairness and promoting diversity", (
        "Ensuring fairness and diversity",)),
    "managing_performance": ("Managing performance and developing leaders", ()),
}
# Round 3 (2023-25) prints shorter names for several questions (unverified).
_FIRE_ROUND_3_NAMES = {
    "understanding_risk": "Understanding fire and risk",
    "preventing_fires": "Preventing fire and risk",
    "responding_to_emergencies": "Responding to fires and emergencies",
    "future_affordability": "Future affordability",
    "values_and_culture": "Promoting values and culture",
    "fairness_and_diversity": "Ensuring fairness and diversity",
}


def _renamed(table: _AreaTable, names: dict[str, str]) -> _AreaTable:
    """The same areas with other printed names; the old names become aliases."""
    out: _AreaTable = {}
    for key, (name, aliases) in table.items():
        printed = names.get(key, name)
        out[key] = (printed, tuple(a for a in (name, *aliases) if a != printed))
    return out


_FIRE_ROUND_3 = _renamed(_FIRE_QUESTIONS, _FIRE_ROUND_3_NAMES)
FIRE_CYCLES: tuple[str, ...] = ("2018-19", "2021-22", "2023-25")
FIRE_AREAS: dict[str, dict[str, str]] = {
    "2018-19": {k: v[0] for k, v in {**_FIRE_PILLARS, **_FIRE_QUESTIONS}.items()},
    "2021-22": {k: v[0] for k, v in {**_FIRE_PILLARS, **_FIRE_QUESTIONS}.items()},
    "2023-25": {k: v[0] for k, v in _FIRE_ROUND_3.items()},
}

_TABLES: dict[str, dict[str, _AreaTable]] = {
    "peel": {**{c: _PEEL_4POINT for c in PEEL_CYCLES_4POINT},
             "2021-22": _PEEL_2021_22, "2023-25": _PEEL_2023_25},
    "cdi": {c: _CDI for c in CDI_CYCLES},
    "fire": {"2018-19": {**_FIRE_PILLARS, **_FIRE_QUESTIONS},
             "2021-22": {**_FIRE_PILLARS, **_FIRE_QUESTIONS},
             "2023-25": _FIRE_ROUND_3},
}


def known_areas(kind: str = "peel") -> dict[str, dict[str, str]]:
    """cycle -> {area key: printed name} for one scheme ('peel', 'cdi' or 'fire')."""
    return {"peel": KNOWN_AREAS, "cdi": CDI_AREAS, "fire": FIRE_AREAS}[kind]


def area_text(area: str) -> str:
    """An area name folded for comparison (case, dashes, '&', 'anti-social', '?')."""
    text = normalise(area.replace("re-offending", "reoffending"))
    text = text.replace("anti social", "antisocial").replace("re offending", "reoffending")
    text = re.sub(r"[,;']", " ", text)
    text = re.sub(r"^(?:the|our|q\d+|question \d+|\d+)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def _index(kind: str, cycle: str | None) -> dict[str, str]:
    tables = _TABLES[kind]
    chosen = [tables[cycle]] if cycle in tables else list(tables.values())
    index: dict[str, str] = {}
    for table in chosen:
        for key, (name, aliases) in table.items():
            for form in (name, *aliases):
                index.setdefault(area_text(form), key)
    return index


def area_key(area: str, cycle: str | None, kind: str = "peel") -> str | None:
    """The key of a known area name for the cycle, or None for a name never seen.

    A cycle this module does not list is matched against every cycle of the scheme.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown grade scheme {kind!r}; expected one of {KINDS}")
    return _index(kind, cycle).get(area_text(area))
