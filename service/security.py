"""HTTP hardening: security headers, a restrictive CORS default, request body limits, JSON-only API bodies.

Each is a small pure-ASGI middleware (no ``BaseHTTPMiddleware``: nothing buffers or re-reads bodies),
installed by :func:`install_security` in one place; the headers are a source of the one header
middleware (``service/headers.py``). Refusals are clear 4xx JSON ``{"detail": …}``,
like every other error of the API.

>>> app = FastAPI()
>>> install_security(app, Settings(cors_origins=[]))
>>> [m.cls.__name__ for m in app.user_middleware]  # outermost first
['ResponseHeaders', 'Utf8QueryOnly', 'JsonBodiesOnly', 'BodySizeLimit']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.generation import generation_header
from service.headers import ResponseHeaders
from tracuu.settings import Settings

__all__ = [
    "install_security",
    "SecurityHeaders",
    "security_headers",
    "BodySizeLimit",
    "JsonBodiesOnly",
    "Utf8QueryOnly",
    "UPLOAD_PATH",
    "CSP",
    "DOCS_CSP",
]

UPLOAD_PATH = "/api/admin/documents"  # the one route that takes multipart bodies (admin uploads)
_MULTIPART_SLACK = 1_048_576  # multipart boundaries and headers around the files

# The web page serves its own scripts and styles: nothing from other origins, nothing inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from jsDelivr and start them inline.
_DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; style-src 'self' {_DOCS_CDN}; "
    f"img-src 'self' data: https://fastapi.tiangolo.com; worker-src 'self' blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")
_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",  # search queries sit in URLs: never hand them to other sites
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def security_headers(scope: Scope) -> dict[str, str]:
    """The security headers of a response (a route's own value wins: see ``ResponseHeaders``)."""
    csp = DOCS_CSP if scope["path"] in _DOCS_PATHS else CSP
    return {**_HEADERS, "content-security-policy": csp}


class SecurityHeaders(ResponseHeaders):
    """The header middleware with the security headers alone."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app, sources=(security_headers,))


class _TooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit; FastAPI re-raises HTTPExceptions
    met while reading a body, so its exception middleware answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"nội dung yêu cầu quá lớn / request body too large (limit {limit:,} bytes)")


class BodySizeLimit:
    """413 for a body over the limit: at once from ``Content-Length``, else while it streams in.

    ``limit_for(method, path)`` gives each request its limit.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(send, 400, "Content-Length không hợp lệ / invalid Content-Length header")
                return
            if int(declared) > limit:
                await _refuse(send, 413, _TooLarge(limit).detail)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge as e:  # read by something that let it through (not a FastAPI body parameter)
            if started:
                raise
            await _refuse(send, 413, e.detail)


class JsonBodiesOnly:
    """415 for a request to ``/api/…`` that carries a body which is not JSON (admin uploads excepted).

    Without it a ``text/plain`` body reaches validation as a string and comes back as a puzzling 422.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _carries_non_json(scope):
            await _refuse(send, 415, "API chỉ nhận JSON / the API accepts only application/json request bodies")
            return
        await self.app(scope, receive, send)


def _carries_non_json(scope: Scope) -> bool:
    path = scope["path"]
    if scope["method"] not in _BODY_METHODS or not path.startswith("/api/") or path == UPLOAD_PATH:
        return False
    headers = Headers(scope=scope)
    has_body = headers.get("content-length", "0").strip() not in ("", "0") or "transfer-encoding" in headers
    if not has_body:
        return False
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if not media_type:
        return False  # FastAPI reads a body without a Content-Type as JSON
    return not (
        media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))
    )


class Utf8QueryOnly:
    """400 for a query string that is not UTF-8 once percent-decoded (``?q=%ff``, a cut ``%C3``).

    Starlette would decode it with replacement characters and search for "�"; a clear refusal is better
    than an answer to a question nobody asked.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not _utf8_query(scope.get("query_string", b"")):
            await _refuse(
                send,
                400,
                "chuỗi truy vấn không phải UTF-8 / the query string is not valid UTF-8 "
                "(percent-encode the UTF-8 bytes of each character)",
            )
            return
        await self.app(scope, receive, send)


def _utf8_query(raw: bytes) -> bool:
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_security(app: FastAPI, settings: Settings) -> None:
    """Security headers (outermost, so every refusal has them too), CORS, JSON-only bodies, body limits.

    Cross-origin requests are refused unless ``cors_origins`` lists the origin (no credentials, no
    ``Authorization``: admin routes are never callable from another site's page).
    """
    upload_limit = settings.max_upload_files * settings.max_upload_bytes + _MULTIPART_SLACK

    def limit_for(method: str, path: str) -> int:
        return upload_limit if method == "POST" and path == UPLOAD_PATH else settings.max_body_bytes

    # add_middleware puts each new one outside the previous: the last added runs first.
    app.add_middleware(BodySizeLimit, limit_for=limit_for)
    app.add_middleware(JsonBodiesOnly)
    app.add_middleware(Utf8QueryOnly)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            expose_headers=["X-Index-Generation"],
            allow_credentials=False,
        )
    # Outermost, so every refusal has them too; the index generation rides along (one header middleware).
    app.add_middleware(ResponseHeaders, sources=(security_headers, generation_header))
