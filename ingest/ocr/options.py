"""What an OCR run needs, as plain data: it crosses into the conversion child process as command-line
arguments, and the child builds its :class:`~ingest.ocr.engine.OcrEngine` from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the conversion child builds options from arguments, never from settings
    from tracuu.settings import Settings

__all__ = ["OcrOptions", "Progress"]

Progress = Callable[[int, int], None]  # (pages done, pages to do)


@dataclass(frozen=True)
class OcrOptions:
    dpi: int = 300
    workers: int | None = None
    cache_path: Path | None = None
    min_confidence: float = 60.0

    @classmethod
    def of(cls, settings: Settings) -> OcrOptions:
        return cls(settings.ocr_dpi, settings.ocr_workers, settings.ocr_cache_path, settings.ocr_min_confidence)

    def to_args(self) -> list[str]:
        args = ["--ocr-dpi", str(self.dpi), "--ocr-min-confidence", str(self.min_confidence)]
        if self.workers is not None:
            args += ["--ocr-workers", str(self.workers)]
        if self.cache_path is not None:
            args += ["--ocr-cache", str(self.cache_path)]
        return args

    def engine(self, progress: Progress | None = None):  # -> OcrEngine; imported here: Pillow loads late
        from ingest.ocr.engine import OcrEngine

        return OcrEngine(
            dpi=self.dpi,
            workers=self.workers,
            cache_path=self.cache_path,
            min_confidence=self.min_confidence,
            progress=progress,
        )
