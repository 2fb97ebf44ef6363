"""A store holding one publication with findings and obligations, for the office tests."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from store import repository as repo

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
PID = "a-report"
PUBLISHED = date(2025, 8, 28)


def finding(ref: str, text: str, addressee: str | None, force_id: str | None = None,
            kind: str = "recommendation") -> dict[str, Any]:
    return {"publication_id": PID, "kind": kind, "ref": ref, "force_key": force_id or "",
            "text": text, "force_id": force_id, "due_by": None, "addressee": addressee,
            "source_url": "https://h/x.pdf", "page": 3, "anchor": None}


FINDINGS = [
    finding("1", "Chief constables should record crime.", "chief constables"),
    finding("2", "The College of Policing should update guidance.", "College of Policing"),
    finding("3", "Essex Police should review its triage.", "Essex Police", "essex"),
    finding("4", "The force should train staff.", "the force; College of Policing"),
    finding("5", "Victims were not always updated.", None, kind="cause_of_concern"),
    finding("6", "The NPCC should publish a plan.", "NPCC"),
]


def bundle(findings: list[dict[str, Any]] | None = None,
           forces: tuple[str, ...] = ("essex", "norfolk")) -> repo.PublicationBundle:
    pub = {"publication_id": PID, "url": "https://h/publications/a-report/",
           "title": "A report", "published_on": PUBLISHED, "publication_types": ["Crime"],
           "is_police_inspection": True, "all_forces": False, "forces_text": "Essex, Norfolk",
           "key_findings": None, "page_sha256": "0" * 64, "extractor_version": "v"}
    obligations = [{"publication_id": PID, "force_id": f, "local_policing_body": f"PCC {f}",
                    "lpb_type": "pcc", "published_on": PUBLISHED,
                    "statutory_deadline": date(2025, 10, 22),
                    "practice_deadline": date(2025, 10, 23), "status": "open",
                    "responded_on": None, "response_url": None, "needs_review": False,
                    "reason": "r", "rule_version": "x", "status_as_of": None} for f in forces]
    return repo.PublicationBundle(pub, list(forces), [], list(findings or FINDINGS), [],
                                  obligations)


def load(engine, findings: list[dict[str, Any]] | None = None):  # type: ignore[no-untyped-def]
    """Load the publication and rebuild its register, as validate_and_load_step does."""
    from section55.register import rebuild_register
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(findings), now=NOW, run_id=None)
        return rebuild_register(conn, PID, now=NOW)
