"""An ingest that waits for another lists its files only once it holds the lock, so it never publishes a
listing older than the generation published before it."""

from __future__ import annotations

import fcntl
import threading
import time

from ingest.pipeline import run_ingest
from tracuu.index import load_index
from tracuu.settings import Settings

PLAN = "Số: 5/KH-CĐ\nKẾ HOẠCH\nTập huấn\nI. NỘI DUNG\n1. Tập huấn cho cán bộ công đoàn ngày 02/3/2024.\n"


def test_waiting_ingest_lists_files_inside_the_lock(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAN, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", corpus=[corpus])
    settings.index_dir.mkdir()
    results = []
    with open(settings.index_dir / ".ingest.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another ingest is running
        waiting = threading.Thread(
            target=lambda: results.append(run_ingest([corpus], settings, embedder=embedder, progress=False))
        )
        waiting.start()
        time.sleep(0.5)
        # A file arrives while the second ingest waits: it must be part of what that ingest publishes.
        (corpus / "b.txt").write_text(PLAN.replace("5/KH-CĐ", "6/KH-CĐ"), encoding="utf-8")
        assert waiting.is_alive()
    waiting.join(timeout=120)
    assert results and results[0].summary["indexed"] == 2
    assert {d.number for d in load_index(settings.index_dir).documents.values() if d.source_path} == {
        "5/KH-CĐ",
        "6/KH-CĐ",
    }


def test_if_changed_is_checked_inside_the_lock(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAN, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", corpus=[corpus])
    first = run_ingest([corpus], settings, embedder=embedder, progress=False)
    again = run_ingest([corpus], settings, embedder=embedder, progress=False, if_changed=True)
    assert again.unchanged and again.generation == first.generation
