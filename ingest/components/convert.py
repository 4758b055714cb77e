"""Step 1: files → extracted text, one report per file; a bad file never stops the batch."""

from __future__ import annotations

import hashlib
from pathlib import Path

from haystack import component

from ingest.converters import convert_bytes
from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.report import FileReport

__all__ = ["FileConverter"]


@component
class FileConverter:
    def __init__(self, max_bytes: int = 50_000_000) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.max_bytes = max_bytes

    @component.output_types(
        converted=list[ConvertedDocument], hashes=list[str], failures=list[FileReport], warnings=dict[str, list[str]]
    )
    def run(self, paths: list[str]) -> dict:
        converted: list[ConvertedDocument] = []
        hashes: list[str] = []
        failures: list[FileReport] = []
        for path in paths:
            try:
                size = Path(path).stat().st_size
                if size > self.max_bytes:
                    raise ConversionError("too_large", f"file is {size} bytes, limit {self.max_bytes}", path)
                data = Path(path).read_bytes()
                doc = convert_bytes(data, path, max_bytes=self.max_bytes)
            except ConversionError as e:
                failures.append(FileReport(path, "failed", code=e.code, message=e.message))
                continue
            except OSError as e:
                failures.append(FileReport(path, "failed", code="unreadable", message=str(e)))
                continue
            converted.append(doc)
            hashes.append(hashlib.sha256(data).hexdigest())
        warnings = {doc.source_path: list(doc.warnings) for doc in converted if doc.warnings}
        return {"converted": converted, "hashes": hashes, "failures": failures, "warnings": warnings}
