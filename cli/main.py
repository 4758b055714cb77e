"""``tracuu``: ingest documents, ask questions, serve the API and the web page, evaluate.

Every command takes ``--index DIR`` (else the setting ``TRACUU_INDEX_DIR``). Heavy modules are imported
inside the command that needs them, so ``tracuu --help`` stays instant.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from eval.cli import bench_command, eval_group, run_click

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _index_option(func: F) -> F:
    return click.option("--index", metavar="DIR", help="index folder (default: TRACUU_INDEX_DIR or var/index)")(func)


def _settings(index: str | None):
    from tracuu.settings import Settings

    return Settings(index_dir=Path(index)) if index else Settings()


def _print_report(result) -> None:
    for r in result.reports:
        if r.status == "indexed":
            mark = "đã lập chỉ mục" if r.changed else "không đổi"
            print(f"  ok   {r.path} → {r.doc_id} ({r.chunks} đoạn, {mark})")
            for w in r.warnings:
                print(f"       lưu ý: {w}")
        elif r.status == "skipped":
            print(f"  bỏ qua {r.path}: {r.message} [{r.code}]")
        else:
            print(f"  LỖI  {r.path}: {r.message} [{r.code}]")
    s = result.summary
    if not s["indexed"]:
        print(
            f"Không tệp nào lập chỉ mục được ({s['files']} tệp): chỉ mục cũ giữ nguyên / "
            "no file could be indexed, the previous index is kept"
        )
        return
    print(
        f"{s['indexed']}/{s['files']} tệp, {s['documents']} văn bản ({s['citation_only']} chỉ biết qua trích dẫn), "
        f"{s['chunks']} đoạn; nhúng mới {s['embedded']}, lấy từ bộ nhớ đệm {s['embedding_cache_hits']}"
    )


def _ingest(settings, paths: list[Path], if_changed: bool, quiet: bool, staged: bool = False) -> int:
    from ingest.pipeline import run_ingest
    from ingest.staged import run_staged_ingest

    paths = paths or settings.ingest_paths()
    if staged:
        results = run_staged_ingest(paths, settings, progress=not quiet)
    else:
        results = [run_ingest(paths, settings, progress=not quiet, if_changed=if_changed)]
    code = 0
    for i, result in enumerate(results, 1):
        if len(results) > 1:
            print(f"Giai đoạn {i}/{len(results)} / stage {i} of {len(results)}:")
        if result.unchanged:
            print(f"Chỉ mục đã cập nhật / index is up to date: {settings.index_dir}")
            continue
        _print_report(result)
        code = code or (0 if result.summary["indexed"] > 0 else 1)
    return code


@click.group(help="Tra cứu văn bản pháp luật / legal search")
def tracuu() -> None:
    pass


@tracuu.command(help="build the index from files or folders")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_index_option
@click.option("--if-changed", is_flag=True, help="do nothing when the index already matches the files")
@click.option("--quiet", is_flag=True, help="no progress bar")
@click.option(
    "--staged",
    is_flag=True,
    help="with no index yet, publish the small files first, then everything (implies --if-changed)",
)
def ingest(paths: tuple[Path, ...], index: str | None, if_changed: bool, quiet: bool, staged: bool) -> int:
    return _ingest(_settings(index), list(paths), if_changed, quiet, staged)


@tracuu.command(help="answer a question from the index")
@click.argument("question")
@_index_option
@click.option("--json", "as_json", is_flag=True, help="print the same JSON as POST /api/ask")
@click.option("--top-k", type=click.IntRange(1, 50), default=5, metavar="N")
def ask(question: str, index: str | None, as_json: bool, top_k: int) -> int:
    from service.sources import ask_response
    from tracuu.engine import EngineHolder, NoIndex

    holder = EngineHolder(_settings(index))
    holder.reload()
    try:
        engine = holder.get()
    except NoIndex as e:
        print(str(e), file=sys.stderr)
        return 2
    response = ask_response(engine, question, top_k)
    if as_json:
        print(json.dumps(response.model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(response.answer)
    for i, s in enumerate(response.sources, 1):
        print(f"  [{i}] {s.number or s.doc_id} — {s.section}  ({s.url})")
    return 0


@tracuu.command(help="serve the API and the web page")
@_index_option
@click.option("--host")
@click.option("--port", type=int)
@click.option(
    "--ingest",
    "ingest_first",
    is_flag=True,
    help="bring the index up to date with the corpus in the background while serving",
)
def serve(index: str | None, host: str | None, port: int | None, ingest_first: bool) -> int:
    import uvicorn

    from ingest.freshness import index_is_current
    from service.app import create_app

    settings = _settings(index)
    background = None
    if ingest_first and not index_is_current(settings.ingest_paths(), settings):
        # In a child process: the server answers from what is published meanwhile, and swaps to each new
        # generation when the child publishes it (the watch, TRACUU_WATCH_INTERVAL).
        command = [sys.executable, "-m", "cli", "ingest", "--staged", "--quiet", "--index", str(settings.index_dir)]
        background = subprocess.Popen(command)
    # The address given here is the service's address everywhere (the .ics links' default base too).
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    try:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
    finally:
        if background is not None and background.poll() is None:
            background.terminate()  # the ingest is kill-safe: the next start picks up where it stopped
            background.wait(timeout=30)
    return 0


@tracuu.command(
    name="seed-vectors", help="ship the vectors of a corpus folder's chunks with it (embedding-seed.sqlite)"
)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True), default="corpus")
@_index_option
def seed_vectors(folder: Path, index: str | None) -> int:
    from ingest.vector_seed import write_seed

    settings = _settings(index)
    count = write_seed(Path(settings.index_dir), folder, settings)
    print(f"{count} vectors → {folder}/embedding-seed.sqlite")
    return 0


tracuu.add_command(eval_group)
tracuu.add_command(bench_command)


def main(argv: list[str] | None = None) -> int:
    return run_click(tracuu, argv, "tracuu")
