"""Status of one obligation on an as-of date, judged against the practice deadline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PRACTICE_RULE = "practice (+56)"
STATUSES = ("open", "overdue", "responded", "responded_late")


@dataclass(frozen=True)
class StatusResult:
    """A status, the rule it used, and what the statutory (+55) rule says."""

    status: str
    days_left: int | None
    late_by_statute: bool
    rule: str
    statutory_status: str
    note: str


def _judge(deadline: date | None, responded_on: date | None, as_of: date) -> str:
    if responded_on is not None:
        return "responded" if deadline is None or responded_on <= deadline else "responded_late"
    return "open" if deadline is None or as_of <= deadline else "overdue"


def status_of(practice_deadline: date | None, statutory_deadline: date | None,
              responded_on: date | None, as_of: date) -> StatusResult:
    """Judge an obligation on ``as_of`` by the practice deadline.

    ``late_by_statute`` is True when the response (or, with none yet, the as-of day) falls
    after the statutory deadline: a response on the practice-deadline day is on time by
    practice and one day late by statute. With null deadlines (published before 2 May
    2017) nothing is ever overdue and any response counts as responded.
    """
    status = _judge(practice_deadline, responded_on, as_of)
    statutory_status = _judge(statutory_deadline, responded_on, as_of)
    judged_day = responded_on if responded_on is not None else as_of
    late_by_statute = statutory_deadline is not None and judged_day > statutory_deadline
    days_left = None
    if responded_on is None and practice_deadline is not None:
        days_left = (practice_deadline - as_of).days
    if practice_deadline is None:
        note = "no time limit (published before 2 May 2017)"
    elif status != statutory_status:
        note = (f"{status} by practice (+56, {practice_deadline.isoformat()}); "
                f"{statutory_status} by statute (+55, {statutory_deadline})")
    else:
        note = f"{status} by practice (+56, {practice_deadline.isoformat()}) and by statute"
    return StatusResult(status, days_left, late_by_statute, PRACTICE_RULE,
                        statutory_status, note)
