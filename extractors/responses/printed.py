"""The date a response document prints: its letter date or page date, never the report's.

Responses print their date in many forms ("14 October 2025", "14th October 2025",
"Date: 14/10/2025", "October 14, 2025"), usually in the letter head. They also quote the
report's own publication date ("your report published on 28 August 2025"): a date in a
sentence about the report, or one before the report was published, is not the response's.
"""
from __future__ import annotations

import re
from datetime import date

from extractors.dates import parse_date

_LABEL = re.compile(r"^\s*(?:date(?:d)?|date of (?:letter|response)|published(?: on)?|"
                    r"last updated|updated)\s*[:\-–]?\s*", re.I)
_ABOUT_REPORT = re.compile(r"\b(?:report|inspection|published|publication|visit|fieldwork|"
                           r"dated|received)\b", re.I)
_HEAD_LINES = 40


def printed_date(text: str, report_published_on: date | None = None) -> date | None:
    """The response's own date, or None when it prints none we can trust."""
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    for line in lines:  # a labelled date wins anywhere on the page
        m = _LABEL.match(line)
        if m and not line[m.end():].lower().startswith(("of the report", "report")):
            found = parse_date(line[m.end():][:40])
            if _plausible(found, report_published_on):
                return found
    for line in lines[:_HEAD_LINES]:  # else a line that is only a date, in the letter head
        found = parse_date(line)
        if found and _only_a_date(line) and _plausible(found, report_published_on):
            return found
    return None


def _only_a_date(line: str) -> bool:
    rest = re.sub(r"\b\d{1,2}(?:st|nd|rd|th)?\b|\b\d{4}\b|[/.,\-]", " ", line)
    rest = re.sub(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                  r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                  " ", rest, flags=re.I)
    return not rest.strip() and not _ABOUT_REPORT.search(line)


def _plausible(found: date | None, published_on: date | None) -> bool:
    return found is not None and (published_on is None or found >= published_on)
