"""POST /api/ask: an extractive answer with the exact passages it comes from."""

from __future__ import annotations

from fastapi import APIRouter

from service.deps import EngineDep
from service.schemas import AskRequest, AskResponse
from service.sources import ask_response

router = APIRouter(prefix="/api", tags=["ask"])


@router.post("/ask", response_model=AskResponse, summary="Hỏi đáp / Ask a question")
def ask(body: AskRequest, engine: EngineDep) -> AskResponse:
    return ask_response(engine, body.question, body.top_k)
