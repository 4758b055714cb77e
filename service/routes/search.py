"""GET /api/search: ranked passages for a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.deps import EngineDep
from service.schemas import MAX_QUESTION_CHARS, MAX_TOP_K, SearchResponse
from service.sources import source_from_chunk

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResponse, summary="Tìm kiếm / Search passages")
def search(
    engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS, description="truy vấn")],
    top_k: Annotated[int, Query(ge=1, le=MAX_TOP_K)] = 10,
) -> SearchResponse:
    hits = engine.searcher.search(q, top_k=top_k)
    return SearchResponse(results=[source_from_chunk(engine.index, h.chunk, h.score) for h in hits])
