"""Per-file outcome of an ingest, shown by the CLI and returned by the admin API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["FileReport"]


@dataclass
class FileReport:
    path: str
    status: Literal["indexed", "failed", "skipped"]
    code: str | None = None  # failed: needs_ocr, encrypted, corrupt …; skipped: duplicate
    message: str | None = None
    doc_id: str | None = None
    chunks: int = 0
    changed: bool = True  # False when the file's content hash equals the previous index's
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
