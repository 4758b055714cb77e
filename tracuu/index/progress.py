"""How far a running ingest is, in a small JSON file beside the generations, so any process can show it.

The ingest writes ``ingest-progress.json`` (atomically, a few times a second at most); the service reads it
for ``/health`` and the page banner ("đang bổ sung 3 văn bản: 640/1.646 đoạn"). A file left by a process
that is gone (killed mid-ingest) is not reported as running.

>>> write_progress(Path("var/index"), IngestProgress(pid=os.getpid(), state="embedding", adding=["a.txt"]))  # doctest: +SKIP
>>> read_progress(Path("var/index")).state  # doctest: +SKIP
'embedding'
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from tracuu.index.pids import process_alive

__all__ = ["IngestProgress", "ProgressState", "write_progress", "read_progress", "ProgressFile"]

ProgressState = Literal["listing", "converting", "embedding", "writing", "done", "failed"]
_NAME = "ingest-progress.json"


@dataclass(frozen=True)
class IngestProgress:
    pid: int
    state: ProgressState
    adding: list[str] = field(default_factory=list)  # files being added or changed (names)
    files: int = 0  # files this ingest reads
    chunks_done: int = 0  # chunks embedded so far (cached ones count as done)
    chunks_total: int = 0
    ocr_pages_done: int = 0  # pages of scans read so far (of the file being converted)
    ocr_pages_total: int = 0
    stage: int = 1  # a staged ingest publishes small files first (stage 1 of 2), then everything
    stages: int = 1
    started_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    message: str | None = None  # why it failed

    @property
    def running(self) -> bool:
        return self.state not in ("done", "failed") and process_alive(self.pid)


def write_progress(index_dir: Path, progress: IngestProgress) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f".{_NAME}.{os.getpid()}"
    tmp.write_text(json.dumps(asdict(progress), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, index_dir / _NAME)


def read_progress(index_dir: Path) -> IngestProgress | None:
    """The last progress written, or ``None`` (never written, unreadable)."""
    try:
        data = json.loads((index_dir / _NAME).read_text(encoding="utf-8"))
        return IngestProgress(**data)
    except (OSError, ValueError, TypeError):
        return None


class ProgressFile:
    """The progress of one ingest, updated step by step; writes at most every ``min_interval`` seconds
    except when the state changes."""

    def __init__(self, index_dir: Path, *, stage: int = 1, stages: int = 1, min_interval: float = 0.5) -> None:
        self.index_dir = index_dir
        self.min_interval = min_interval
        self._last_write = 0.0
        self.current = IngestProgress(pid=os.getpid(), state="listing", stage=stage, stages=stages)
        self._write()

    def update(self, **changes: object) -> None:
        state_changed = "state" in changes and changes["state"] != self.current.state
        self.current = replace(self.current, updated_at=time.time(), **changes)  # type: ignore[arg-type]
        if state_changed or time.time() - self._last_write >= self.min_interval:
            self._write()

    def _write(self) -> None:
        self._last_write = time.time()
        write_progress(self.index_dir, self.current)
