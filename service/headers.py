"""The one middleware that puts headers on responses: security headers, the index generation, ….

Each *source* is a function of the request's ASGI scope returning headers; it is called when the response
starts, so it sees what the route recorded in ``request.state`` (the ``state`` dict of the scope). A header
the route set itself wins. Pure ASGI: nothing buffers or re-reads bodies, and error responses and
refusals of middlewares inside it get the headers too.

>>> from starlette.applications import Starlette
>>> from starlette.testclient import TestClient
>>> app = Starlette()
>>> app.add_middleware(ResponseHeaders, sources=[lambda scope: {"x-path": scope["path"]}])
>>> response = TestClient(app).get("/nowhere")  # a 404 from the router gets the header too
>>> response.status_code, response.headers["x-path"]
(404, '/nowhere')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeaderSource", "ResponseHeaders"]

HeaderSource = Callable[[Scope], Mapping[str, str]]


class ResponseHeaders:
    def __init__(self, app: ASGIApp, sources: Iterable[HeaderSource]) -> None:
        self.app = app
        self.sources = tuple(sources)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})  # the dict behind request.state, shared with the route

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for source in self.sources:
                    for name, value in source(scope).items():
                        if name not in headers:
                            headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
