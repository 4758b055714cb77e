"""GET /api/search: ranked passages for a query, optionally within some documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from service.deps import EngineDep
from service.filters import SearchFilters, UnknownDocument, chunk_filter
from service.schemas import MAX_QUESTION_CHARS, MAX_TOP_K, SearchResponse
from service.sources import source_from_chunk

router = APIRouter(prefix="/api", tags=["search"])


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="Tìm kiếm / Search passages",
    responses={404: {"description": "the document filter names no known document"}},
)
def search(
    engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS, description="truy vấn")],
    top_k: Annotated[int, Query(ge=1, le=MAX_TOP_K)] = 10,
    document: Annotated[str | None, Query(max_length=200, description="mã văn bản, số hiệu hoặc tên")] = None,
    type: Annotated[str | None, Query(max_length=60, description='loại văn bản: "Luật", "Nghị định" …')] = None,
    issuer: Annotated[str | None, Query(max_length=120, description="cơ quan ban hành (một phần tên)")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="năm ban hành")] = None,
    holding: Annotated[str | None, Query(pattern="^(full_text|codified)$")] = None,
) -> SearchResponse:
    filters = SearchFilters(document=document, type=type, issuer=issuer, year=year, holding=holding)
    try:
        keep = chunk_filter(engine, filters)
    except UnknownDocument as e:
        raise HTTPException(status_code=404, detail=f"không có văn bản '{e}' / unknown document") from e
    hits = engine.searcher.search(q, top_k=top_k, keep=keep)
    articles = engine.searcher.references.articles
    return SearchResponse(results=[source_from_chunk(engine.index, h.chunk, h.score, articles) for h in hits])
