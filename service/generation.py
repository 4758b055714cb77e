"""``X-Index-Generation``: which index generation answered a request.

A request takes one :class:`~tracuu.engine.Engine` (see ``service/deps.py``), which names its
generation with :func:`record_generation`; :func:`generation_header`, a source of the header middleware
(``service/headers.py``), puts that name on the response, error responses included. A response built from two indexes would need two engines, which a request never
has; the header lets tests and clients check it.

>>> generation_header({"state": {"index_generation": "20261201T101500-1-000001"}})
{'X-Index-Generation': '20261201T101500-1-000001'}
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Scope

__all__ = ["GENERATION_HEADER", "generation_header", "record_generation"]

GENERATION_HEADER = "X-Index-Generation"
_KEY = "index_generation"


def record_generation(request: Request, generation: str) -> None:
    """Remember the generation this request is answered from (once per request)."""
    request.state.index_generation = generation


def generation_header(scope: Scope) -> dict[str, str]:
    generation = scope.get("state", {}).get(_KEY)
    return {GENERATION_HEADER: generation} if generation else {}
