"""GET /api/documents/{doc_id}/pages/{page}.png: a page of a PDF or scan as the officer received it, to read
beside the stored (OCR) text. Rendered on request from the source file the index names, small (100 dpi)."""

from __future__ import annotations

import io
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from service.deps import EngineDep
from service.routes.documents import DocId

router = APIRouter(prefix="/api", tags=["documents"])

_DPI = 100
_MAX_SIDE = 1400  # pixels: a photo is shrunk to about what a 100-dpi page gives


@router.get(
    "/documents/{doc_id}/pages/{page}.png",
    summary="Ảnh trang / page image",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}},
        404: {"description": "no such page or source file"},
        503: {"description": "the renderer (poppler-utils) is missing"},
    },
)
def page_image(doc_id: DocId, page: Annotated[int, Path(ge=1, le=10_000)], engine: EngineDep) -> Response:
    doc = engine.index.documents.get(doc_id)
    if doc is None or not doc.page_starts or page > len(doc.page_starts) or not doc.source_path:
        raise HTTPException(status_code=404, detail=f"không có trang {page} / no page {page} of '{doc_id}'")
    source = FilePath(doc.source_path)
    try:
        data = source.read_bytes()
    except OSError as e:
        raise HTTPException(status_code=404, detail="tệp gốc không còn / the source file is gone") from e
    return Response(_render(data, page), media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _render(data: bytes, page: int) -> bytes:
    from PIL import Image, ImageOps, ImageSequence

    from ingest.tools import ToolError, pdftoppm

    if b"%PDF-" in data[:1024]:
        try:
            return pdftoppm.render(data, dpi=_DPI, pages=[page], gray=True, timeout=30)[0]
        except ToolError as e:
            raise HTTPException(status_code=503, detail=e.message) from e
    try:
        with Image.open(io.BytesIO(data)) as image:
            frame = next(f for i, f in enumerate(ImageSequence.Iterator(image), 1) if i == page)
            shown = ImageOps.exif_transpose(frame.convert("L"))
            shown.thumbnail((_MAX_SIDE, _MAX_SIDE))
            out = io.BytesIO()
            shown.save(out, "PNG")
            return out.getvalue()
    except (OSError, StopIteration, ValueError) as e:
        raise HTTPException(status_code=404, detail=f"không đọc được trang {page} / unreadable page") from e
