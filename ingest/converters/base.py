"""What every converter returns, and the one error type they raise."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ConvertedDocument", "ConversionError", "PAGE_BREAK"]

PAGE_BREAK = "\f"  # between the pages of a paged format's text (PDF, scan, image)


@dataclass
class ConvertedDocument:
    """Text extracted from one file, before normalisation (see ``tracuu.text.normalize``)."""

    text: str
    source_path: str
    format: str  # "txt", "pdf", "docx", "doc", "rtf", "html", "phapdien", "image"
    meta: dict[str, str] = field(default_factory=dict)  # hints: title, doc_type, number …
    warnings: list[str] = field(default_factory=list)
    paged: bool = False  # True: pages are separated by PAGE_BREAK (PDF, scan, image)


class ConversionError(Exception):
    """A file that cannot be turned into text; ``code`` is stable for reports and the API.

    Codes: ``empty``, ``corrupt``, ``encrypted``, ``needs_ocr``, ``unsupported``, ``too_large``,
    ``bad_encoding``, ``tool_missing`` (the system package a format needs is not installed: the message
    names it), ``tool_failed`` (the external converter failed or timed out).
    """

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]" if self.path else f"{self.message} [{self.code}]"
