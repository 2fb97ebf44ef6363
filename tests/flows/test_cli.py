"""The `hmicfrs` command line, run as a real process against the served replica."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.replica.server import ReplicaServer
from tests.replica.truth import same_text


def hmicfrs(*args: str, data_dir: Path, env: dict[str, str] | None = None,
            check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as users do (`python -m flows` is the console script's module)."""
    full_env = {**os.environ, "HMICFRS_DATA_DIR": str(data_dir), "HMICFRS_RATE": "0",
                "HMICFRS_BACKOFF": "0.01", **(env or {})}
    if cwd is not None:  # the package must still import from the checkout
        full_env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parents[2]), full_env.get("PYTHONPATH", "")])
    proc = subprocess.run([sys.executable, "-m", "flows", *args], capture_output=True,
                          text=True, env=full_env, timeout=300, cwd=cwd)
    if check and proc.returncode != 0:
        raise AssertionError(f"hmicfrs {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, replica_site):  # type: ignore[no-untyped-def]
    """A data directory after one direct run over the replica."""
    data = tmp_path_factory.mktemp("cli") / "data"
    with ReplicaServer(replica_site.copy()) as server:
        hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", "2025-09-01",
                data_dir=data)
    return data, replica_site.truth


def test_deadlines_formats(loaded) -> None:  # type: ignore[no-untyped-def]
    data, truth = loaded
    ref = truth.reference.slug
    out = hmicfrs("deadlines", "--force", "Norfolk", "--as-of", "2025-09-01", "--format", "json",
                  data_dir=data).stdout
    rows = json.loads(out)
    norfolk = next(r for r in rows if r["publication_id"] == ref)
    assert norfolk["practice_deadline"] == "2025-10-23"
    assert norfolk["statutory_deadline"] == "2025-10-22"
    assert norfolk["status"] == "open" and norfolk["days_left"] == 52
    assert {r["force_id"] for r in rows} == {"norfolk"}
    deadlines = [r["practice_deadline"] or "9999" for r in rows]
    assert deadlines == sorted(deadlines)

    table = hmicfrs("deadlines", "--force", "norfolk", "--as-of", "2025-09-01", data_dir=data).stdout
    assert "2025-10-23" in table and "Police and Crime Commissioner for Norfolk" in table
    reader = csv.DictReader(io.StringIO(hmicfrs("deadlines", "--format", "csv", "--as-of",
                                                "2025-09-01", data_dir=data).stdout))
    assert sum(1 for r in reader if r["publication_id"] == ref) == 43


def test_ics_feed_is_valid_and_stable(loaded) -> None:  # type: ignore[no-untyped-def]
    import icalendar
    data, _ = loaded
    first = hmicfrs("deadlines", "--format", "ics", "--status", "open", "--as-of", "2025-09-01",
                    data_dir=data).stdout
    second = hmicfrs("deadlines", "--format", "ics", "--status", "open", "--as-of", "2025-09-01",
                     data_dir=data).stdout
    cal = icalendar.Calendar.from_ical(first)
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) > 43
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in icalendar.Calendar.from_ical(second).walk("VEVENT")]


def test_respond_judges_status_against_the_practice_deadline(tmp_path: Path, replica_site) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    with ReplicaServer(replica_site.copy()) as server:
        hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", "2025-09-01",
                data_dir=data)
    ref = replica_site.truth.reference.slug
    out = hmicfrs("respond", ref, "--force", "norfolk", "--date", "2025-10-23",
                  "--url", "https://www.norfolk-pcc.gov.uk/response", "--as-of", "2025-11-01",
                  data_dir=data).stdout
    assert "responded" in out and "statute" in out
    late = hmicfrs("respond", ref, "--force", "suffolk", "--date", "2025-10-24",
                   "--as-of", "2025-11-01", data_dir=data).stdout
    assert "responded_late" in late
    rows = json.loads(hmicfrs("deadlines", "--as-of", "2025-11-01", "--format", "json",
                              data_dir=data).stdout)
    by_force = {r["force_id"]: r for r in rows if r["publication_id"] == ref}
    assert by_force["norfolk"]["status"] == "responded"
    assert by_force["norfolk"]["late_by_statute"] is True
    assert by_force["suffolk"]["status"] == "responded_late"
    assert by_force["kent"]["status"] == "overdue"


def test_draft_response_for_the_reference_report(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, truth = loaded
    ref = truth.reference
    md = hmicfrs("draft-response", ref.slug, "--force", "norfolk", data_dir=data).stdout
    assert "How effectively do the police record crime?" in md
    assert "28 August 2025" in md and "23 October 2025" in md
    assert "Crime recording, Data, Data quality and Spotlight" in md
    assert "All local forces in England and Wales" in md
    assert "There were no areas for improvement." in md
    for finding in ref.findings:
        assert any(same_text(finding.text, line.strip().strip('"“”'))
                   for line in md.splitlines()), finding.text
    out = tmp_path / "norfolk.docx"
    hmicfrs("draft-response", ref.slug, "--force", "norfolk", "--format", "docx", "--out",
            str(out), data_dir=data)
    import docx
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "23 October 2025" in text and "Recommendation 3" in text


def test_export_writes_every_table(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq
    data, truth = loaded
    hmicfrs("export", "--format", "csv", "--out", str(tmp_path / "csv"), data_dir=data)
    hmicfrs("export", "--format", "parquet", "--out", str(tmp_path / "pq"), data_dir=data)
    for name in ("publications", "publication_forces", "documents", "recommendations", "grades",
                 "section55_obligations", "quarantine", "runs"):
        with (tmp_path / "csv" / f"{name}.csv").open() as fh:
            csv_rows = list(csv.DictReader(fh))
        assert pq.read_table(tmp_path / "pq" / f"{name}.parquet").num_rows == len(csv_rows)
    with (tmp_path / "csv" / "publications.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == len(truth.stored())


def test_unknown_names_fail_with_one_line_naming_close_matches(loaded) -> None:  # type: ignore[no-untyped-def]
    data, truth = loaded
    bad_force = hmicfrs("deadlines", "--force", "Norflok", data_dir=data, check=False)
    assert bad_force.returncode != 0
    assert bad_force.stderr.strip().count("\n") == 0 and "norfolk" in bad_force.stderr
    bad_pub = hmicfrs("draft-response", "how-effectively-do-the-police-record", "--force",
                      "norfolk", data_dir=data, check=False)
    assert bad_pub.returncode != 0 and truth.reference.slug in bad_pub.stderr
    assert "Traceback" not in bad_pub.stderr


def test_extract_prints_the_contract_json(replica: ReplicaServer, tmp_path: Path) -> None:
    ref = replica.site.truth.reference
    page = tmp_path / "landing.html"
    resource = replica.site.get(ref.path)
    assert resource is not None
    page.write_bytes(resource.body)
    out = json.loads(hmicfrs("extract", str(page), data_dir=tmp_path).stdout)
    assert out["kind"] == "publication_page"
    assert out["publication"]["published_on"] == "2025-08-28"
    assert out["publication"]["all_forces"] is True and len(out["publication"]["forces"]) == 43
    assert set(out) >= {"source", "kind", "publication", "recommendations", "grades"}
    pdf = next(d for d in ref.documents if d.kind == "pdf" and d.language == "en")
    from_url = json.loads(hmicfrs("extract", replica.url + pdf.path, data_dir=tmp_path).stdout)
    assert from_url["kind"] == "report_pdf"
    assert [r["kind"] for r in from_url["recommendations"]] == ["recommendation"] * 3


def test_respond_before_publication_is_refused(loaded) -> None:  # type: ignore[no-untyped-def]
    data, truth = loaded
    ref = truth.reference.slug  # published 28 August 2025
    proc = hmicfrs("respond", ref, "--force", "norfolk", "--date", "27/08/2025", data_dir=data,
                   check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "before the publication" in proc.stderr
    rows = json.loads(hmicfrs("deadlines", "--force", "norfolk", "--as-of", "2025-09-01",
                              "--format", "json", data_dir=data).stdout)
    assert next(r for r in rows if r["publication_id"] == ref)["responded_on"] is None


def test_extract_of_a_pdf_imports_no_orchestration_tables_or_pdfplumber(tmp_path: Path) -> None:
    """`hmicfrs extract` on a report PDF without grade tables loads neither prefect,
    pandas, sqlalchemy, alembic, httpx, pdfplumber, the HTML parsers (bs4, lxml) nor
    pydantic (typer's coercion of str and bool options): python -X importtime lists
    every import."""
    from tests.generated_pdfs import long_report
    data, expected = long_report(4)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "flows", "extract",
                           str(path)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HMICFRS_DATA_DIR": str(tmp_path / "data")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert [(f["ref"], f["text"]) for f in out["recommendations"]] == \
        [(e.ref, e.text) for e in expected]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "extractors" in imported and "pypdfium2" in imported
    assert imported & {"prefect", "pandas", "pandera", "sqlalchemy", "alembic", "httpx",
                       "pdfplumber", "bs4", "lxml", "pydantic"} == set()


def test_extract_runs_without_the_cycle_collector_and_turns_it_back_on(tmp_path: Path,
                                                                       capsys) -> None:
    """`hmicfrs extract` holds one document: no collection runs while it reads (the
    collector would only scan objects their reference counts free), and a caller in the
    same process gets the collector back."""
    import gc

    from flows.cli import extract
    from tests.generated_pdfs import long_report
    data, expected = long_report(12)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    collections: list[int] = []
    callback = lambda phase, info: collections.append(info["generation"])  # noqa: E731
    gc.callbacks.append(callback)
    try:
        assert gc.isenabled()
        extract(str(path), None)
        assert gc.isenabled()
        found = len(collections)
        gc.collect()                        # the callback sees a collection when one runs
        assert len(collections) > found
    finally:
        gc.callbacks.remove(callback)
    assert found == 0
    assert len(json.loads(capsys.readouterr().out)["recommendations"]) == len(expected)


def test_extract_exits_without_scanning_its_objects_again(tmp_path: Path) -> None:
    """Python's exit scans every object for cycles, some 15 ms after an extract: the
    command freezes them in the last exit handler to run (one registered before it runs
    after it, and counts them)."""
    from tests.generated_pdfs import long_report
    path = tmp_path / "report.pdf"
    path.write_bytes(long_report(4)[0])
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
            "from flows.cli import main\n"
            "sys.argv = ['hmicfrs', 'extract', sys.argv[1]]\n"
            "main()\n")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=300, check=True,
                          env={**os.environ, "HMICFRS_DATA_DIR": str(tmp_path / "data")})
    assert json.loads(proc.stdout)["kind"] == "report_pdf"
    frozen = int(proc.stderr.split("frozen")[-1])
    assert frozen > 10_000, proc.stderr


def test_every_commands_annotations_are_objects_not_strings_to_evaluate() -> None:
    """typer reads each command's annotations at every start; strings (``from __future__
    import annotations`` in a command module) would be evaluated each time (flows/cli_app.py)."""
    from flows.cli import app
    callbacks = [c.callback for c in app.registered_commands] + [app.registered_callback.callback]
    assert len(callbacks) >= 15 and {"extract", "serve"} <= {f.__name__ for f in callbacks}
    assert [f.__qualname__ for f in callbacks
            if any(isinstance(a, str) for a in f.__annotations__.values())] == []
