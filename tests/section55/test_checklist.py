"""The office checklist: steps as data, recording, manual over site, next step due; alerts."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from reference.checklist_steps import checklist_steps, parse_due_rule, read_steps
from schemas.office import ObligationStepsSchema
from section55.alerts import alert_thresholds, claim_deadline_alerts
from section55.checklist import (ChecklistError, checklist, next_step_due, record_step,
                                 steps_done, tick_published, obligation_of)
from store import tables as t
from store.db import default_db_url, open_store
from tests.section55.office_store import PID, load


@pytest.fixture
def engine(tmp_path):  # type: ignore[no-untyped-def]
    eng = open_store(default_db_url(tmp_path))
    load(eng)
    yield eng
    eng.dispose()


def _state(engine, force: str = "norfolk"):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        obligation = obligation_of(conn, PID, force)
        return obligation, steps_done(conn, publication_id=PID).get((PID, force), [])


def test_packaged_steps_are_in_order_with_valid_due_rules() -> None:
    steps = checklist_steps()
    assert list(steps)[:7] == ["comments_requested", "comments_received", "published",
                               "inspectorate", "home_secretary", "police_and_crime_panel",
                               "chief_constable"]
    assert [s.order for s in steps.values()] == sorted(s.order for s in steps.values())
    assert steps["note"].repeats and not steps["published"].repeats
    assert steps["comments_received"].due_on({"practice_deadline": date(2025, 10, 23)}) == \
        date(2025, 10, 9)
    assert parse_due_rule("published_on + 7") == ("published_on", 7)


@pytest.mark.parametrize("csv_text", [
    "step,label,order,due,repeats\na,A,1,practice_deadline * 2,no\n",
    "step,label,order,due,repeats\na,A,1,tomorrow,no\n",
    "step,label,order,due,repeats\na,A,1,,no\na,B,2,,no\n",
])
def test_malformed_step_tables_are_refused(csv_text: str) -> None:
    with pytest.raises(ValueError):
        read_steps(csv_text)


def test_steps_record_replace_and_notes_repeat(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        record_step(conn, PID, "norfolk", "comments_requested", date(2025, 9, 1), "to ACC")
        record_step(conn, PID, "norfolk", "comments_requested", date(2025, 9, 2), "resent")
        record_step(conn, PID, "norfolk", "note", date(2025, 9, 3), "first")
        record_step(conn, PID, "norfolk", "Note", date(2025, 9, 4), "second")
    obligation, done = _state(engine)
    ObligationStepsSchema.validate(pd.DataFrame(done))
    lines = checklist(obligation, done)
    requested = [s for s in lines if s["step"] == "comments_requested"]
    assert [(s["done_on"], s["note"]) for s in requested] == [(date(2025, 9, 2), "resent")]
    assert [s["note"] for s in lines if s["step"] == "note"] == ["first", "second"]
    assert next_step_due(obligation, done)["step"] == "comments_received"


def test_a_site_tick_never_replaces_a_manual_one(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        tick_published(conn, PID, "norfolk", date(2025, 10, 20), "https://pcc/manual", "manual")
        row = tick_published(conn, PID, "norfolk", date(2025, 10, 25), "https://pcc/site", "site")
        assert (row["done_on"], row["note"], row["source"]) == \
            (date(2025, 10, 20), "https://pcc/manual", "manual")
        site = tick_published(conn, PID, "essex", date(2025, 10, 25), "https://e/site", "site")
        assert site["source"] == "site"
        again = tick_published(conn, PID, "essex", date(2025, 10, 26), "https://e/m", "manual")
        assert (again["source"], again["note"]) == ("manual", "https://e/m")
        c = t.changes
        journal = conn.execute(sa.select(c.c.force_id, c.c.detail).where(
            c.c.kind == "step_recorded").order_by(c.c.id)).all()
    # what was stored is journalled; the site tick that the manual one kept out is not
    assert [(f, d["source"], d["done_on"]) for f, d in journal] == [
        ("norfolk", "manual", "2025-10-20"), ("essex", "site", "2025-10-25"),
        ("essex", "manual", "2025-10-26")]


@pytest.mark.parametrize("step, day, force, message", [
    ("sent_by_pigeon", date(2025, 9, 1), "norfolk", "unknown checklist step"),
    ("inspectorate", date(2025, 8, 27), "norfolk", "before the publication"),
    ("inspectorate", date(2025, 9, 1), "kent", "no Section 55 obligation"),
])
def test_bad_steps_are_refused(engine, step, day, force, message) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        with pytest.raises(ChecklistError, match=message):
            record_step(conn, PID, force, step, day)
        assert conn.execute(sa.select(sa.func.count()).select_from(t.obligation_steps)).scalar() == 0


def test_no_step_is_due_without_a_time_limit() -> None:
    old = {"published_on": date(2016, 1, 5), "practice_deadline": None}
    assert all(s["due_on"] is None for s in checklist(old, []))
    assert next_step_due(old, []) is None


def test_deadline_alerts_fire_once_per_threshold(engine) -> None:  # type: ignore[no-untyped-def]
    assert claim_deadline_alerts(engine, date(2025, 10, 1), (14, 3)) == []   # 22 days left
    first = claim_deadline_alerts(engine, date(2025, 10, 10), (14, 3))       # 13 days left
    assert {(a["force_id"], a["threshold_days"], a["days_left"]) for a in first} == \
        {("essex", 14, 13), ("norfolk", 14, 13)}
    assert claim_deadline_alerts(engine, date(2025, 10, 11), (14, 3)) == []
    with engine.begin() as conn:
        conn.execute(sa.update(t.section55_obligations)
                     .where(t.section55_obligations.c.force_id == "essex")
                     .values(responded_on=date(2025, 10, 15)))
    late = claim_deadline_alerts(engine, date(2025, 10, 21), (14, 3))
    assert [(a["force_id"], a["threshold_days"]) for a in late] == [("norfolk", 3)]
    assert claim_deadline_alerts(engine, date(2025, 10, 22), (14, 3)) == []
    assert claim_deadline_alerts(engine, date(2025, 10, 24), (14, 3)) == []   # past it


def test_alert_thresholds_parse_and_refuse_junk() -> None:
    assert alert_thresholds("3, 14") == (14, 3)
    assert alert_thresholds("") == ()
    with pytest.raises(ValueError, match="HMICFRS_ALERT_DAYS takes whole days"):
        alert_thresholds("two weeks")
