"""OCR text as a converter's result: pages joined by page breaks, confidence per page in the warnings."""

from __future__ import annotations

from PIL import Image

from ingest.converters.base import PAGE_BREAK, ConversionError, ConvertedDocument
from ingest.converters.word97 import tool_error
from ingest.tools import ToolError

__all__ = ["ocr_notes", "ocr_pages"]


def ocr_pages(ocr, path: str, fmt: str, *, frames: list[Image.Image], file_hash: str) -> ConvertedDocument:
    try:
        result = ocr.read_images(frames, file_hash)
    except ToolError as e:
        raise tool_error(e, path) from e
    text = PAGE_BREAK.join(p.text for p in result.pages)
    if not text.replace(PAGE_BREAK, "").strip():
        raise ConversionError("empty", "OCR không tìm thấy chữ nào / OCR found no text on any page", path)
    return ConvertedDocument(text, path, fmt, warnings=ocr_notes(result, ocr.min_confidence), paged=True)


def ocr_notes(result, threshold: float) -> list[str]:
    """The report's lines about OCR: confidence of every page, and the pages to check by eye."""
    shown = ", ".join(f"tr.{p.page} {p.confidence:.0f}%" for p in result.pages[:30])
    cached = sum(p.cached for p in result.pages)
    notes = [
        f"OCR {len(result.pages)} trang (độ tin cậy {shown}{' …' if len(result.pages) > 30 else ''}"
        f"{f'; {cached} trang lấy từ bộ nhớ đệm' if cached else ''})"
    ]
    low = result.low_confidence(threshold)
    if low:
        notes.append(
            f"OCR kém tin cậy (< {threshold:.0f}%) ở trang {', '.join(map(str, low))}: "
            "đối chiếu với bản gốc / low OCR confidence, check against the original"
        )
    blank = [p.page for p in result.pages if not p.text]
    if blank:
        notes.append(f"OCR không thấy chữ ở trang {', '.join(map(str, blank))}")
    return notes
