"""OCR results by content hash, in SQLite: re-ingesting an unchanged scan costs no OCR.

The key is the hash of the file, the page number and everything that changes the result (Tesseract's
version, language, resolution, the cleaning steps' version), so an upgrade re-reads pages.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

__all__ = ["OcrCache"]


class OcrCache:
    def __init__(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None  # only called when the cache has a file
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> dict | None:
        if self.path is None:
            return None
        with self._lock, self._connect() as db:
            row = db.execute("SELECT value FROM pages WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: dict) -> None:
        if self.path is None:
            return
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
