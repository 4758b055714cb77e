"""How far a running ingest is, where every process serving the index can read it.

The ingest writes it through a :class:`ProgressBoard` (a few times a second at most); the service reads it
for ``/health`` and the page banner ("đang bổ sung 3 văn bản: 640/1.646 đoạn"). The board comes with the
store (``IndexStore.progress_board()``): with the folder store, ``ingest-progress.json`` beside the
generations (:class:`FolderProgress`); with the postgres store, one row in the database, so every replica
shows the ingest another one runs (``tracuu.index.pgstore.PostgresProgress``). Progress left by an ingest
that is gone (killed mid-ingest) is not reported as running: the folder checks the writer's pid, the
database whether the writer's connection still holds the ingest lock.

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
from typing import Literal, Protocol

from tracuu.index.pids import process_alive

__all__ = [
    "IngestProgress",
    "ProgressState",
    "ProgressBoard",
    "FolderProgress",
    "write_progress",
    "read_progress",
    "ProgressFile",
]

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
    writer_alive: bool | None = None  # set by a reader that can tell (the database); else the pid is checked

    @property
    def running(self) -> bool:
        if self.state in ("done", "failed"):
            return False
        return self.writer_alive if self.writer_alive is not None else process_alive(self.pid)


class ProgressBoard(Protocol):
    """Where one ingest's progress is written and every server reads it."""

    def write(self, progress: IngestProgress) -> None: ...

    def read(self) -> IngestProgress | None: ...

    def close(self) -> None: ...


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


class FolderProgress:
    """``ingest-progress.json`` in the index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)

    def write(self, progress: IngestProgress) -> None:
        write_progress(self.index_dir, progress)

    def read(self) -> IngestProgress | None:
        return read_progress(self.index_dir)

    def close(self) -> None:
        pass


class ProgressFile:
    """The progress of one ingest, updated step by step on ``board``; writes at most every ``min_interval``
    seconds except when the state changes (the board is closed once the state is done or failed)."""

    def __init__(self, board: ProgressBoard, *, stage: int = 1, stages: int = 1, min_interval: float = 0.5) -> None:
        self.board = board
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
        self.board.write(self.current)
        if self.current.state in ("done", "failed"):
            self.board.close()
