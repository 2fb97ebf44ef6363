"""Writes through the web view: sign in, record a response, tick a checklist step, update a
recommendation's status. Each write calls the function its CLI command calls (same
validation, same journal entry) and adds an `audit` row (who, when, what, before/after)."""
from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.engine import Connection

from store import tables as t
from store.queries import record_response, resolve_force, resolve_publication
from store.repository import utcnow
from web import auth
from web.app import render, safe_url

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    if request.app.state.secret is None:
        raise HTTPException(403, "read-only: this server was started without a secret")
    return render(request, "login.html", failed=False)


@router.post("/login")
def login(request: Request, name: str = Form(...), secret: str = Form(...)):  # type: ignore[no-untyped-def]
    if request.app.state.secret is None:
        raise HTTPException(403, "read-only: this server was started without a secret")
    who = name.strip()[:120]
    if not who or not auth.secret_matches(request.app.state.secret, secret):
        return render(request, "login.html", status_code=401, failed=True)
    response = RedirectResponse("/deadlines", status_code=303)
    response.set_cookie(auth.COOKIE, auth.session_cookie(request.app.state.secret, who),
                        max_age=auth.MAX_AGE, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
    auth.require_writer(request, csrf)
    response = RedirectResponse("/deadlines", status_code=303)
    response.delete_cookie(auth.COOKIE)
    return response


@router.post("/publications/{publication_id}/respond")
def respond(request: Request, publication_id: str, force: str = Form(...),
            responded_on: str = Form(...), url: str = Form(""),
            csrf: str = Form("")) -> RedirectResponse:
    """Record a body's published response (what `hmicfrs respond` does), audited."""
    who = auth.require_writer(request, csrf)
    day = _form_date(responded_on)
    link = url.strip() or None
    if link and safe_url(link) is None:
        raise HTTPException(400, "the response URL must start with http:// or https://")
    force_id = resolve_force(force)
    engine = request.app.state.engine
    o = t.section55_obligations
    with engine.begin() as conn:
        pid = resolve_publication(conn, publication_id)["publication_id"]
        before = conn.execute(sa.select(o.c.responded_on, o.c.response_url).where(
            o.c.publication_id == pid, o.c.force_id == force_id)).mappings().first()
        try:
            row = record_response(conn, pid, force_id, day, link)
        except ValueError as exc:
            raise HTTPException(400, _plain(exc)) from None
        _audit(conn, request, who, "respond", f"{pid}/{force_id}", dict(before or {}),
               {"responded_on": day, "response_url": link})
    from flows.steps import clock_step
    clock_step(engine, date.today())
    return RedirectResponse(f"/publications/{quote(row['publication_id'])}?recorded={force_id}",
                            status_code=303)


@router.post("/publications/{publication_id}/checklist/{force}")
def tick_step(request: Request, publication_id: str, force: str, step: str = Form(...),
              done_on: str = Form(...), note: str = Form(""),
              csrf: str = Form("")) -> RedirectResponse:
    """Record a checklist step as done (what `hmicfrs checklist --step --date` does), audited."""
    from section55.checklist import ChecklistError, record_step
    who = auth.require_writer(request, csrf)
    day, text = _form_date(done_on), note.strip() or None
    force_id = resolve_force(force)
    s = t.obligation_steps
    with request.app.state.engine.begin() as conn:
        pid = resolve_publication(conn, publication_id)["publication_id"]
        where = (s.c.publication_id == pid, s.c.force_id == force_id)
        try:
            before = conn.execute(sa.select(s.c.done_on, s.c.note, s.c.source).where(
                *where, s.c.step == _step_id(step))).mappings().first()
            row = record_step(conn, pid, force_id, step, day, text)
        except ChecklistError as exc:
            raise HTTPException(400, _plain(exc)) from None
        _audit(conn, request, who, "record_step", f"{pid}/{force_id}/{row['step']}",
               dict(before or {}), {"done_on": day, "note": text, "source": row["source"]})
    return RedirectResponse(f"/publications/{quote(pid)}/checklist/{force_id}"
                            f"?recorded={quote(row['step'])}", status_code=303)


@router.post("/register/{register_id}")
def update_recommendation(request: Request, register_id: str, status: str = Form(...),
                          updated_on: str = Form(...), note: str = Form(""),
                          csrf: str = Form("")) -> RedirectResponse:
    """Record a dated status update of a register entry (what `hmicfrs
    recommendation-update` does), audited."""
    from section55.register import RegisterError, fill_missing, record_update
    who = auth.require_writer(request, csrf)
    day, text = _form_date(updated_on), note.strip() or None
    reg = t.recommendation_register
    with request.app.state.engine.begin() as conn:
        fill_missing(conn)
        before = conn.execute(sa.select(reg.c.status, reg.c.status_on).where(
            reg.c.register_id == register_id)).mappings().first()
        try:
            row = record_update(conn, register_id, status, day, text)
        except RegisterError as exc:
            raise HTTPException(400, _plain(exc)) from None
        _audit(conn, request, who, "update_recommendation", register_id, dict(before or {}),
               {"status": status, "updated_on": day, "note": text,
                "entry_status": row["status"], "entry_status_on": row["status_on"]})
    return RedirectResponse(f"/forces/{row['force_id']}?updated={register_id}#{register_id}",
                            status_code=303)


def _audit(conn: Connection, request: Request, who: str, action: str, target: str,
           before: dict[str, Any], after: dict[str, Any]) -> None:
    """One `audit` row: who did what to which row, from where, with the values before/after."""
    conn.execute(sa.insert(t.audit).values(
        at=utcnow(), who=who, action=action, target=target,
        client=request.client.host if request.client else None,
        detail={"before": {k: _iso(v) for k, v in before.items()},
                "after": {k: _iso(v) for k, v in after.items()}}))


def _form_date(value: str) -> date:
    """A date typed in a form, read as the CLI reads --date (ISO or UK day-first)."""
    from flows.cli_app import parse_cli_date
    try:
        return parse_cli_date(value)
    except ValueError as exc:
        raise HTTPException(400, f"date {value!r}: {exc}") from None


def _step_id(name: str) -> str | None:
    from section55.checklist import ChecklistError, step_of
    try:
        return step_of(name).step
    except ChecklistError:
        return None  # record_step gives the message


def _plain(exc: Exception) -> str:
    """The domain's message without the CLI's flag mark (``--date ...`` reads ``date ...``)."""
    return str(exc).removeprefix("--")


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
