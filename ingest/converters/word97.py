"""Word 97-2003 ``.doc`` and RTF files: LibreOffice (headless) saves them as ``.docx``, which is then read
exactly as any DOCX (:mod:`ingest.converters.docx`), so the ``.doc`` and the ``.docx`` of one document
give the same text, structure and facts. Why LibreOffice and not antiword or catdoc: see the README
("Formats").
"""

from __future__ import annotations

from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.converters.docx import convert_docx
from ingest.tools import ToolError, ToolMissing, soffice

__all__ = ["convert_word97", "tool_error"]


def tool_error(e: ToolError, path: str) -> ConversionError:
    """A tool's failure as one file's failure: ``tool_missing`` names the package to install."""
    if isinstance(e, ToolMissing):
        return ConversionError("tool_missing", f"{e.message} — cần cài gói {e.package}", path)
    return ConversionError("tool_failed", e.message, path)


def convert_word97(data: bytes, path: str, fmt: str) -> ConvertedDocument:
    """``fmt`` is ``doc`` or ``rtf``: what the content was found to be."""
    try:
        docx_bytes = soffice.to_format(data, f".{fmt}", "docx")
    except ToolError as e:
        raise tool_error(e, path) from e
    converted = convert_docx(docx_bytes, path)
    converted.format = fmt
    return converted
