"""Step 1: files → extracted text, one report per file; a bad file never stops the batch.

Each file is converted in a child process under limits (:mod:`ingest.sandbox`), scans and photos OCR'd
there too: a file that is too slow or too big in memory fails alone (``too_slow``, ``too_big_in_memory``)
and the ingest goes on."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from haystack import component

from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.ocr.options import OcrOptions, Progress
from ingest.report import FileReport
from ingest.sandbox import SandboxLimits, convert_isolated
from tracuu.checkpoints import pause_point

__all__ = ["FileConverter"]

log = logging.getLogger(__name__)


@component
class FileConverter:
    """``ocr``: how scans and photos are read (None: they fail with ``needs_ocr``); ``on_page(done, total)``
    follows the OCR of each file's pages."""

    def __init__(
        self,
        max_bytes: int = 50_000_000,
        limits: SandboxLimits | None = None,
        ocr: OcrOptions | None = None,
        on_page: Progress | None = None,
    ) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.max_bytes = max_bytes
        self.limits = limits or SandboxLimits()
        self.ocr = ocr
        self.on_page = on_page

    @component.output_types(
        converted=list[ConvertedDocument],
        hashes=list[str],
        failures=list[FileReport],
        warnings=dict[str, list[str]],
        converted_by=list[int],
    )
    def run(self, paths: list[str]) -> dict:
        converted: list[ConvertedDocument] = []
        hashes: list[str] = []
        failures: list[FileReport] = []
        pids: list[int] = []
        first_with: dict[str, str] = {}
        for path in paths:
            try:
                size = Path(path).stat().st_size
                if size > self.max_bytes:
                    raise ConversionError("too_large", f"file is {size} bytes, limit {self.max_bytes}", path)
                data = Path(path).read_bytes()  # hashed here; converted from these bytes in the child
                digest = hashlib.sha256(data).hexdigest()
                doc, pid = convert_isolated(
                    data,
                    self.limits,
                    name=path,
                    ocr=self.ocr,
                    file_hash=digest,
                    on_page=self.on_page,
                    max_bytes=self.max_bytes,
                )
            except ConversionError as e:
                failures.append(FileReport(path, "failed", code=e.code, message=e.message))
                continue
            except OSError as e:
                failures.append(FileReport(path, "failed", code="unreadable", message=str(e)))
                continue
            except Exception as e:  # a converter bug on one odd file must not stop the batch
                log.exception("converter failed on %s", path)
                failures.append(
                    FileReport(
                        path,
                        "failed",
                        code="corrupt",
                        message=f"unreadable file (converter raised {type(e).__name__}: {e})",
                    )
                )
                continue
            if digest in first_with:
                # The same file reached twice (e.g. a copy in two folders) is one document.
                failures.append(
                    FileReport(path, "skipped", code="duplicate", message=f"same content as {first_with[digest]}")
                )
                continue
            first_with[digest] = path
            converted.append(doc)
            hashes.append(digest)
            pids.append(pid)
            pause_point("convert")
        warnings = {doc.source_path: list(doc.warnings) for doc in converted if doc.warnings}
        return {
            "converted": converted,
            "hashes": hashes,
            "failures": failures,
            "warnings": warnings,
            "converted_by": pids,
        }
