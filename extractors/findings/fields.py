"""What a finding's text carries beside its words: the due date, who it is addressed to,
and the force it (or its heading) names."""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from extractors.dates import parse_date
from extractors.findings.labels import MODAL_VERB, straight_quotes
from reference.forces import force_id_for, forces


# ---------------------------------------------------------------- dates, addressees, forces

_DUE = re.compile(
    r"\b(?P<lead>by\s+the\s+end\s+of|by|not\s+later\s+than|no\s+later\s+than|on\s+or\s+before|"
    r"before|until)\s+(?:the\s+)?(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def due_date_of(text: str) -> date | None:
    """The due date a finding carries ("By 31 March 2026, ..." -> 2026-03-31).

    "Not later than", "no later than", "on or before" and "before" count too; "by the end
    of March 2026" is the month's last day. A month without a day ("by March 2026") and
    relative periods ("within six months") give None: the text keeps them.
    """
    for m in _DUE.finditer(text):
        found = parse_date(m.group("date")) if m.group("date")[:1].isdigit() else None
        if found:
            return found
        if m.group("lead").lower().startswith("by the end"):
            month_year = re.match(r"([A-Za-z]{3,9})\.?,?\s+(\d{4})$", m.group("date"))
            month = parse_date(f"1 {month_year.group(1)} {month_year.group(2)}") \
                if month_year else None
            if month:
                last = calendar.monthrange(month.year, month.month)[1]
                return month.replace(day=last)
    return None


_ADDRESSEES: list[tuple[str, str]] = [
    ("chief constables", r"(?:all\s+)?chief\s+constables|chief\s+officers"),
    ("the chief constable", r"(?:the\s+)?chief\s+constable\b"),
    ("College of Policing", r"(?:the\s+)?college\s+of\s+policing"),
    ("NPCC", r"(?:the\s+)?national\s+police\s+chiefs'?\s+council|\bnpcc\b"),
    ("Home Office", r"(?:the\s+)?home\s+office|(?:the\s+)?home\s+secretary"),
    ("police and crime commissioners",
     r"police(?:,)?\s+(?:fire\s+)?and\s+crime\s+commissioners|\bp(?:f)?ccs\b|local\s+policing\s+bodies"),
    ("National Crime Agency", r"(?:the\s+)?national\s+crime\s+agency|\bnca\b"),
    ("Crown Prosecution Service", r"(?:the\s+)?crown\s+prosecution\s+service|\bcps\b"),
    ("Ministry of Justice", r"(?:the\s+)?ministry\s+of\s+justice"),
    ("Department for Education", r"(?:the\s+)?department\s+for\s+education"),
    ("the force", r"\bthe\s+(?:force|constabulary)\b"),
    ("the service", r"\bthe\s+(?:fire\s+and\s+rescue\s+)?service\b"),
    ("forces", r"\b(?:all\s+|police\s+|the\s+)?forces\b"),
]
_LEAD_CLAUSE = re.compile(
    r"^(?:(?:by|not\s+later\s+than|no\s+later\s+than|within|before|on\s+or\s+before|"
    r"immediately|as\s+a\s+priority|in\s+the\s+next)\b[^,]*,\s*)+", re.IGNORECASE)


def subject_of(text: str) -> str | None:
    """The words before a finding's first modal verb (after any date clause)."""
    body = _LEAD_CLAUSE.sub("", straight_quotes(text).strip())
    m = MODAL_VERB.search(body)
    if not m:
        return None
    if re.match(r"recommends?\s+that|we\s+recommend", m.group(), re.IGNORECASE):
        after = body[m.end():]
        m2 = MODAL_VERB.search(after)
        return _LEAD_CLAUSE.sub("", after[: m2.start()].strip(" ,")) if m2 else None
    return body[: m.start()]


def addressee_of(text: str) -> str | None:
    """Who a finding is addressed to: 'chief constables', 'College of Policing', 'NPCC'...

    Read from the words before the first "should / must / needs to" (or after "we
    recommend that"); a named force gives its name. Several are joined with '; '
    ("Cumbria Constabulary; Crown Prosecution Service").
    """
    subject = subject_of(text)
    if not subject or len(subject) > 160:
        return None
    found: list[tuple[int, str]] = list(_subject_forces(subject))
    named_force = bool(found)
    taken: list[tuple[int, int]] = []
    for name, pattern in _ADDRESSEES:
        if named_force and name in _GENERIC:
            continue                     # "the chief constable of Essex Police" -> the force
        for m in re.finditer(pattern, subject, re.IGNORECASE):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), name))
    names = list(dict.fromkeys(n for _, n in sorted(found)))
    return "; ".join(names) if names else None


_GENERIC = {"the force", "the service", "forces", "the chief constable"}


@lru_cache(maxsize=4096)     # a report's findings share few subjects ("The force", ...)
def _subject_forces(subject: str) -> tuple[tuple[int, str], ...]:
    """(position, force name) for each force a subject names: the whole subject, or
    its parts split at commas and "and" (longest first, so "Devon and Cornwall Police"
    stays one force while "Cumbria Constabulary and CPS North West" gives Cumbria)."""
    whole = _force_in(subject)
    if whole:
        return ((0, forces()[whole].name),)
    pieces = re.split(r"(,|;|\band\b)", subject)
    starts = [sum(len(p) for p in pieces[:i]) for i in range(len(pieces))]
    out = []
    i = 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + 5), i, -1):
            fid = _force_in("".join(pieces[i:j])) if pieces[i] not in (",", ";", "and") else None
            if fid:
                out.append((starts[i], forces()[fid].name))
                i = j
                break
        else:
            i += 1
    return tuple(out)


def _force_in(subject: str) -> str | None:
    words = re.sub(r"^(?:the\s+)?(?:(?:chief\s+constable|commissioner|chief\s+officer|"
                   r"(?:police,\s+fire\s+and\s+|police\s+and\s+)crime\s+commissioner)"
                   r"\s+(?:of|for)\s+)?", "", subject.strip(" ,"), flags=re.IGNORECASE)
    words = re.sub(r"^the\s+", "", words, flags=re.IGNORECASE)
    fid = force_id_for(words) if 2 < len(words) < 60 else None
    return fid if fid in forces() else None


def force_of(text: str) -> str | None:
    """The force id when a finding's subject names one force ("Essex Police should...",
    "Cumbria Constabulary and CPS North West should..."); None for two forces or none."""
    subject = subject_of(text)
    if not subject:
        return None
    named = {force_id_for(name) for _, name in _subject_forces(subject)}
    return named.pop() if len(named) == 1 else None


def force_heading(text: str) -> str | None:
    """The force id a heading names ("Essex Police", "Recommendations for Kent Police")."""
    clean = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", straight_quotes(text).strip(" :"))
    fid = force_id_for(clean)
    if fid in forces():
        return fid
    m = re.search(r"\b(?:for|to)\s+(?:the\s+)?(.+)$", clean, re.IGNORECASE)
    if m:
        fid = force_id_for(m.group(1))
        return fid if fid in forces() else None
    return None
