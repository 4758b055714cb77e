"""``tracuu``: ingest documents, ask questions, serve the API and the web page.

Every subcommand takes ``--index DIR`` (else the setting ``TRACUU_INDEX_DIR``). Heavy modules are
imported inside the subcommand that needs them, so ``tracuu --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["main"]


def _settings(args: argparse.Namespace):
    from tracuu.settings import Settings

    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = Path(args.index)
    return Settings(**overrides)


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


def _cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.freshness import index_is_current
    from ingest.pipeline import run_ingest

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or list(settings.corpus)
    if args.if_changed and index_is_current(paths, settings):
        print(f"Chỉ mục đã cập nhật / index is up to date: {settings.index_dir}")
        return 0
    result = run_ingest(paths, settings, progress=not args.quiet)
    _print_report(result)
    return 0 if result.summary["indexed"] > 0 else 1


def _cmd_ask(args: argparse.Namespace) -> int:
    from service.sources import ask_response
    from service.state import EngineHolder, NoIndex

    holder = EngineHolder(_settings(args))
    holder.reload()
    try:
        engine = holder.get()
    except NoIndex as e:
        print(str(e), file=sys.stderr)
        return 2
    response = ask_response(engine, args.question, args.top_k)
    if args.json:
        print(json.dumps(response.model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(response.answer)
    for i, s in enumerate(response.sources, 1):
        print(f"  [{i}] {s.number or s.doc_id} — {s.section}  ({s.url})")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.app import create_app

    settings = _settings(args)
    if args.ingest:
        code = _cmd_ingest(argparse.Namespace(index=args.index, paths=[], if_changed=True, quiet=False))
        if code:
            return code
    # The address given here is the service's address everywhere (the .ics links' default base too).
    settings = settings.model_copy(update={"host": args.host or settings.host, "port": args.port or settings.port})
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from eval.cli import main as eval_main

    return eval_main(args.rest if args.command == "eval" else ["bench", *args.rest])


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", metavar="DIR", help="index folder (default: TRACUU_INDEX_DIR or var/index)")
    parser = argparse.ArgumentParser(prog="tracuu", description="Tra cứu văn bản pháp luật / legal search")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="build the index from files or folders")
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus setting, corpus/)")
    p.add_argument("--if-changed", action="store_true", help="do nothing when the index already matches the files")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="answer a question from the index")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the same JSON as POST /api/ask")
    p.add_argument("--top-k", type=int, default=5, choices=range(1, 51), metavar="N")
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("serve", parents=[common], help="serve the API and the web page")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--ingest", action="store_true", help="ingest the corpus first if the index is missing or stale")
    p.set_defaults(func=_cmd_serve)

    # Evaluation lives in the eval/ package; its own parser reads the rest of the line.
    for name, about in (("eval", "measure quality: gold questions, ALQAC (see eval/README.md)"),
                        ("bench", "measure speed: ingest, memory, query latency (see eval/README.md)")):
        p = sub.add_parser(name, help=about, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if args.func is _cmd_eval:
        args.rest = extra + args.rest  # argparse leaves a leading option (e.g. --help) out of REMAINDER
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, RuntimeError) as e:
        print(f"lỗi / error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
