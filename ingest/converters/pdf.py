"""PDF files: the text layer read with pypdf, pages without one (scans) read by OCR.

Pages keep their order and are separated by a page break (``PAGE_BREAK``), an empty page included, so
the n-th page of the text is the n-th page of the file. A page number standing alone on a page's first
or last line is dropped, and lines the layout wrapped are rejoined by their width
(:mod:`ingest.converters.wrapped`). A mixed PDF OCRs only its pages without text; without an OCR engine a
PDF with no text at all is refused with ``needs_ocr``.
"""

from __future__ import annotations

import io
import re

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.converters.base import PAGE_BREAK, ConversionError, ConvertedDocument
from ingest.converters.scan import ocr_notes
from ingest.converters.word97 import tool_error
from ingest.converters.wrapped import rejoin
from ingest.tools import ToolError
from tracuu.text.legacy import repair_legacy

__all__ = ["DEFAULT_MAX_PAGES", "convert_pdf"]

DEFAULT_MAX_PAGES = 2000
# Possessive space runs: two adjacent optional runs would otherwise try every split of a long one.
_PAGE_NUMBER = re.compile(r"(?:-\s*+)?(?:trang|page)?\s*+\d{1,4}(?:\s*+(?:/|of|trên)\s*+\d{1,4})?(?:\s*+-)?", re.I)
_SHOW_TEXT = re.compile(rb"[)>\]]\s*(?:Tj|TJ|'|\")")  # a string operand followed by a text-showing operator
_PARAGRAPH_LINE_CHARS = 60  # a justified line of body text at 11–14 pt holds more characters than this
_EOF_WINDOW = 4096  # "%%EOF" must end the file, give or take trailing junk


def convert_pdf(
    data: bytes, path: str, *, max_pages: int = DEFAULT_MAX_PAGES, ocr=None, file_hash: str = ""
) -> ConvertedDocument:
    """``ocr`` (an :class:`ingest.ocr.OcrEngine`) reads the pages without a text layer; ``file_hash``
    keys its cache."""
    if max_pages < 1:
        raise ValueError(f"max_pages must be at least 1, got {max_pages}")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        # A cut file can still parse, losing its last pages silently; a law missing articles is worse
        # than no law.
        raise ConversionError("corrupt", "PDF bị cắt cụt / truncated PDF (no %%EOF marker at the end)", path)
    reader = _open(data, path)
    try:
        page_count = len(reader.pages)
    except FileNotDecryptedError as e:
        raise ConversionError("encrypted", "PDF có mật khẩu / password-protected PDF", path) from e
    except Exception as e:  # pypdf raises many types on a broken page tree
        raise ConversionError("corrupt", f"unreadable PDF page tree: {e}", path) from e
    if page_count == 0:
        raise ConversionError("empty", "the PDF has no pages", path)
    if page_count > max_pages:
        raise ConversionError("too_large", f"the PDF has {page_count} pages (limit {max_pages})", path)

    pages: list[str] = []  # one per page of the file, "" for a page without text
    textless: dict[str, list[int]] = {"unreadable": [], "scanned": [], "blank": []}
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as e:  # a broken content stream spoils one page, not the document
            warnings.append(f"page {number}: text extraction failed ({type(e).__name__}: {e})")
            text = ""
        lines = _drop_page_numbers(text.splitlines())
        if any(line.strip() for line in lines):
            # Relative to a paragraph line's length: a page of short lines has nothing wrapped.
            widest = max(max(len(line.strip()) for line in lines), _PARAGRAPH_LINE_CHARS)
            pages.append("\n".join(rejoin([(line, len(line.strip()) / widest) for line in lines])))
        else:
            pages.append("")
            textless[_why_textless(page)].append(number)
    if ocr is not None and textless["scanned"]:
        scanned = textless.pop("scanned")
        try:
            result = ocr.read_pdf(data, scanned, file_hash)
        except ToolError as e:
            raise tool_error(e, path) from e
        for read in result.pages:
            pages[read.page - 1] = read.text
        warnings.extend(ocr_notes(result, ocr.min_confidence))
        textless["blank"].extend(p.page for p in result.pages if not p.text)
    if not any(pages):
        raise _no_text_error(textless, path)
    for kind, numbers in textless.items():
        if numbers:
            warnings.append(f"{len(numbers)} of {page_count} pages {_KIND_NOTES[kind]}: {_listing(numbers)}")

    repaired = repair_legacy(PAGE_BREAK.join(pages))
    if repaired.warning:
        warnings.append(repaired.warning)
    return ConvertedDocument(repaired.text, path, "pdf", meta=_meta(reader), warnings=warnings, paged=True)


def _open(data: bytes, path: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as e:  # PdfReadError, PdfStreamError, ValueError, KeyError … on garbage
        raise ConversionError("corrupt", f"unreadable PDF: {e}", path) from e
    if not reader.is_encrypted:
        return reader
    try:
        # Many official PDFs are encrypted only to restrict printing: the user password is empty.
        result = reader.decrypt("")
    except DependencyError as e:
        message = f"PDF encrypted with AES, which needs the cryptography package: {e}"
        raise ConversionError("encrypted", message, path) from e
    except Exception as e:  # unknown security handler, broken /Encrypt dictionary
        raise ConversionError("encrypted", f"PDF có mật khẩu / cannot decrypt the PDF: {e}", path) from e
    if result == PasswordType.NOT_DECRYPTED:
        raise ConversionError("encrypted", "PDF có mật khẩu / password-protected PDF", path)
    return reader


_KIND_NOTES = {
    "unreadable": "draw text that cannot be extracted (damaged, or fonts without a Unicode map)",
    "scanned": "have no text layer (scanned?)",
    "blank": "are blank",
}


def _why_textless(page: PageObject) -> str:
    """``unreadable`` (text is drawn, extraction gave nothing), ``scanned`` (only images or drawings), ``blank``."""
    try:
        content = page.get_contents()
        operators = content.get_data() if content is not None else b""
        has_images = len(page.images) > 0
    except Exception:  # content or resources that do not resolve
        return "unreadable"
    if _SHOW_TEXT.search(operators):
        return "unreadable"
    return "scanned" if operators.strip() or has_images else "blank"


def _no_text_error(textless: dict[str, list[int]], path: str) -> ConversionError:
    if textless["unreadable"]:
        return ConversionError(
            "corrupt", "PDF hỏng: có chữ nhưng không trích xuất được / damaged PDF: its text cannot be extracted", path
        )
    if textless.get("scanned"):
        return ConversionError(
            "needs_ocr", "PDF không có lớp văn bản (bản scan) — cần OCR / no text layer, needs OCR", path
        )
    return ConversionError("empty", "every page of the PDF is blank (OCR found no text either)", path)


def _drop_page_numbers(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    for index in (0, -1):
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if filled and _PAGE_NUMBER.fullmatch(lines[filled[index]].strip()):
            del lines[filled[index]]
    return lines


def _listing(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:20]))
    return shown + (" …" if len(numbers) > 20 else "")


def _meta(reader: PdfReader) -> dict[str, str]:
    try:
        title = (reader.metadata.title or "") if reader.metadata else ""
    except Exception:  # a broken /Info dictionary is not worth failing the document for
        title = ""
    return {"title": title.strip()} if isinstance(title, str) and title.strip() else {}
