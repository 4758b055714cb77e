"""GET /api/documents/{doc_id}: a stored document (full text) or what is known of a cited one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from service.deps import EngineDep
from service.schemas import DocumentOut

router = APIRouter(prefix="/api", tags=["documents"])

DocId = Annotated[str, Path(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9.-]*$",
                            description="mã văn bản, ví dụ 439-kh-ldld")]


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="Văn bản / Document",
            responses={404: {"description": "unknown document"}})
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
