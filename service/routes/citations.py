"""The citation graph: what each plan section cites, and every place citing a document."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from service.deps import EngineDep
from service.fact_views import cited_out, citing_passages
from service.schemas_facts import CitationGraphOut, CitedDocumentDetail, SectionCitations
from service.sources import source_from_chunk
from service.view_cache import VIEWS
from tracuu.engine import Engine
from tracuu.index.tokenize import query_tokens

router = APIRouter(prefix="/api", tags=["citations"])


@router.get("/citations", response_model=CitationGraphOut, summary="Đồ thị trích dẫn / Citation graph")
def citation_graph(
    engine: EngineDep,
    scope: Annotated[
        Literal["plans", "all"], Query(description="plans: citations made by plans (default); all: by every document")
    ] = "plans",
) -> CitationGraphOut:
    return VIEWS.get(engine, "citation_graph", scope, lambda: _build_citation_graph(engine, scope))


def _build_citation_graph(engine: Engine, scope: str) -> CitationGraphOut:
    graph = engine.graph
    citing = set(graph.citing_documents(plans_only=scope == "plans"))
    docs = [d for d in graph.documents.values() if any(m.doc_id in citing for m in d.mentions)]
    docs.sort(key=lambda d: (d.level, d.date or "", d.number or d.key))
    by_chunk: dict[str, list[str]] = {}
    for m in engine.index.mentions:
        if m.doc_id in citing:
            chunk = engine.index.chunk_at(m.doc_id, m.start)
            if chunk is not None and m.key not in by_chunk.setdefault(chunk.chunk_id, []):
                by_chunk[chunk.chunk_id].append(m.key)
    sections = []
    for chunk_id, keys in by_chunk.items():
        chunk = engine.index.chunks[engine.index.chunk_rows[chunk_id]]
        sections.append(
            SectionCitations(
                doc_id=chunk.doc_id,
                section=chunk.section,
                cites=keys,
                source=source_from_chunk(engine.index, chunk, 1.0),
            )
        )
    sections.sort(key=lambda s: (s.doc_id, s.source.start))
    return CitationGraphOut(documents=[cited_out(engine, d) for d in docs], sections=sections)


@router.get(
    "/citations/{number:path}",
    response_model=CitedDocumentDetail,
    summary="Một văn bản được trích dẫn / One cited document",
    responses={404: {"description": "no document with that number"}},
)
def cited_document(
    engine: EngineDep,
    number: Annotated[
        str,
        Path(
            min_length=1,
            max_length=120,
            examples=["145/2020/NĐ-CP", "23-QĐ/TW"],
            description="số hiệu, mọi cách viết: 145/2020/NĐ-CP, 145/2020/nd-cp",
        ),
    ],
    q: Annotated[
        str | None, Query(max_length=1000, description="rank the document's articles by this question")
    ] = None,
) -> CitedDocumentDetail:
    doc = engine.graph.find(number)
    if doc is None:
        raise HTTPException(
            status_code=404, detail=f"không tìm thấy văn bản số '{number}' / no document with that number"
        )
    detail, cited_in = VIEWS.get(
        engine, "cited_document", doc.key, lambda: (cited_out(engine, doc), citing_passages(engine, doc))
    )
    rows = doc.text_rows
    if q and rows:
        tokens = query_tokens(q)
        ranked = {
            row: rank for rank, (row, _) in enumerate(engine.index.lexical.search(tokens, len(engine.index.chunks)))
        }
        rows = sorted(rows, key=lambda r: ranked.get(r, len(ranked) + r))
    articles = [source_from_chunk(engine.index, engine.index.chunks[r], 1.0) for r in rows[:20]]
    return CitedDocumentDetail(**detail.model_dump(), cited_in=cited_in, articles=articles)
