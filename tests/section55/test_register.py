"""The recommendations register: who a finding applies to, stable ids, dated statuses."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from schemas.office import RecommendationRegisterSchema, RecommendationUpdatesSchema
from section55.register import (RegisterError, applies_to, record_update, register_id,
                                register_rows, updates_of)
from store import tables as t
from tests.pg_server import pg_url  # noqa: F401  (session fixture)
from tests.section55.office_store import FINDINGS, PID, finding, load
from tests.store.test_store import engine  # noqa: F401  (SQLite and PostgreSQL stores)


def entries(engine) -> dict[tuple[str, str, str], dict]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {(r["force_id"], r["kind"], r["ref"]): r for r in register_rows(conn)}


def test_addressee_decides_which_forces_a_finding_applies_to() -> None:
    both = ["essex", "norfolk"]
    assert applies_to(finding("1", "x", "chief constables"), both) == both
    assert applies_to(finding("1", "x", "College of Policing"), both) == []
    assert applies_to(finding("1", "x", "NPCC; Home Office"), both) == []
    assert applies_to(finding("1", "x", "Essex Police", "essex"), both) == ["essex"]
    assert applies_to(finding("1", "x", "Cumbria Constabulary; Crown Prosecution Service"),
                      both) == ["cumbria"]
    assert applies_to(finding("1", "x", None), both) == both
    assert applies_to(finding("1", "x", "police and crime commissioners"), both) == both


def test_register_is_built_on_load_with_the_default_status(engine) -> None:  # type: ignore[no-untyped-def]
    counts = load(engine)
    got = entries(engine)
    assert set(got) == {("essex", "recommendation", "1"), ("norfolk", "recommendation", "1"),
                        ("essex", "recommendation", "3"),
                        ("essex", "recommendation", "4"), ("norfolk", "recommendation", "4"),
                        ("essex", "cause_of_concern", "5"), ("norfolk", "cause_of_concern", "5")}
    assert counts.inserted == 7
    assert {r["status"] for r in got.values()} == {"awaiting review"}
    frame = pd.DataFrame(list(got.values()))
    RecommendationRegisterSchema.validate(frame)


def test_ids_survive_reprocessing_and_rewording_with_their_history(engine) -> None:  # type: ignore[no-untyped-def]
    load(engine)
    rid = entries(engine)[("norfolk", "recommendation", "1")]["register_id"]
    assert rid == register_id(PID, "norfolk", "recommendation", "1")
    with engine.begin() as conn:
        record_update(conn, rid, "being progressed", date(2025, 9, 10), "board set up")
    again = load(engine)
    assert again.inserted == 0 and again.updated == 0 and again.unchanged == 7
    reworded = [finding("1", "Chief constables should record all crime.", "chief constables"),
                *FINDINGS[1:4], *FINDINGS[5:]]   # a correction rewords 1 and drops 5
    third = load(engine, reworded)
    assert (third.inserted, third.updated) == (0, 4)  # 1 reworded, 5 withdrawn: two forces each
    got = entries(engine)
    entry = got[("norfolk", "recommendation", "1")]
    assert entry["register_id"] == rid
    assert entry["text"] == "Chief constables should record all crime."
    assert (entry["status"], entry["status_on"]) == ("being progressed", date(2025, 9, 10))
    assert got[("norfolk", "cause_of_concern", "5")]["in_report"] is False
    with engine.connect() as conn:
        assert [u["note"] for u in updates_of(conn, rid)] == ["board set up"]


def test_latest_dated_update_sets_the_status(engine) -> None:  # type: ignore[no-untyped-def]
    load(engine)
    rid = register_id(PID, "essex", "recommendation", "3")
    with engine.begin() as conn:
        record_update(conn, rid, "complete", date(2025, 12, 1), "done")
        entry = record_update(conn, rid, "being progressed", date(2025, 10, 1), "late entry")
        assert (entry["status"], entry["status_on"]) == ("complete", date(2025, 12, 1))
        ups = pd.DataFrame(updates_of(conn, rid))
        RecommendationUpdatesSchema.validate(ups)
        assert list(ups["status"]) == ["being progressed", "complete"]
        assert [r["register_id"] for r in register_rows(conn, status="complete")] == [rid]
        assert register_rows(conn, force_id="norfolk", since=date(2025, 11, 1)) == []
        c = t.changes
        journal = conn.execute(sa.select(c.c.publication_id, c.c.force_id, c.c.detail).where(
            c.c.kind == "register_updated").order_by(c.c.id)).all()
    # each update is journalled with the entry's resulting status (the later-dated one rules)
    assert [(p, f, d["register_id"], d["status"], d["updated_on"], d["entry_status"])
            for p, f, d in journal] == [
        (PID, "essex", rid, "complete", "2025-12-01", "complete"),
        (PID, "essex", rid, "being progressed", "2025-10-01", "complete")]


@pytest.mark.parametrize("rid, status, day, message", [
    ("rr-000000000000", "complete", date(2025, 9, 1), "unknown register id"),
    (None, "done", date(2025, 9, 1), "--status must be one of"),
    (None, "complete", date(2025, 8, 27), "before the publication"),
])
def test_bad_updates_are_refused_and_store_nothing(engine, rid, status, day, message) -> None:  # type: ignore[no-untyped-def]
    load(engine)
    rid = rid or register_id(PID, "essex", "recommendation", "3")
    with engine.begin() as conn:
        with pytest.raises(RegisterError, match=message):
            record_update(conn, rid, status, day, None)
        count = conn.execute(sa.select(sa.func.count()).select_from(t.recommendation_updates))
        assert count.scalar() == 0
        journal = sa.select(sa.func.count()).select_from(t.changes).where(
            t.changes.c.kind == "register_updated")
        assert conn.execute(journal).scalar() == 0
