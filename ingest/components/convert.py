"""Step 1: files → extracted text, one report per file; a bad file never stops the batch."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from haystack import component

from ingest.converters import convert_bytes
from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.ocr import OcrEngine
from ingest.report import FileReport
from tracuu.checkpoints import pause_point

__all__ = ["FileConverter"]

log = logging.getLogger(__name__)


@component
class FileConverter:
    """``ocr``: the engine that reads scans and photos (None: they fail with ``needs_ocr``)."""

    def __init__(self, max_bytes: int = 50_000_000, ocr: OcrEngine | None = None) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.max_bytes = max_bytes
        self.ocr = ocr

    @component.output_types(
        converted=list[ConvertedDocument], hashes=list[str], failures=list[FileReport], warnings=dict[str, list[str]]
    )
    def run(self, paths: list[str]) -> dict:
        converted: list[ConvertedDocument] = []
        hashes: list[str] = []
        failures: list[FileReport] = []
        first_with: dict[str, str] = {}
        for path in paths:
            try:
                size = Path(path).stat().st_size
                if size > self.max_bytes:
                    raise ConversionError("too_large", f"file is {size} bytes, limit {self.max_bytes}", path)
                data = Path(path).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                doc = convert_bytes(data, path, max_bytes=self.max_bytes, ocr=self.ocr, file_hash=digest)
            except ConversionError as e:
                failures.append(FileReport(path, "failed", code=e.code, message=e.message))
                continue
            except OSError as e:
                failures.append(FileReport(path, "failed", code="unreadable", message=str(e)))
                continue
            except Exception as e:  # a converter bug on one odd file must not stop the batch
                log.exception("converter failed on %s", path)
                failures.append(FileReport(path, "failed", code="corrupt",
                                           message=f"unreadable file (converter raised {type(e).__name__}: {e})"))
                continue
            if digest in first_with:
                # The same file reached twice (e.g. a copy in two folders) is one document.
                failures.append(FileReport(path, "skipped", code="duplicate",
                                           message=f"same content as {first_with[digest]}"))
                continue
            first_with[digest] = path
            converted.append(doc)
            hashes.append(digest)
            pause_point("convert")
        warnings = {doc.source_path: list(doc.warnings) for doc in converted if doc.warnings}
        return {"converted": converted, "hashes": hashes, "failures": failures, "warnings": warnings}
