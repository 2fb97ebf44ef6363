"""Which publications open Section 55 obligations, and for which local policing bodies.

Publication types are read one by one (the site joins them "A, B and C") and each is
put in one category of the vocabulary below; the forces named decide the rest:

- ``police``: a police inspection subject (PEEL, Crime recording, Custody, Vetting...).
- ``joint``: a joint inspection (also a title saying "joint ... inspection"): opens
  obligations for the forces it names, flagged ``needs_review``.
- ``fire``: Fire & rescue services; its duty is under the Fire and Rescue Services Act
  2004, not s.55. Fire-only publications open none; mixed with police types and naming
  a police force, obligations are flagged ``needs_review``.
- ``not_a_report``: consultations, corporate documents (annual reports, business plans),
  inspection programmes and frameworks. Any such type means no obligation at all.
- ``review``: reports with a different or doubtful duty (super-complaints, State of
  Policing): obligations flagged ``needs_review`` when they name a force.
- anything else is unrecognised: with a force named the obligations are flagged
  ``needs_review``; with no force named there is no obligation and the reason says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from reference.forces import forces, normalise, other_bodies
from section55.bodies import body_on
from section55.deadlines import practice_deadline, statutory_deadline

RULE_VERSION = "s55-2026.1"

POLICE_TYPES = frozenset(normalise(t) for t in (
    "PEEL", "PEEL assessments", "Police effectiveness, efficiency and legitimacy",
    "Crime recording", "Crime data integrity", "Data", "Data quality", "Spotlight",
    "Custody", "Police custody", "Vetting", "Child protection",
    "National child protection inspections", "Domestic abuse", "Counter-terrorism",
    "Serious and organised crime", "Organised crime", "Anti-social behaviour",
    "Antisocial behaviour", "Efficiency", "Effectiveness", "Legitimacy", "Leadership",
    "Police integrity and corruption", "Integrity", "Corruption", "Victims",
    "Vulnerability", "Digital", "Digital crime", "Cyber crime", "Fraud",
    "Stop and search", "Hate crime", "Mental health", "Neighbourhood policing",
    "Roads policing", "Modern slavery", "Human trafficking", "Undercover policing",
    "Firearms", "Firearms licensing", "Armed policing", "Public order", "Rape",
    "Violence against women and girls", "VAWG", "Workforce", "Criminal justice",
    "Investigation", "Investigations", "Child sexual exploitation", "Missing children",
    "Honour-based violence", "Stalking and harassment", "Thematic",
    "Thematic inspections", "National", "Force reports", "Police", "Police forces",
    "Policing", "Inspection", "Inspections", "Inspection reports", "Causes of concern",
    "Accelerated cause of concern", "Revisits", "Re-inspections",
    "Post-inspection review", "Contact management", "Call handling",
    "Emergency response", "Race and policing", "Disproportionality", "Wellbeing",
    "Value for money", "Collaboration", "Specialist capabilities",
    "Protective services", "Ethics", "Crime", "Offender management",
    "Neighbourhood crime", "Serious violence", "Finance", "Police funding", "Race",
    "Child sexual abuse", "Online child sexual abuse", "Missing persons", "Cybercrime",
    "Non-Home Office forces", "Specialist inspections",
))
JOINT_TYPES = frozenset(normalise(t) for t in (
    "Joint inspections", "Joint inspection", "Criminal Justice Joint Inspection",
    "Joint targeted area inspections", "Joint thematic inspections",
))
FIRE_TYPES = frozenset(normalise(t) for t in (
    "Fire & rescue services", "Fire and rescue services", "Fire & rescue service",
    "Fire and rescue", "Fire", "Fire & rescue inspections", "Fire and rescue inspections",
))
NOT_A_REPORT_TYPES = {normalise(t): label for t, label in (
    ("Consultations", "consultation"), ("Consultation", "consultation"),
    ("Responses to consultations", "consultation"),
    ("Corporate documents", "corporate document"), ("Corporate", "corporate document"),
    ("Annual reports", "corporate document"), ("Annual report", "corporate document"),
    ("Annual report and accounts", "corporate document"),
    ("Business plans", "corporate document"), ("Business plan", "corporate document"),
    ("Annual plans", "corporate document"), ("Annual plan", "corporate document"),
    ("Strategy", "corporate document"), ("Publication scheme", "corporate document"),
    ("Freedom of information", "corporate document"), ("Speeches", "corporate document"),
    ("News", "corporate document"), ("Guidance", "corporate document"),
    ("Inspection programmes and frameworks", "inspection programme or framework"),
    ("Inspection programme and framework", "inspection programme or framework"),
    ("Inspection programmes", "inspection programme or framework"),
    ("Frameworks", "inspection programme or framework"),
    ("Framework", "inspection programme or framework"),
    ("Methodology", "inspection programme or framework"),
    ("Terms of reference", "inspection programme or framework"),
)}
REVIEW_TYPES = {normalise(t): label for t, label in (
    ("Super-complaints", "super-complaint report (Police Reform Act 2002 regime)"),
    ("Police super-complaints", "super-complaint report (Police Reform Act 2002 regime)"),
    ("State of Policing", "State of Policing annual assessment"),
    ("Annual assessments", "State of Policing annual assessment"),
    ("Annual assessment", "State of Policing annual assessment"),
)}

BTP_ID = "british-transport-police"
BTP_AUTHORITY = "British Transport Police Authority"
_OTHER_BODY_NOTES = {
    "national-crime-agency":
        "NCA: own regime under Crime and Courts Act 2013 Sch.6, no s.55 obligation",
    "police-service-of-northern-ireland":
        "PSNI: not in England and Wales (Police (Northern Ireland) Act 1998 s.42 "
        "regime), no s.55 obligation",
    "police-scotland": "Police Scotland: not in England and Wales, no s.55 obligation",
}
_JOINT_TITLE = re.compile(r"\bjoint\b(?:\s+[\w']+){0,4}?\s+inspections?\b")
_FIRE_TITLE = re.compile(r"\bfire and rescue\b")


@dataclass
class PublicationFacts:
    """What the rules need to know about one publication."""

    publication_id: str
    title: str
    published_on: date
    publication_types: list[str]
    force_ids: list[str]
    all_forces: bool
    other_bodies: list[str] = field(default_factory=list)
    fire_services: list[str] = field(default_factory=list)


@dataclass
class ObligationDraft:
    """One local policing body's duty to respond to one publication."""

    publication_id: str
    force_id: str
    local_policing_body: str
    lpb_type: str
    published_on: date
    statutory_deadline: date | None
    practice_deadline: date | None
    needs_review: bool
    reason: str
    rule_version: str


@dataclass(frozen=True)
class Classification:
    """The verdict on a publication: does it carry the duty, and must a person confirm."""

    is_police_inspection: bool
    needs_review: bool
    reason: str


def type_category(publication_type: str) -> str:
    """One of police, joint, fire, not_a_report, review or unrecognised."""
    key = normalise(publication_type)
    if key in NOT_A_REPORT_TYPES:
        return "not_a_report"
    if key in JOINT_TYPES or key.startswith("joint "):
        return "joint"
    if key in FIRE_TYPES or "fire and rescue" in key:
        return "fire"
    if key in REVIEW_TYPES:
        return "review"
    if key in POLICE_TYPES:
        return "police"
    return "unrecognised"


def _names_police(facts: PublicationFacts) -> bool:
    return bool(facts.force_ids or facts.all_forces or facts.other_bodies)


def _types_text(types: list[str]) -> str:
    return ", ".join(repr(t) for t in types)


def classify(facts: PublicationFacts) -> Classification:
    """Decide from the publication types, the title and the forces named."""
    by_category: dict[str, list[str]] = {}
    for t in facts.publication_types:
        by_category.setdefault(type_category(t), []).append(t)
    title = normalise(facts.title or "")
    names_police = _names_police(facts)
    if "not_a_report" in by_category:
        t = by_category["not_a_report"][0]
        return Classification(False, False, f"{NOT_A_REPORT_TYPES[normalise(t)]} "
                              f"(type {t!r}): not an inspection report, no s.55 obligation")
    police_like = {"police", "joint", "review"} & by_category.keys()
    fire = "fire" in by_category or bool(facts.fire_services and not names_police)
    if fire and not (police_like and names_police):
        return Classification(False, False, "fire & rescue publication: Fire and Rescue "
                              "Services Act 2004 regime, no s.55 obligation")
    if fire:
        return Classification(True, True, "mixed police and fire & rescue types "
                              f"({_types_text(facts.publication_types)}) naming a police "
                              "force: confirm the s.55 duty")
    if "joint" in by_category or _JOINT_TITLE.search(title):
        if not names_police:
            return Classification(False, False, "joint inspection naming no police force")
        return Classification(True, True, "joint inspection naming a police force: "
                              "likely s.55, confirm")
    if "police" in by_category:
        unknown = by_category.get("unrecognised", [])
        extra = f"; also unrecognised type(s) {_types_text(unknown)}" if unknown else ""
        return Classification(True, False, "police inspection (types "
                              f"{_types_text(by_category['police'])}){extra}")
    if "review" in by_category:
        label = REVIEW_TYPES[normalise(by_category["review"][0])]
        if not names_police:
            return Classification(False, False, f"{label} naming no police force")
        return Classification(True, True, f"{label}: s.55 duty uncertain, confirm")
    unknown = by_category.get("unrecognised", [])
    what = (f"unrecognised publication type(s) {_types_text(unknown)}" if unknown
            else "no publication types")
    if names_police and _FIRE_TITLE.search(title) and not facts.force_ids:
        return Classification(False, False, f"{what}, fire & rescue title: no obligation")
    if names_police:
        return Classification(True, True, f"{what} naming a police force: confirm")
    return Classification(False, False, f"{what} and no police force named: "
                          "no obligation (fail safe)")


def is_police_inspection(facts: PublicationFacts) -> tuple[bool, str]:
    """Whether the publication carries a s.55 duty for the forces it names, and why."""
    verdict = classify(facts)
    return verdict.is_police_inspection, verdict.reason


def _draft(facts: PublicationFacts, force_id: str, body: str, lpb_type: str,
           verdict: Classification, reason: str) -> ObligationDraft:
    return ObligationDraft(
        publication_id=facts.publication_id, force_id=force_id, local_policing_body=body,
        lpb_type=lpb_type, published_on=facts.published_on,
        statutory_deadline=statutory_deadline(facts.published_on),
        practice_deadline=practice_deadline(facts.published_on),
        needs_review=verdict.needs_review, reason=reason, rule_version=RULE_VERSION)


def obligations_for(facts: PublicationFacts) -> tuple[list[ObligationDraft], list[str]]:
    """The obligations a publication opens, and notes on what opened none and why.

    Raises ``section55.bodies.NoLocalPolicingBody`` when reference/forces.csv has no
    body for a named force on the publication date (a data gap to fix, not to skip).
    """
    verdict = classify(facts)
    if not verdict.is_police_inspection:
        return [], [verdict.reason]
    known = forces()
    drafts: list[ObligationDraft] = []
    notes: list[str] = []
    force_ids = sorted(known) if facts.all_forces else list(dict.fromkeys(facts.force_ids))
    scope = "all local forces in England and Wales" if facts.all_forces else "named force"
    for fid in force_ids:
        if fid not in known:
            notes.append(f"{fid}: not one of the 43 territorial forces, no obligation opened")
            continue
        body = body_on(fid, facts.published_on)
        drafts.append(_draft(facts, fid, body.name, body.lpb_type, verdict,
                             f"{verdict.reason}; {scope}; body in office on "
                             f"{facts.published_on.isoformat()}"))
    for bid in dict.fromkeys(facts.other_bodies):
        if bid == BTP_ID:
            drafts.append(_draft(facts, BTP_ID, BTP_AUTHORITY, "police-authority", verdict,
                                 f"{verdict.reason}; BTP: s.55 applies with modifications "
                                 "(Railways and Transport Safety Act 2003 s.63(6))"))
        elif bid in _OTHER_BODY_NOTES:
            notes.append(_OTHER_BODY_NOTES[bid])
        elif bid in other_bodies():
            other = other_bodies()[bid]
            notes.append(f"{other.name}: outside s.55 (duty: {other.s55_like_duty}; "
                         f"{other.duty_detail})")
        else:
            notes.append(f"{bid}: unknown police body, no obligation opened")
    if not drafts and not notes:
        notes.append(f"{verdict.reason}, but it names no police force: no obligation")
    return drafts, notes
