"""Assemble a draft Section 55 response from the store."""
from __future__ import annotations

from sqlalchemy.engine import Connection, Engine

from reference.forces import forces
from section55.draft import DraftInput, draft_markdown
from section55.draft_docx import draft_docx
from store.queries import NotFound, findings_of, obligations, resolve_publication


KIND_LABELS = {"recommendation": "Recommendation", "area_for_improvement": "Area for improvement",
               "cause_of_concern": "Cause of concern"}


def register_statuses(conn: Connection, publication_id: str,
                      force_id: str) -> dict[tuple[str, str], str]:
    """(label kind, ref) -> 'status (since DATE)' from the recommendations register."""
    from section55.register import fill_missing, register_rows
    fill_missing(conn)
    return {(KIND_LABELS[r["kind"]], r["ref"]): r["status"] + (
        f" (since {r['status_on'].isoformat()})" if r["status_on"] else "")
        + f", register id {r['register_id']}"
        for r in register_rows(conn, force_id=force_id, publication_id=publication_id)
        if r["kind"] in KIND_LABELS}


def render_draft(engine: Engine, publication: str, force_id: str, fmt: str) -> str | bytes:
    """The response skeleton (md or docx) for one publication and force."""
    if fmt not in ("md", "docx"):
        raise ValueError(f"--format must be md or docx, not {fmt!r}")
    with engine.begin() as conn:
        pub = resolve_publication(conn, publication)
        obligation = next((o for o in obligations(conn, force_id=force_id)
                           if o["publication_id"] == pub["publication_id"]), None)
        if obligation is None:
            raise NotFound(f"{pub['publication_id']!r} opens no Section 55 obligation for "
                           f"{force_id!r}")
        rows = findings_of(conn, pub["publication_id"])
        statuses = register_statuses(conn, pub["publication_id"], force_id)
    force = forces()[force_id] if force_id in forces() else None
    by_kind = {k: [(r["ref"], r["text"]) for r in rows
                   if r["kind"] == k and r["force_id"] in (None, force_id)]
               for k in ("recommendation", "area_for_improvement", "cause_of_concern")}
    forces_text = ("All local forces in England and Wales" if pub["all_forces"]
                   else pub["forces_text"] or (force.name if force else force_id))
    data = DraftInput(
        title=pub["title"], published_on=pub["first_published_on"],
        publication_types=list(pub["publication_types"]), forces_text=forces_text,
        report_url=pub["url"], practice_deadline=obligation["practice_deadline"],
        body_name=obligation["local_policing_body"],
        force_name=force.name if force else force_id, key_findings=pub["key_findings"],
        recommendations=by_kind["recommendation"],
        areas_for_improvement=by_kind["area_for_improvement"],
        causes_of_concern=by_kind["cause_of_concern"], lpb_type=obligation["lpb_type"],
        force_short_name=force.short_name if force else None, statuses=statuses)
    return draft_docx(data) if fmt == "docx" else draft_markdown(data)
