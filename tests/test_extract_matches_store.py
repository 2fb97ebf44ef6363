"""`hmicfrs extract` on a document prints the findings and grades the pipeline stores for
it, on every (English) document of every replica.

Both call the registry's ``extract``; the pipeline gives it the publication's context (its
forces, the linking page) and reconciles a report's HTML and PDF versions into one set.
So: every stored finding or grade whose source is a document is printed by `hmicfrs
extract` on that document, and everything `hmicfrs extract` prints for a stored document
is stored for its publication.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from flows.extract_one import extract_document
from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer
from tests.replica.truth import normalise_text
from tests.replica.site import build_site
from tests.sites.replicas import REPLICAS as INDEPENDENT

# every replica site: its builder and the server that serves it
REPLICAS: dict[str, tuple[Callable[[], Any], Callable[..., ReplicaServer]]] = {
    "main": (build_site, ReplicaServer),
    **{r.name: (r.build, r.server) for r in INDEPENDENT},
}


@pytest.fixture(scope="module", params=sorted(REPLICAS))
def compared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[dict[str, Any]]:
    """One pipeline run over a served replica; each stored document as `hmicfrs extract`
    prints it (fetched from the same server), with the tables."""
    build, server = REPLICAS[request.param]
    data_dir = tmp_path_factory.mktemp(request.param) / "data"
    data_dir.mkdir()
    db_url = f"sqlite:///{data_dir / 'hmicfrs.db'}"
    with server(build()) as served:
        run(served.url, data_dir, db_url)
        stored = [d for d in rows(db_url, "documents") if d["status"] == "extracted"]
        documents = [d for d in stored if d["language"] == "en"]
        printed = {}
        for d in documents:
            parts = urlsplit(d["url"])
            local = served.url + parts.path + (f"?{parts.query}" if parts.query else "")
            printed[d["url"]] = extract_document(local)
        yield {"documents": documents, "printed": printed,
               "translations": [d["url"] for d in stored if d["language"] != "en"],
               "recommendations": rows(db_url, "recommendations"),
               "grades": rows(db_url, "grades")}


def test_translations_are_not_read(compared: dict[str, Any]) -> None:
    """Welsh versions are stored as documents; their findings are the English ones'."""
    sources = {r["source_url"] for r in compared["recommendations"] + compared["grades"]}
    assert sources.isdisjoint(compared["translations"])


def _finding(f: dict[str, Any]) -> tuple[str, str]:
    return f["kind"], normalise_text(f["text"])


def _grade(g: dict[str, Any]) -> tuple[str, str]:
    return g["area"], g["grade"]


def test_every_stored_document_was_compared(compared: dict[str, Any]) -> None:
    assert compared["documents"] and set(compared["printed"]) == \
        {d["url"] for d in compared["documents"]}
    assert all(out["kind"] in ("report_html", "peel_report", "report_pdf")
               for out in compared["printed"].values())


def test_stored_findings_are_printed_for_their_document(compared: dict[str, Any]) -> None:
    missing = []
    for r in compared["recommendations"]:
        out = compared["printed"].get(r["source_url"])
        printed = {_finding(f) for f in out["recommendations"]} if out else set()
        pages = {(f["kind"], f["page"]) for f in out["recommendations"]} if out else set()
        if _finding(r) not in printed and (r["kind"], r["page"]) not in pages:
            missing.append((r["source_url"], r["ref"], r["text"][:60]))
    assert missing == []


def test_printed_findings_are_stored(compared: dict[str, Any]) -> None:
    by_pub: dict[str, set[tuple[str, str]]] = {}
    for r in compared["recommendations"]:
        by_pub.setdefault(r["publication_id"], set()).add(_finding(r))
    extra = [(d["url"], f["ref"]) for d in compared["documents"]
             for f in compared["printed"][d["url"]]["recommendations"]
             if _finding(f) not in by_pub.get(d["publication_id"], set())
             and not _near(f, by_pub.get(d["publication_id"], set()))]
    assert extra == []


def _near(f: dict[str, Any], stored: set[tuple[str, str]]) -> bool:
    """The same finding worded apart by the HTML and PDF versions (reconcile keeps one)."""
    from difflib import SequenceMatcher
    kind, text = _finding(f)
    return any(k == kind and SequenceMatcher(None, text, t).ratio() >= 0.85 for k, t in stored)


def test_stored_grades_are_printed_for_their_document(compared: dict[str, Any]) -> None:
    missing = []
    for g in compared["grades"]:
        out = compared["printed"].get(g["source_url"])
        printed = {(x["area"], x["grade"], x["cycle"], x["page"]): x["force"]
                   for x in out["grades"]} if out else {}
        key = (g["area"], g["grade"], g["cycle"], g["page"])
        if key not in printed or printed[key] not in (None, g["force_id"]):
            missing.append((g["source_url"], key, g["force_id"], printed.get(key)))
    assert missing == []


def test_printed_grades_are_stored(compared: dict[str, Any]) -> None:
    stored: dict[str, set[tuple[str, str]]] = {}
    for g in compared["grades"]:
        stored.setdefault(g["publication_id"], set()).add(_grade(g))
    extra = [(d["url"], _grade(g)) for d in compared["documents"]
             for g in compared["printed"][d["url"]]["grades"]
             if _grade(g) not in stored.get(d["publication_id"], set())]
    assert extra == []
