"""An iCalendar feed of Section 55 deadlines, byte-identical on every re-export."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from section55.deadlines import long_date

PRODID = "-//hmicfrs//section55//EN"
CALENDAR_NAME = "HMICFRS Section 55 response deadlines"
DEFAULT_REMINDERS = (14, 3)  # days before the practice deadline


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def event_uid(publication_id: str, force_id: str) -> str:
    """Stable UID ``<publication_id>-<force_id>@hmicfrs`` with only safe characters."""
    local = re.sub(r"[^a-z0-9._-]+", "-", f"{publication_id}-{force_id}".lower()).strip("-")
    return f"{local}@hmicfrs"


def _event(row: dict[str, Any], remind: tuple[int, ...] = DEFAULT_REMINDERS) -> Event | None:
    practice = _as_date(row.get("practice_deadline"))
    statutory = _as_date(row.get("statutory_deadline"))
    day = practice or statutory
    if day is None:
        return None
    published = _as_date(row.get("published_on"))
    responded = _as_date(row.get("responded_on"))
    stamp_day = responded or published or day
    force_name = row.get("force_name") or row["force_id"]
    link = row.get("url") or row.get("report_url") or ""
    lines = [
        f"Practice deadline (+56 days): {long_date(practice) if practice else 'none'}",
        f"Statutory deadline (+55 days): {long_date(statutory) if statutory else 'none'}",
        f"Local policing body: {row.get('local_policing_body') or 'unknown'}",
        f"Published on: {long_date(published) if published else 'unknown'}",
    ]
    if row.get("status"):
        lines.append(f"Status: {row['status']}")
    if responded:
        source = {"document": "printed on the response", "first_seen": "first seen on the site",
                  "manual": "recorded by the office"}.get(row.get("responded_on_source") or "")
        lines.append(f"Responded on: {long_date(responded)}" + (f" ({source})" if source else ""))
    if row.get("response_url"):
        lines.append(f"Response: {row['response_url']}")
    if link:
        lines.append(f"Report: {link}")
    event = Event()
    event.add("uid", event_uid(str(row["publication_id"]), str(row["force_id"])))
    event.add("dtstamp", datetime.combine(stamp_day, time(0, 0), tzinfo=UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"s.55 response due: {row.get('title') or row['publication_id']} "
                         f"({force_name})")
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    if link:
        event.add("url", link)
    if practice and not responded and row.get("status") not in ("responded", "responded_late"):
        for days in remind:
            event.add_component(_alarm(days, f"s.55 response due in {days} days: "
                                             f"{row.get('title') or row['publication_id']} "
                                             f"({force_name})"))
    return event


def _alarm(days: int, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", timedelta(days=-days))
    return alarm


def _step_events(row: dict[str, Any]) -> list[Event]:
    """One all-day event per open checklist step that has a due date."""
    out = []
    force_name = row.get("force_name") or row["force_id"]
    stamp_day = _as_date(row.get("published_on"))
    for step in row.get("open_steps") or []:
        day = _as_date(step.get("due_on"))
        if day is None:
            continue
        event = Event()
        event.add("uid", event_uid(str(row["publication_id"]),
                                   f"{row['force_id']}-{step['step']}"))
        event.add("dtstamp", datetime.combine(stamp_day or day, time(0, 0), tzinfo=UTC))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{step['label']}: {row.get('title') or row['publication_id']} "
                             f"({force_name})")
        event.add("description", f"Office checklist step '{step['step']}' of the Section 55 "
                                 f"response of {row.get('local_policing_body') or force_name}.")
        event.add("transp", "TRANSPARENT")
        out.append(event)
    return out


def obligations_ics(rows: list[dict[str, Any]], *, remind: tuple[int, ...] = DEFAULT_REMINDERS,
                    force_name: str | None = None) -> bytes:
    """One all-day VEVENT per obligation on its practice deadline (else statutory).

    Each row needs ``publication_id`` and ``force_id``; it may carry ``title``,
    ``force_name``, ``local_policing_body``, ``published_on``, ``practice_deadline``,
    ``statutory_deadline``, ``url`` (or ``report_url``), ``status``, ``responded_on``
    (dates or ISO strings) and ``open_steps`` (checklist steps with ``step``, ``label``,
    ``due_on``: one more event each). Rows with no deadline at all (before 2 May 2017) get
    no event. An obligation not yet responded to carries one VALARM per ``remind`` day
    count before its practice deadline. ``force_name`` names a one-force calendar.
    DTSTAMP comes from the row (response or publication day), never from the clock.
    """
    if any(not isinstance(d, int) or d < 0 for d in remind):
        raise ValueError(f"reminders are whole days before the deadline, not {remind!r}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{CALENDAR_NAME}: {force_name}" if force_name else CALENDAR_NAME)
    events = [e for e in (_event(r, remind) for r in rows) if e is not None]
    events += [e for r in rows for e in _step_events(r)]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        calendar.add_component(event)
    return calendar.to_ical()
