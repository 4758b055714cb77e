"""The admin key: refused when weak, then checked on every admin request as a bearer token.

A strong key is at least 32 characters with at least 12 distinct ones, is not a short unit repeated,
not mostly a run of consecutive characters (``1234567890…``, ``abcdef…``), not made of placeholder words,
and not the README's example. Failed attempts are limited per client address: after
``MAX_FAILURES`` wrong keys within ``FAILURE_WINDOW`` seconds that address gets 429 with ``Retry-After``
until the oldest failure leaves the window (even with the right key, so guessing gains nothing).

>>> admin_key_problem("changeme")
'TRACUU_ADMIN_KEY is a default or placeholder value (changeme, admin, secret, password …)'
>>> admin_key_problem("x7#Lq2")
'TRACUU_ADMIN_KEY is too short (6 characters, at least 32 needed)'
>>> admin_key_problem("q8Vt2-LmZr7-Xk4Pw-Hs9Ny-Bd3Jf-Ce6Ga") is None
True
"""

from __future__ import annotations

import hmac
import math
import re
import threading
import time
from collections import deque
from itertools import pairwise

from fastapi import HTTPException, Request

__all__ = [
    "admin_key_problem",
    "require_admin",
    "FailedAttempts",
    "MIN_KEY_CHARS",
    "MAX_FAILURES",
    "FAILURE_WINDOW",
    "DOCUMENTED_EXAMPLE_KEY",
]

MIN_KEY_CHARS = 32
_MIN_DISTINCT = 12
MAX_FAILURES = 5
FAILURE_WINDOW = 60.0  # seconds
# The key shown in the README (how to set one): copying it is not choosing a key.
DOCUMENTED_EXAMPLE_KEY = "Zx3q-Hn8v-Tp2m-Wk7s-Ld4r-Jc9f-Bg6y-Ra5e"
# Words of default or placeholder keys; a key made only of these (and digits, punctuation) is refused.
_WEAK_WORDS = (
    "changeme",
    "change",
    "admin",
    "administrator",
    "secret",
    "password",
    "passwd",
    "pass",
    "default",
    "key",
    "token",
    "test",
    "tracuu",
    "letmein",
    "qwerty",
    "your",
    "here",
    "example",
    "root",
    "me",
)
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
    if _period(key) <= len(key) // 2:
        return "TRACUU_ADMIN_KEY is a short pattern repeated"
    if _consecutive_share(key) > 0.5:
        return "TRACUU_ADMIN_KEY is mostly a run of consecutive characters (1234…, abcd…)"
    if key == DOCUMENTED_EXAMPLE_KEY:
        return "TRACUU_ADMIN_KEY is the README's example: generate your own"
    return None


def _period(key: str) -> int:
    """Length of the shortest unit whose repetition spells ``key`` (a partial last copy allowed)."""
    border = [0] * len(key)  # KMP failure function: longest proper prefix that is also a suffix
    for i in range(1, len(key)):
        k = border[i - 1]
        while k and key[i] != key[k]:
            k = border[k - 1]
        border[i] = k + (key[i] == key[k])
    return len(key) - border[-1]


def _consecutive_share(key: str) -> float:
    """Share of neighbouring characters that are equal or one apart ("12", "ba", "zz")."""
    steps = [abs(ord(b) - ord(a)) for a, b in pairwise(key)]
    return sum(step <= 1 for step in steps) / len(steps)


class FailedAttempts:
    """Wrong keys per client address in a sliding window; thread-safe (routes run in a thread pool)."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = FAILURE_WINDOW) -> None:
        if max_failures < 1 or window <= 0:
            raise ValueError(f"need max_failures >= 1 and window > 0, got {max_failures}, {window}")
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, address: str) -> int | None:
        """Seconds until ``address`` may try again, or ``None`` when it may now."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(address, now)
            if len(failures) < self.max_failures:
                return None
            return max(1, math.ceil(failures[0] + self.window - now))

    def record(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(address, now).append(now)
            if len(self._failures) > 10_000:  # many addresses: forget the ones with nothing recent
                for stale in [a for a, f in self._failures.items() if not f or f[-1] < now - self.window]:
                    del self._failures[stale]

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(address, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures


def require_admin(request: Request) -> None:
    """401 (with ``WWW-Authenticate``) without a bearer token, 403 with a wrong one, 429 (with
    ``Retry-After``) from an address that sent too many wrong ones.

    Runs before the route reads any body, so an upload without the key is refused unread.
    """
    attempts: FailedAttempts = request.app.state.admin_failures
    address = request.client.host if request.client else "unknown"
    wait = attempts.retry_after(address)
    if wait is not None:
        raise HTTPException(
            429,
            f"quá nhiều lần sai khoá / too many wrong admin keys: retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    expected = request.app.state.admin_key.encode("utf-8")
    header = request.headers.get("authorization")
    if not header:
        raise HTTPException(
            401,
            "cần khoá quản trị / admin key required: Authorization: Bearer <key>",
            headers={"WWW-Authenticate": _REALM},
        )
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(
            401,
            "cần khoá quản trị / use Authorization: Bearer <key>",
            headers={"WWW-Authenticate": f'{_REALM}, error="invalid_request"'},
        )
    # Header values arrive decoded as latin-1: encoding back gives the bytes sent (a UTF-8 key works).
    if not hmac.compare_digest(token.encode("latin-1"), expected):
        attempts.record(address)
        raise HTTPException(403, "khoá quản trị sai / wrong admin key")
