"""Dates in every form the site prints them, to `datetime.date`."""
from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_CY_MONTHS = {"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6,
              "gorffennaf": 7, "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11,
              "rhagfyr": 12}

_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def parse_date(text: str | None) -> date | None:
    """The first date in ``text`` (UK day-first order), or None if there is none.

    Accepts '16 January 2025', '1st Jan 2025', 'January 16, 2025', '2025-01-16',
    '16/01/2025', Welsh month names and ISO datetimes.
    """
    if not text:
        return None
    text = text.replace("\xa0", " ")
    candidates: list[tuple[int, date]] = []
    for m in _ISO.finditer(text):
        _add(candidates, m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _DMY.finditer(text):
        month = _month(m.group(2))
        if month:
            _add(candidates, m.start(), int(m.group(3)), month, int(m.group(1)))
    for m in _MDY.finditer(text):
        month = _month(m.group(1))
        if month:
            _add(candidates, m.start(), int(m.group(3)), month, int(m.group(2)))
    for m in _NUM.finditer(text):
        _add(candidates, m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if candidates:
        return min(candidates)[1]
    return _fallback(text)


def _month(word: str) -> int | None:
    w = word.lower()
    return _MONTHS.get(w) or _CY_MONTHS.get(w)


def _add(out: list[tuple[int, date]], pos: int, y: int, m: int, d: int) -> None:
    try:
        out.append((pos, date(y, m, d)))
    except ValueError:
        pass


def _fallback(text: str) -> date | None:
    """Last resort for odd forms, through dateparser (UK order, no relative dates)."""
    if not re.search(r"\d{4}", text):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    parsed: datetime | None = dateparser.parse(
        text.strip(), languages=["en", "cy"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None
