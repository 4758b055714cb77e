"""Turn a file into text, choosing the converter by what the bytes are, not by the file name.

>>> convert_bytes("Điều 1. Phạm vi điều chỉnh".encode(), "a.txt").format
'txt'
>>> convert_bytes(b"<!DOCTYPE html><p>Dieu 1</p>", "page.txt").format
'html'

Each converter returns one logical block per line, for :func:`tracuu.text.normalize.clean_document_text`.
Every failure is a :class:`ConversionError` with a stable ``code``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from pathlib import Path, PurePath

from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.converters.docx import DEFAULT_MAX_UNZIPPED_BYTES, convert_docx
from ingest.converters.html import convert_html
from ingest.converters.image import IMAGE_MAGIC, convert_image
from ingest.converters.pdf import DEFAULT_MAX_PAGES, convert_pdf
from ingest.converters.txt import convert_txt
from ingest.converters.word97 import convert_word97

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ConversionError",
    "ConvertedDocument",
    "convert_bytes",
    "convert_file",
]

DEFAULT_MAX_BYTES = 50_000_000
SUPPORTED_SUFFIXES = (
    ".doc",
    ".docx",
    ".htm",
    ".html",
    ".jpeg",
    ".jpg",
    ".md",
    ".pdf",
    ".png",
    ".rtf",
    ".tif",
    ".tiff",
    ".txt",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every Word 97-2003 file holds

# Formats we recognise only to refuse them with a useful message.
_MAGIC = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (_OLE_MAGIC, "an old Office file that is not a Word document (Excel, PowerPoint?)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%!PS", "a PostScript file"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_PDF_WINDOW = 1024  # readers accept junk before "%PDF-" within the first kilobyte
_SNIFF = 1024
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|meta|title)[\s>/]", re.I)
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")


def convert_bytes(
    data: bytes,
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
    ocr=None,
    file_hash: str = "",
) -> ConvertedDocument:
    """Convert ``data``; ``path`` names the source in the result and in errors, and decides nothing
    except that a ``.pdf`` or ``.docx`` that is not one is ``corrupt`` rather than read as text.

    ``ocr`` (an :class:`ingest.ocr.OcrEngine`) reads scans and images; without it they are refused with
    ``needs_ocr`` once checked to open. ``file_hash`` (sha256 of ``data``) keys the OCR cache."""
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    if len(data) > max_bytes:
        raise ConversionError("too_large", f"the file has {len(data):,} bytes (limit {max_bytes:,})", path)
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise ConversionError("empty", "the file is empty", path)
    suffix = PurePath(path).suffix.lower()

    if b"%PDF-" in data[:_PDF_WINDOW]:
        return convert_pdf(data, path, max_pages=max_pages, ocr=ocr, file_hash=file_hash)
    if suffix == ".pdf":
        raise ConversionError("corrupt", "nội dung không phải PDF / the content is not a PDF (no %PDF- header)", path)
    if data.startswith(_ZIP_MAGIC):
        if suffix == ".docx" or _zip_has_document(data):
            return convert_docx(data, path, max_unzipped_bytes=max_unzipped_bytes)
        raise ConversionError("unsupported", "a zip archive that is not a DOCX", path)
    if data.startswith(_OLE_MAGIC) and _WORD_STREAM in data:
        return convert_word97(data, path, "doc")
    if data.startswith(b"{\\rtf"):
        return convert_word97(data, path, "rtf")
    if data.startswith(tuple(magic for magic, _ in IMAGE_MAGIC)):
        return convert_image(data, path, ocr=ocr, file_hash=file_hash)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ConversionError("unsupported", f"the file is {what}", path)
    if suffix == ".docx":
        raise ConversionError("corrupt", "nội dung không phải DOCX / the content is not a DOCX (not a zip)", path)
    if _looks_binary(data):
        raise ConversionError("unsupported", "binary content, not a text, PDF, DOCX or HTML file", path)
    if _looks_html(data) or (suffix in (".html", ".htm") and b"<" in data[: _SNIFF * 4]):
        return convert_html(data, path)
    return convert_txt(data, path)


def convert_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
    ocr=None,
) -> ConvertedDocument:
    """Read and convert ``path``; a file over ``max_bytes`` is refused before it is read."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise ConversionError("too_large", f"the file has {size:,} bytes (limit {max_bytes:,})", str(path))
    limits = {"max_pages": max_pages, "max_unzipped_bytes": max_unzipped_bytes}
    data = path.read_bytes()
    return convert_bytes(
        data, str(path), max_bytes=max_bytes, ocr=ocr, file_hash=hashlib.sha256(data).hexdigest(), **limits
    )


def _zip_has_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return False


def _looks_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > 0.05 * len(sample)


def _looks_html(data: bytes) -> bool:
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    text = text.lstrip()
    return text.startswith("<") and _HTML_MARK.search(text) is not None
