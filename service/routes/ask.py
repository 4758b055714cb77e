"""POST /api/ask: an extractive answer with the exact passages it comes from."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from service.deps import EngineDep
from service.filters import UnknownDocument, chunk_filter
from service.schemas import AskRequest, AskResponse
from service.sources import ask_response

router = APIRouter(prefix="/api", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    summary="Hỏi đáp / Ask a question",
    responses={404: {"description": "the document filter names no known document"}},
)
def ask(body: AskRequest, engine: EngineDep) -> AskResponse:
    try:
        keep = chunk_filter(engine, body.filters)
    except UnknownDocument as e:
        raise HTTPException(status_code=404, detail=f"không có văn bản '{e}' / unknown document") from e
    return ask_response(engine, body.question, body.top_k, keep)
