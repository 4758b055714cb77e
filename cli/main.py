"""``tracuu``: ingest documents, ask questions, serve the API and the web page, evaluate.

Every command takes ``--index DIR`` (else the setting ``TRACUU_INDEX_DIR``). Heavy modules are imported
inside the command that needs them, so ``tracuu --help`` stays instant.
"""

from __future__ import annotations

import json
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
    print(
        f"{s['indexed']}/{s['files']} tệp, {s['documents']} văn bản ({s['citation_only']} chỉ biết qua trích dẫn), "
        f"{s['chunks']} đoạn; nhúng mới {s['embedded']}, lấy từ bộ nhớ đệm {s['embedding_cache_hits']}"
    )


def _ingest(settings, paths: list[Path], if_changed: bool, quiet: bool) -> int:
    from ingest.freshness import index_is_current
    from ingest.pipeline import run_ingest

    paths = paths or list(settings.corpus)
    if if_changed and index_is_current(paths, settings):
        print(f"Chỉ mục đã cập nhật / index is up to date: {settings.index_dir}")
        return 0
    result = run_ingest(paths, settings, progress=not quiet)
    _print_report(result)
    return 0 if result.summary["indexed"] > 0 else 1


@click.group(help="Tra cứu văn bản pháp luật / legal search")
def tracuu() -> None:
    pass


@tracuu.command(help="build the index from files or folders")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_index_option
@click.option("--if-changed", is_flag=True, help="do nothing when the index already matches the files")
@click.option("--quiet", is_flag=True, help="no progress bar")
def ingest(paths: tuple[Path, ...], index: str | None, if_changed: bool, quiet: bool) -> int:
    return _ingest(_settings(index), list(paths), if_changed, quiet)


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
@click.option("--ingest", "ingest_first", is_flag=True, help="ingest the corpus first if the index is missing or stale")
def serve(index: str | None, host: str | None, port: int | None, ingest_first: bool) -> int:
    import uvicorn

    from service.app import create_app

    settings = _settings(index)
    if ingest_first:
        code = _ingest(settings, [], if_changed=True, quiet=False)
        if code:
            return code
    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port)
    return 0


tracuu.add_command(eval_group)
tracuu.add_command(bench_command)


def main(argv: list[str] | None = None) -> int:
    return run_click(tracuu, argv, "tracuu")
