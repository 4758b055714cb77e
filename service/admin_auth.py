"""The admin key: refused when weak, then checked on every admin request as a bearer token.

>>> admin_key_problem("changeme")
'TRACUU_ADMIN_KEY is a default or placeholder value (changeme, admin, secret, password …)'
>>> admin_key_problem("x7#Lq2")
'TRACUU_ADMIN_KEY is too short (6 characters, at least 16 needed)'
>>> admin_key_problem("k3Y-f0r-tRacuu-adm1n-2024") is None
True
"""

from __future__ import annotations

import hmac
import re

from fastapi import HTTPException, Request

__all__ = ["admin_key_problem", "require_admin", "MIN_KEY_CHARS"]

MIN_KEY_CHARS = 16
_MIN_DISTINCT = 8
# Words of default or placeholder keys; a key made only of these (and digits, punctuation) is refused.
_WEAK_WORDS = ("changeme", "change", "admin", "administrator", "secret", "password", "passwd", "pass", "default",
               "key", "token", "test", "tracuu", "letmein", "qwerty", "your", "here", "example", "root", "me")
_WEAK = re.compile(rf"(?:{'|'.join(sorted(_WEAK_WORDS, key=len, reverse=True))})*")
_REALM = 'Bearer realm="tracuu-admin"'


def admin_key_problem(key: str | None) -> str | None:
    """Why ``key`` cannot protect the admin routes, or ``None`` when it can. Never repeats the key."""
    if key is None or not key.strip():
        return "TRACUU_ADMIN_KEY is not set"
    if key != key.strip():
        return "TRACUU_ADMIN_KEY starts or ends with white space"
    letters = re.sub(r"[^a-z]", "", key.lower())
    if letters and _WEAK.fullmatch(letters):
        return "TRACUU_ADMIN_KEY is a default or placeholder value (changeme, admin, secret, password …)"
    if len(key) < MIN_KEY_CHARS:
        return f"TRACUU_ADMIN_KEY is too short ({len(key)} characters, at least {MIN_KEY_CHARS} needed)"
    if len(set(key)) < _MIN_DISTINCT:
        return f"TRACUU_ADMIN_KEY has fewer than {_MIN_DISTINCT} distinct characters"
    return None


def require_admin(request: Request) -> None:
    """401 (with ``WWW-Authenticate``) without a bearer token, 403 with a wrong one.

    Runs before the route reads any body, so an upload without the key is refused unread.
    """
    expected = request.app.state.admin_key.encode("utf-8")
    header = request.headers.get("authorization")
    if not header:
        raise HTTPException(401, "cần khoá quản trị / admin key required: Authorization: Bearer <key>",
                            headers={"WWW-Authenticate": _REALM})
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "cần khoá quản trị / use Authorization: Bearer <key>",
                            headers={"WWW-Authenticate": f'{_REALM}, error="invalid_request"'})
    # Header values arrive decoded as latin-1: encoding back gives the bytes sent (a UTF-8 key works).
    if not hmac.compare_digest(token.encode("latin-1"), expected):
        raise HTTPException(403, "khoá quản trị sai / wrong admin key")
