"""SIGKILL a real ``tracuu ingest`` at each pause point of ``tracuu/checkpoints.py``: the index must stay
loadable and answer, and the next ingest must succeed and clean up what the dead one left."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen

import pytest

from tracuu.checkpoints import POINTS

PLAN = (
    "Số: 12/KH-LĐLĐ\nKẾ HOẠCH\nThử nghiệm chịu lỗi\nI. NỘI DUNG\n"
    "1. Các đơn vị báo cáo kết quả về Sở Nội vụ chậm nhất ngày 05/12/2024.\n"
    "2. Tổ chức tập huấn nghiệp vụ trong quý IV năm 2024.\n"
)
QUESTION = "Hạn báo cáo kết quả về Sở Nội vụ là ngày nào?"
NEW_FILE = (
    "Số: 3/TB-CĐ\nTHÔNG BÁO\nLịch nghỉ mát\nI. NỘI DUNG\n"
    + "\n".join(f"{i}. Đoàn nghỉ mát số {i} khởi hành tại Quy Nhơn vào ngày {i:02d}/07/2025." for i in range(1, 9))
    + "\n"
)
BEFORE_SWAP = {"convert", "embed", "write", "renamed", "linked"}
PAUSE_TIMEOUT = 240


@pytest.fixture(scope="module")
def base(tmp_path_factory, embedder) -> tuple[Path, Path, str]:
    """A corpus and an index of two generations (so the killed ingest's pruning has one to remove)."""
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    root = tmp_path_factory.mktemp("kill-base")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ke-hoach.txt").write_text(PLAN, encoding="utf-8")
    settings = Settings(index_dir=root / "index", corpus=[corpus])
    run_ingest([corpus], settings, embedder=embedder, progress=False)
    second = run_ingest([corpus], settings, embedder=embedder, progress=False)
    return corpus, settings.index_dir, second.generation


def _answers(index_dir: Path, embedder) -> str:
    from service.sources import ask_response
    from tracuu.engine import EngineHolder
    from tracuu.settings import Settings

    holder = EngineHolder(Settings(index_dir=index_dir), embedder)
    holder.reload()
    engine = holder.get()
    assert "05/12/2024" in ask_response(engine, QUESTION, 5).answer
    return engine.index.manifest.generation


@contextlib.contextmanager
def paused_ingest(point: str, corpus: Path, index_dir: Path, marker: Path, env: dict[str, str]) -> Iterator[Popen]:
    """A real `tracuu ingest` of ``corpus`` (with ``env`` on top of this process's), stopped at ``point``;
    SIGKILLed when the block ends."""
    env = {
        **os.environ,
        "TRACUU_PAUSE_AT": point,
        "TRACUU_PAUSE_MARKER": str(marker),
        "OMP_WAIT_POLICY": "PASSIVE",
        **env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "ingest", str(corpus), "--index", str(index_dir), "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + PAUSE_TIMEOUT
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"ingest ended ({proc.returncode}) before pause point {point!r}:\n{proc.stdout.read()}")
            if time.monotonic() > deadline:
                pytest.fail(f"pause point {point!r} not reached in {PAUSE_TIMEOUT}s")
            time.sleep(0.05)
        assert int(marker.read_text()) == proc.pid
        yield proc
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _kill_at(point: str, corpus: Path, index_dir: Path, cache: Path, marker: Path) -> str:
    """Run `tracuu ingest` until it reaches ``point``, SIGKILL it there; returns its output."""
    with paused_ingest(point, corpus, index_dir, marker, {"TRACUU_EMBEDDING_CACHE": str(cache)}) as proc:
        pass
    return proc.stdout.read() if proc.stdout else ""


def _generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in (index_dir / "generations").iterdir() if not p.name.startswith("."))


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_point_keeps_a_working_index(point, base, tmp_path, embedder):
    from ingest.pipeline import run_ingest
    from tracuu.index import load_index
    from tracuu.settings import Settings

    base_corpus, base_index, old_generation = base
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(base_corpus, corpus)
    shutil.copytree(base_index, index_dir, symlinks=True)
    # New chunks, so there is something to embed; and this test's own embedding cache (not the session's).
    (corpus / "nghi-mat.txt").write_text(NEW_FILE.replace("THÔNG BÁO", f"THÔNG BÁO ({point})"), encoding="utf-8")
    cache = tmp_path / "embeddings.sqlite"

    _kill_at(point, corpus, index_dir, cache, tmp_path / "paused")

    # The index loads and answers: the old generation before the swap, the complete new one after it.
    generation = _answers(index_dir, embedder)
    if point in BEFORE_SWAP:
        assert generation == old_generation
    else:
        assert generation != old_generation and len(load_index(index_dir).documents) == 2
    leftovers = {
        "tmp": list((index_dir / "generations").glob(".tmp-*")),
        "link": list(index_dir.glob(".current-*")),
    }
    assert bool(leftovers["tmp"]) == (point == "write")
    assert bool(leftovers["link"]) == (point == "linked")
    if point in ("renamed", "linked"):  # complete but never made current
        assert len(_generations(index_dir)) == 3

    # The next ingest succeeds, keeps the vectors the dead one had computed, and cleans up after it.
    settings = Settings(index_dir=index_dir, corpus=[corpus], embedding_cache=cache)
    result = run_ingest([corpus], settings, embedder=embedder, progress=False)
    assert result.summary["indexed"] == 2 and result.summary["failed"] == 0
    if point != "convert":
        assert result.summary["embedded"] == 0  # the killed run had put every new vector in the cache
    assert not list((index_dir / "generations").glob(".tmp-*"))
    assert not list(index_dir.glob(".current-*"))
    assert len(_generations(index_dir)) == 2 and result.generation in _generations(index_dir)
    assert _answers(index_dir, embedder) == result.generation
    index = load_index(index_dir)
    assert any("Quy Nhơn" in c.text for c in index.chunks)


def test_pause_points_are_inert_unless_named():
    ok = subprocess.run(
        [sys.executable, "-c", "from tracuu.checkpoints import pause_point; pause_point('write')"],
        env={**os.environ, "TRACUU_PAUSE_AT": "embed"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "-c", "import tracuu.checkpoints"],
        env={**os.environ, "TRACUU_PAUSE_AT": "nowhere"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "'nowhere' is not a pause point" in bad.stderr
