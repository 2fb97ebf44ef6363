"""Writes through the web view: sign in, record a response. Each write is an `audit` row."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

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
    try:
        day = date.fromisoformat(responded_on)
    except ValueError:
        raise HTTPException(400, f"not a date (YYYY-MM-DD): {responded_on!r}") from None
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
        row = record_response(conn, pid, force_id, day, link)
        conn.execute(sa.insert(t.audit).values(
            at=utcnow(), who=who, action="respond", target=f"{pid}/{force_id}",
            client=request.client.host if request.client else None,
            detail={"before": {k: _iso(v) for k, v in dict(before or {}).items()},
                    "after": {"responded_on": day.isoformat(), "response_url": link}}))
    from flows.steps import clock_step
    clock_step(engine, date.today())
    return RedirectResponse(f"/publications/{quote(row['publication_id'])}?recorded={force_id}",
                            status_code=303)


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
