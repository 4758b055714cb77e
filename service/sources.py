"""Turn internal hits and spans into public ``Source`` objects (one place, so the invariant holds)."""

from __future__ import annotations

from service.schemas import AskResponse, Source
from tracuu.engine import Engine
from tracuu.index import IndexData
from tracuu.models import ChunkRecord
from tracuu.pages import page_at

__all__ = ["source_from_chunk", "source_from_span", "passage_url", "ask_response"]


def passage_url(doc_id: str, start: int, end: int) -> str:
    return f"/documents/{doc_id}#{start}-{end}"


def source_from_span(
    index: IndexData,
    doc_id: str,
    start: int,
    end: int,
    section: str,
    score: float,
    number: str | None = None,
    codified_as: str | None = None,
    codified_note: str | None = None,
) -> Source:
    doc = index.documents[doc_id]
    return Source(
        codified_as=codified_as,
        codified_note=codified_note,
        doc_id=doc_id,
        number=number or doc.number,
        title=doc.title,
        section=section,
        text=doc.text[start:end],
        start=start,
        end=end,
        url=passage_url(doc_id, start, end),
        score=round(score, 6),
        page=page_at(doc.page_starts, start),
    )


def source_from_chunk(index: IndexData, chunk: ChunkRecord, score: float, articles=None) -> Source:
    """``articles`` (the engine's ArticleIndex) adds the Bộ Pháp điển code and note of an original article."""
    copy = articles.codified_copy(chunk) if articles is not None else None
    return source_from_span(
        index,
        chunk.doc_id,
        chunk.start,
        chunk.end,
        chunk.section,
        score,
        number=chunk.source_number,
        codified_as=copy.codified_as if copy else None,
        codified_note=copy.note if copy else None,
    )


def _quoted(index: IndexData, hits, doc_id: str, unit, section: str | None) -> Source:
    """A span the answer quotes, scored and numbered as the retrieved passage holding it."""
    hit = next((h for h in hits if h.chunk.doc_id == doc_id and h.chunk.start <= unit.start < h.chunk.end), None)
    return source_from_span(
        index,
        doc_id,
        unit.start,
        unit.end,
        section or (hit.chunk.section if hit else ""),
        hit.score if hit else 0.0,
        number=hit.chunk.source_number if hit else None,
    )


def ask_response(engine: Engine, question: str, top_k: int, keep=None) -> AskResponse:
    """The /api/ask answer (also printed by ``tracuu ask --json``); ``keep`` filters the passages."""
    result = engine.answerer.ask(question, top_k=top_k, keep=keep)
    index = engine.index
    quoted = []
    if result.unit is not None and result.unit_doc_id is not None:
        quoted.append(_quoted(index, result.hits, result.unit_doc_id, result.unit, result.section))
    quoted += [_quoted(index, result.hits, q.doc_id, q.unit, q.section) for q in result.also]
    answer_source = quoted[0] if quoted else None
    return AskResponse(
        answer=result.answer,
        found=result.found,
        answer_source=answer_source,
        answer_sources=quoted,
        sources=[
            source_from_chunk(index, h.chunk, h.score, engine.searcher.references.articles) for h in result.hits[:top_k]
        ],
    )
