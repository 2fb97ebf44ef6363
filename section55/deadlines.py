"""The two Section 55 deadlines: statutory (+55 days) and practice (+56 days)."""
from __future__ import annotations

from datetime import date, timedelta

TIME_LIMIT_IN_FORCE = date(2017, 5, 2)
"""s.55(5A) Police Act 1996 (inserted by s.37 Policing and Crime Act 2017) took effect."""

STATUTORY_DAYS = 55
"""'56 days beginning with the day of publication': publication day is day 1."""

PRACTICE_DAYS = 56
"""What response offices write on their documents (28 Aug 2025 -> 23 Oct 2025)."""


def _add_days(published_on: date, days: int) -> date | None:
    if published_on < TIME_LIMIT_IN_FORCE:
        return None
    return published_on + timedelta(days=days)


def statutory_deadline(published_on: date) -> date | None:
    """Last day of the statutory period, or None for reports before 2 May 2017."""
    return _add_days(published_on, STATUTORY_DAYS)


def practice_deadline(published_on: date) -> date | None:
    """The deadline response offices use (+56 days), or None before 2 May 2017."""
    return _add_days(published_on, PRACTICE_DAYS)


def long_date(day: date) -> str:
    """'28 August 2025': the form response documents use (no leading zero)."""
    return f"{day.day} {day:%B %Y}"
