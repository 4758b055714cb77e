"""``X-Index-Generation``: which index generation answered a request.

A request takes one :class:`~tracuu.engine.Engine` (see ``service/deps.py``), which names its
generation with :func:`record_generation`; the middleware puts that name on the response, error
responses included. A response built from two indexes would need two engines, which a request never
has; the header lets tests and clients check it.

>>> app.add_middleware(IndexGenerationHeader)  # doctest: +SKIP
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["GENERATION_HEADER", "IndexGenerationHeader", "record_generation"]

GENERATION_HEADER = "X-Index-Generation"
_KEY = "index_generation"


def record_generation(request: Request, generation: str) -> None:
    """Remember the generation this request is answered from (once per request)."""
    request.state.index_generation = generation


class IndexGenerationHeader:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})  # the dict behind request.state, shared with the route

        async def send_with_generation(message: Message) -> None:
            if message["type"] == "http.response.start" and state.get(_KEY):
                MutableHeaders(scope=message)[GENERATION_HEADER] = state[_KEY]
            await send(message)

        await self.app(scope, receive, send_with_generation)
