"""Sign-in for writes: a signed session cookie and a CSRF token bound to it.

Writes exist only when the server was started with a secret. Signing in takes a name
(recorded in every audit row) and the secret; the cookie is an HMAC of the name and the
time, keyed by the secret, and every form carries a token derived from the cookie.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import time

from fastapi import HTTPException, Request

COOKIE = "hmicfrs_session"
MAX_AGE = 12 * 3600


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str | None, given: str) -> bool:
    """Constant-time comparison of the typed secret with the server's."""
    return secret is not None and hmac.compare_digest(secret.encode(), given.encode())


def session_cookie(secret: str, who: str, now: float | None = None) -> str:
    """A cookie value naming ``who``, signed with the secret."""
    name = base64.urlsafe_b64encode(who.encode()).decode()
    issued = str(int(now if now is not None else time.time()))
    return f"{name}.{issued}.{_mac(secret, f'session|{name}|{issued}')}"


def signed_in(request: Request) -> str | None:
    """The signed-in name, or None (no secret, no cookie, bad or expired cookie)."""
    secret = request.app.state.secret
    value = request.cookies.get(COOKIE, "")
    if secret is None or value.count(".") != 2:
        return None
    name, issued, mac = value.split(".")
    if not hmac.compare_digest(mac, _mac(secret, f"session|{name}|{issued}")):
        return None
    if not issued.isdigit() or time.time() - int(issued) > MAX_AGE:
        return None
    return base64.urlsafe_b64decode(name.encode()).decode()


def csrf_token(request: Request) -> str | None:
    """The token forms must carry for this session (None when not signed in)."""
    if signed_in(request) is None:
        return None
    return _mac(request.app.state.secret, f"csrf|{request.cookies[COOKIE]}")


def require_writer(request: Request, token: str) -> str:
    """The writer's name, after checking writes are on, the session and the CSRF token."""
    if request.app.state.secret is None:
        raise HTTPException(403, "read-only: this server was started without a secret")
    who = signed_in(request)
    if who is None:
        raise HTTPException(401, "sign in first (/login)")
    expected = csrf_token(request) or ""
    if not hmac.compare_digest(expected, token or ""):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")
    return who
