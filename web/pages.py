"""The read-only pages: deadlines, publication, force, runs, calendars, drafts, the feed."""
from __future__ import annotations

from datetime import date
from typing import Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from flows.deadlines import STATUSES, render_deadlines
from flows.drafts import render_draft
from reference.forces import forces
from store.queries import resolve_force
from web import views
from web.app import render

router = APIRouter(include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _day(value: Optional[str], name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _force(value: Optional[str]) -> str | None:
    return resolve_force(value) if value else None


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/deadlines", status_code=302)


@router.get("/deadlines", response_class=HTMLResponse)
def deadlines(request: Request, force: Optional[str] = None, status: Optional[str] = None,
              due_from: Optional[str] = None, due_to: Optional[str] = None,
              as_of: Optional[str] = None) -> HTMLResponse:
    if status and status not in STATUSES:
        raise HTTPException(400, f"status must be one of {', '.join(STATUSES)}")
    day = _day(as_of, "as_of") or date.today()
    force_id = _force(force)
    rows = views.deadlines(request.app.state.engine, force=force_id,
                           status=status or None, as_of=day, due_from=_day(due_from, "due_from"),
                           due_to=_day(due_to, "due_to"))
    return render(request, "deadlines.html", rows=rows, as_of=day, statuses=STATUSES,
                  forces=sorted(forces().values(), key=lambda f: f.name),
                  chosen={"force": force_id or "", "status": status or "",
                          "due_from": due_from or "", "due_to": due_to or ""})


@router.get("/publications/{publication_id}", response_class=HTMLResponse)
def publication(request: Request, publication_id: str) -> HTMLResponse:
    from flows.responses_view import response_rows
    engine = request.app.state.engine
    with engine.connect() as conn:
        data = views.publication(conn, publication_id)
    found = response_rows(engine, force=None, late_only=False,
                          publication=data["pub"]["publication_id"])
    return render(request, "publication.html", kinds=views.KIND_HEADINGS, responses=found,
                  today=date.today(), **data)


@router.get("/publications/{publication_id}/checklist/{force_id}", response_class=HTMLResponse)
def checklist(request: Request, publication_id: str, force_id: str) -> HTMLResponse:
    """One obligation's office checklist; signed-in writers tick steps here."""
    from section55.checklist import ChecklistError
    fid = resolve_force(force_id)
    with request.app.state.engine.connect() as conn:
        try:
            data = views.checklist(conn, publication_id, fid)
        except ChecklistError as exc:
            raise HTTPException(404, str(exc)) from None
    return render(request, "checklist.html", force_id=fid, today=date.today(), **data)


@router.get("/publications/{publication_id}/draft")
def draft(request: Request, publication_id: str, force: str = Query(...),
          format: str = Query("docx")) -> Response:
    if format not in ("md", "docx"):
        raise HTTPException(400, "format must be md or docx")
    force_id = resolve_force(force)
    data = render_draft(request.app.state.engine, publication_id, force_id, format)
    name = f"section55-response-{publication_id}-{force_id}.{format}"
    media = DOCX if format == "docx" else "text/markdown; charset=utf-8"
    body = data if isinstance(data, bytes) else data.encode()
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/forces/{force_id}", response_class=HTMLResponse)
def force_page(request: Request, force_id: str) -> HTMLResponse:
    fid = resolve_force(force_id)
    with request.app.state.engine.connect() as conn:
        data = views.force(conn, fid, date.today())
    from section55.register import STATUSES
    return render(request, "force.html", warning=views.CYCLES_WARNING, statuses=STATUSES,
                  kinds=views.KIND_HEADINGS, today=date.today(), **data)


@router.get("/calendar/{force_id}.ics")
def calendar(request: Request, force_id: str) -> Response:
    fid = resolve_force(force_id)
    body = render_deadlines(request.app.state.engine, force=fid, status=None,
                            as_of=date.today(), fmt="ics")
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{fid}.ics"'})


@router.get("/runs", response_class=HTMLResponse)
def runs(request: Request) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        recent = views.runs(conn)
    return render(request, "runs.html", runs=recent)


@router.get("/feed.atom")
def feed(request: Request, since: int = 0, limit: int = Query(100, ge=1, le=1000)) -> Response:
    from web.feed import atom
    with request.app.state.engine.connect() as conn:
        body = atom(conn, str(request.base_url).rstrip("/"), since, limit)
    return Response(body, media_type="application/atom+xml")
