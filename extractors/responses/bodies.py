"""Which force's local policing body a response link names ("Gwent PCC's response").

The obligated body is the force's PCC, PFCC, mayor (or deputy mayor), MOPAC, or the Common
Council / Police Committee of the City of London. Anyone else (a chief constable, a police
federation, a fire authority) is not: the caller quarantines such links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reference.forces import forces_named_in, normalise

_FILE_NOTE = re.compile(r"\((?:[^()]*\b(?:pdf|html|docx?|kb|mb)\b[^()]*)\)", re.I)
_TITLE_QUOTE = re.compile(r"\s+(?:to|on|regarding|about)\s+[‘'“\"].*$|\s+in response to\b.*$", re.I)
_LPB_ROLE = re.compile(
    r"\b(?:p\s?f?\s?cc|opfcc|opcc|police(?:,)? (?:fire )?(?:and )?crime commissioner|"
    r"police, fire and crime commissioner|commissioner|(?:deputy )?mayor|mopac|"
    r"police committee|common council|police authority|police and crime panel)\b")
_NOT_LPB = re.compile(r"\b(?:chief constable|chief officer|police federation|federation|"
                      r"chief fire officer|fire (?:and rescue )?authority|superintendents|"
                      r"unison|college of policing|home office|npcc)\b")
_LONDON_MAYOR = re.compile(r"\b(?:mopac|mayor's office for policing and crime|"
                           r"deputy mayor for policing and crime|mayor of london)\b")
_CITY = re.compile(r"\b(?:police committee|common council|city of london corporation)\b")


@dataclass(frozen=True)
class BodyMatch:
    """The force a response's body belongs to, or why none."""

    body: str            # as written, without the file note
    force_id: str | None
    reason: str | None = None


def clean_label(label: str) -> str:
    """'Gwent PCC’s response (PDF document)' -> 'Gwent PCC’s response'."""
    return re.sub(r"\s+", " ", _FILE_NOTE.sub(" ", label)).strip(" -–:")


def body_of(label: str) -> BodyMatch:
    """Match a response link's words to a force whose local policing body wrote it."""
    body = clean_label(label)
    norm = normalise(_TITLE_QUOTE.sub("", body))
    if _NOT_LPB.search(norm) and not _LPB_ROLE.search(_NOT_LPB.sub(" ", norm)):
        return BodyMatch(body, None, "not a local policing body")
    if _LONDON_MAYOR.search(norm):
        return BodyMatch(body, "metropolitan")
    if _CITY.search(norm) and "london" in norm:
        return BodyMatch(body, "city-of-london")
    if not _LPB_ROLE.search(norm):
        return BodyMatch(body, None, "names no police and crime commissioner, mayor or "
                                     "police committee")
    found = forces_named_in(norm, full_names_only=False).force_ids
    if len(found) == 1:
        return BodyMatch(body, found[0])
    if not found:
        return BodyMatch(body, None, "no police force area named")
    return BodyMatch(body, None, "names more than one force area: " + ", ".join(found))
