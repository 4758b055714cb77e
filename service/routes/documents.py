"""GET /api/documents: the documents known; /api/documents/{doc_id}: one, with its text;
/api/documents/{doc_id}/articles/{n}: one article (khoản, điểm) of it, with exact offsets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from service.deps import EngineDep
from service.document_list import document_summaries
from service.schemas import ArticleOut, DocumentOut, DocumentSummary
from service.sources import passage_url
from tracuu.references.articles import parse_article_refs

router = APIRouter(prefix="/api", tags=["documents"])

DocId = Annotated[
    str,
    Path(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9.-]*$", description="mã văn bản, ví dụ 439-kh-ldld"),
]
ArticleNo = Annotated[
    str,
    Path(
        min_length=1,
        max_length=30,
        pattern=r"^(\d{1,3}[a-z]?|\d{1,3}\.\d{1,3}\.[A-Za-zĐđ]{2,3}(\.\d{1,3})?\.\d{1,4})$",
        description='số điều: "107", hoặc mã Bộ Pháp điển "20.2.NĐ.3.39"',
    ),
]


@router.get("/documents", response_model=list[DocumentSummary], summary="Danh sách văn bản / Documents")
def list_documents(
    engine: EngineDep,
    type: Annotated[str | None, Query(max_length=60, description='loại: "Luật", "Nghị định" …')] = None,
    holding: Annotated[str | None, Query(pattern="^(full_text|codified|citation_only)$")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    q: Annotated[str | None, Query(max_length=200, description="số hiệu hoặc tên (một phần)")] = None,
) -> list[DocumentSummary]:
    return document_summaries(engine, type, holding, year, q)


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentOut,
    summary="Văn bản / Document",
    responses={404: {"description": "unknown document"}},
)
def get_document(doc_id: DocId, engine: EngineDep) -> DocumentOut:
    doc = engine.index.documents.get(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"không có văn bản '{doc_id}' / unknown document")
    return DocumentOut(
        doc_id=doc.doc_id,
        number=doc.number,
        type=doc.doc_type,
        issuer=doc.issuer,
        date=doc.date,
        title=doc.title,
        text=doc.text,
        status=doc.status,
        page_starts=doc.page_starts,
    )


@router.get(
    "/documents/{doc_id}/articles/{n}",
    response_model=ArticleOut,
    summary="Điều / Article",
    responses={404: {"description": "unknown document, article, clause or point"}},
)
def get_article(
    doc_id: DocId,
    n: ArticleNo,
    engine: EngineDep,
    khoan: Annotated[int | None, Query(ge=1, le=999, description="khoản")] = None,
    diem: Annotated[str | None, Query(pattern="^[a-zđ]$", description="điểm")] = None,
) -> ArticleOut:
    doc = engine.index.documents.get(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"không có văn bản '{doc_id}' / unknown document")
    if diem is not None and khoan is None:
        raise HTTPException(status_code=422, detail="điểm cần khoản / a point needs its clause (khoan)")
    articles = engine.searcher.references.articles
    clause = str(khoan) if khoan is not None else None
    if "." in n:  # a Bộ Pháp điển code: an alias of the article it reproduces
        ref = parse_article_refs(f"Điều {n}")
        target = articles.code_target(ref[0].code) if ref and ref[0].code else None
        span = articles.locate(*target, clause, diem) if target else None
    else:
        key = doc.number_key
        span = articles.locate(key, f"Điều {n}", clause, diem) if key else None
    if span is None:
        raise HTTPException(status_code=404, detail=f"không có Điều {n} trong '{doc_id}' / no such article")
    text_doc = engine.index.documents[span.doc_id]
    return ArticleOut(
        doc_id=doc_id,
        number=doc.number,
        article=span.article,
        text_doc_id=span.doc_id,
        section=span.section,
        text=text_doc.text[span.start : span.end],
        start=span.start,
        end=span.end,
        url=passage_url(span.doc_id, span.start, span.end),
        codified_as=span.codified_as,
        codified_note=span.note,
    )
