from datetime import date

from icalendar import Calendar

from section55.calendar import event_uid, obligations_ics

ROWS = [
    {"publication_id": "how-effectively-do-the-police-record-crime", "force_id": "norfolk",
     "title": "How effectively do the police record crime?", "force_name": "Norfolk Constabulary",
     "local_policing_body": "Police and Crime Commissioner for Norfolk",
     "published_on": date(2025, 8, 28), "statutory_deadline": date(2025, 10, 22),
     "practice_deadline": date(2025, 10, 23), "url": "https://example.org/r/", "status": "open"},
    {"publication_id": "peel 2023/25: Essex", "force_id": "essex", "title": "PEEL Essex",
     "force_name": "Essex Police",
     "local_policing_body": "Police, Fire and Crime Commissioner for Essex",
     "published_on": "2024-02-01", "statutory_deadline": "2024-03-27",
     "practice_deadline": "2024-03-28", "responded_on": "2024-03-20"},
    {"publication_id": "btp-only-statutory", "force_id": "british-transport-police",
     "title": "BTP", "published_on": date(2025, 1, 1),
     "statutory_deadline": date(2025, 2, 25), "practice_deadline": None},
]


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def test_one_all_day_event_per_row_on_the_practice_deadline():
    data = obligations_ics(ROWS)
    calendar = Calendar.from_ical(data)
    assert str(calendar["prodid"]) == "-//hmicfrs//section55//EN"
    assert "X-WR-CALNAME" in calendar
    found = {str(e["uid"]): e for e in events(data)}
    assert len(found) == 3
    norfolk = found["how-effectively-do-the-police-record-crime-norfolk@hmicfrs"]
    assert norfolk["dtstart"].params.get("VALUE") == "DATE"
    assert norfolk.decoded("dtstart") == date(2025, 10, 23)
    assert norfolk.decoded("dtend") == date(2025, 10, 24)
    assert str(norfolk["summary"]) == (
        "s.55 response due: How effectively do the police record crime? "
        "(Norfolk Constabulary)")
    description = str(norfolk["description"])
    assert "23 October 2025" in description and "22 October 2025" in description
    assert "Police and Crime Commissioner for Norfolk" in description
    assert "https://example.org/r/" in description
    btp = found["btp-only-statutory-british-transport-police@hmicfrs"]
    assert btp.decoded("dtstart") == date(2025, 2, 25)


def test_uids_are_sanitised():
    assert event_uid("peel 2023/25: Essex", "essex") == "peel-2023-25-essex-essex@hmicfrs"


def test_re_export_is_byte_identical_with_the_same_uids():
    first, second = obligations_ics(ROWS), obligations_ics(list(reversed(ROWS)))
    assert first == second
    assert [str(e["uid"]) for e in events(first)] == [str(e["uid"]) for e in events(second)]


def test_dtstamp_comes_from_the_row_not_the_clock():
    essex = next(e for e in events(obligations_ics(ROWS)) if "essex" in str(e["uid"]))
    assert essex.decoded("dtstamp").date() == date(2024, 3, 20)


def test_rows_without_any_deadline_get_no_event():
    row = {"publication_id": "old", "force_id": "norfolk", "title": "Old",
           "published_on": date(2016, 1, 1), "statutory_deadline": None,
           "practice_deadline": None}
    assert events(obligations_ics([row])) == []


def _alarm_days(event) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(-a.decoded("trigger").days for a in event.walk("VALARM"))


def test_open_obligations_carry_reminders_before_the_practice_deadline():
    found = {str(e["uid"]): e for e in events(obligations_ics(ROWS))}
    norfolk = found["how-effectively-do-the-police-record-crime-norfolk@hmicfrs"]
    assert _alarm_days(norfolk) == [3, 14]
    assert {str(a["action"]) for a in norfolk.walk("VALARM")} == {"DISPLAY"}
    assert _alarm_days(found["peel-2023-25-essex-essex@hmicfrs"]) == []  # responded
    assert _alarm_days(found["btp-only-statutory-british-transport-police@hmicfrs"]) == []
    custom = {str(e["uid"]): e for e in events(obligations_ics(ROWS, remind=(7,)))}
    assert _alarm_days(custom["how-effectively-do-the-police-record-crime-norfolk@hmicfrs"]) == [7]


def test_open_checklist_steps_are_events_of_their_own_in_a_named_force_calendar():
    steps = [{"step": "comments_received", "label": "Chief officer's comments received",
              "due_on": date(2025, 10, 9)},
             {"step": "inspectorate", "label": "Sent to the inspectorate", "due_on": None}]
    data = obligations_ics([{**ROWS[0], "open_steps": steps}], force_name="Norfolk Constabulary")
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == \
        "HMICFRS Section 55 response deadlines: Norfolk Constabulary"
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == 2
    step = found["how-effectively-do-the-police-record-crime-norfolk-comments_received@hmicfrs"]
    assert step.decoded("dtstart") == date(2025, 10, 9)
    assert str(step["summary"]).startswith("Chief officer's comments received: How effectively")
