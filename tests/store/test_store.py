"""The store on SQLite and PostgreSQL: migrations, idempotent loads, quarantine, changes."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from store import repository as repo
from store import tables as t
from store.db import default_db_url, open_store
from tests.pg_server import reset_database

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        url = default_db_url(tmp_path)
    else:
        url = request.getfixturevalue("pg_url")
        reset_database(url)
    eng = open_store(url)
    yield eng
    eng.dispose()


def bundle(title: str = "A report", published: date = date(2025, 8, 28),
           forces: tuple[str, ...] = ("norfolk",)) -> repo.PublicationBundle:
    pub = {"publication_id": "a-report", "url": "https://h/publications/a-report/",
           "title": title, "published_on": published, "publication_types": ["Crime recording"],
           "is_police_inspection": True, "all_forces": False, "forces_text": "Norfolk",
           "key_findings": None, "page_sha256": "0" * 64, "extractor_version": "v"}
    recs = [{"publication_id": "a-report", "kind": "recommendation", "ref": "1", "force_key": "",
             "text": "Forces should do better.", "force_id": None, "due_by": None,
             "addressee": None, "source_url": "https://h/x.pdf", "page": 3, "anchor": None}]
    obligations = [{"publication_id": "a-report", "force_id": f, "local_policing_body": "PCC",
                    "lpb_type": "pcc", "published_on": published,
                    "statutory_deadline": date(2025, 10, 22), "practice_deadline": date(2025, 10, 23),
                    "status": "open", "responded_on": None, "response_url": None,
                    "needs_review": False, "reason": "r", "rule_version": "x",
                    "status_as_of": date(2025, 9, 1)} for f in forces]
    return repo.PublicationBundle(pub, list(forces), [], recs, [], obligations)


def test_schema_has_the_contract_tables(engine) -> None:  # type: ignore[no-untyped-def]
    names = set(sa.inspect(engine).get_table_names())
    assert set(t.CONTRACT_TABLES) <= names
    assert "alembic_version" in names


def test_second_identical_load_is_all_no_ops(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        first = repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
    with engine.begin() as conn:
        second = repo.load_publication(conn, bundle(), now=NOW, run_id="r2")
    assert first.is_new and first.obligations_opened == [("a-report", "norfolk")]
    assert first.counts.tables["recommendations"].inserted == 1
    assert not second.is_new and second.obligations_opened == []
    assert {c.inserted + c.updated + c.deleted for c in second.counts.tables.values()} == {0}
    assert second.counts.tables["recommendations"].unchanged == 1


def test_republication_keeps_first_date_and_records_change(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
    with engine.begin() as conn:
        res = repo.load_publication(conn, bundle(title="A report (corrected)",
                                                 published=date(2025, 9, 4)), now=NOW, run_id="r2")
        row = repo.get_publication(conn, "a-report")
        changes = conn.execute(sa.select(t.publication_changes.c.field)).scalars().all()
    assert res.changed_fields == ["title", "published_on"]
    assert row["first_published_on"] == date(2025, 8, 28)
    assert row["published_on"] == date(2025, 9, 4)
    assert sorted(changes) == ["published_on", "title"]


def test_response_survives_reload(engine) -> None:  # type: ignore[no-untyped-def]
    from store.queries import record_response
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
        record_response(conn, "a-report", "norfolk", date(2025, 10, 1), "https://pcc/x")
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r2")
        row = conn.execute(sa.select(t.section55_obligations)).mappings().one()
    assert row["responded_on"] == date(2025, 10, 1) and row["response_url"] == "https://pcc/x"


def test_quarantine_is_recorded_once(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        assert repo.quarantine(conn, stage="extract", source_url="u", reason="no date",
                               record={"d": date(2025, 1, 1)}, now=NOW)
        assert not repo.quarantine(conn, stage="extract", source_url="u", reason="no date", now=NOW)
        rows = conn.execute(sa.select(t.quarantine)).mappings().all()
    assert len(rows) == 1 and rows[0]["record"] == {"d": "2025-01-01"}


def test_a_source_that_loads_cleanly_clears_its_own_and_its_pages_rows_only(engine) -> None:  # type: ignore[no-untyped-def]
    url = "https://site/uploads/r_100%.pdf"
    with engine.begin() as conn:
        for source in (url, f"{url}#page=3", "https://site/uploads/r_1000.pdf#page=3",
                       "https://site/uploads/other.pdf"):
            repo.quarantine(conn, stage="extract", source_url=source, reason="garbled", now=NOW)
        repo.quarantine(conn, stage="validate", source_url=f"{url}#page=4", reason="x", now=NOW)
        assert repo.clear_quarantine(conn, url, ("extract", "fetch")) == 2
        left = sorted((r.stage, r.source_url) for r in conn.execute(sa.select(t.quarantine)))
    assert left == [("extract", "https://site/uploads/other.pdf"),
                    ("extract", "https://site/uploads/r_1000.pdf#page=3"),
                    ("validate", f"{url}#page=4")]


def test_unknown_publication_names_close_matches(engine) -> None:  # type: ignore[no-untyped-def]
    from store.queries import NotFound, resolve_force, resolve_publication
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
        with pytest.raises(NotFound, match="a-report"):
            resolve_publication(conn, "a-reprot")
    with pytest.raises(NotFound, match="norfolk"):
        resolve_force("norfok")
    assert resolve_force("Devon & Cornwall") == "devon-and-cornwall"


def test_migrations_match_the_tables_and_upgrade_keeps_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from store.db import alembic_config, make_engine
    engine = make_engine(default_db_url(tmp_path))
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO runs (run_id, command, started_at, status, new, "
                             "changed, unchanged, quarantined, obligations_opened) VALUES "
                             "('r', 'run', '2026-01-01 00:00:00', 'completed', 1, 0, 0, 0, 0)"))
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), t.metadata)
        kept = conn.execute(sa.text("SELECT run_id FROM runs")).scalars().all()
    assert diffs == [] and kept == ["r"]
    assert "printed_on" in {c["name"] for c in sa.inspect(engine).get_columns("documents")}
