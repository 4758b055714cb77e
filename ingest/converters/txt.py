"""Plain text and Markdown files."""

from __future__ import annotations

from ingest.converters.base import ConversionError, ConvertedDocument
from tracuu.text.encoding import decode_text

__all__ = ["convert_txt"]


def convert_txt(data: bytes, path: str) -> ConvertedDocument:
    decoded = decode_text(data)
    if not decoded.text.strip():
        raise ConversionError("empty", "the file has no text", path)
    warnings = [f"decoded from {decoded.encoding}"] if decoded.encoding not in ("utf-8", "ascii") else []
    return ConvertedDocument(decoded.text, path, "txt", warnings=warnings)
