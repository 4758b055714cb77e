"""Human-readable tables for ``tracuu eval`` (the ``--json`` forms carry the same numbers)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from eval.alqac import Question
from eval.article_ranking import ArticleRanking
from eval.gold_questions import GoldReport
from eval.metrics import score_rankings

__all__ = ["print_gold", "print_alqac", "format_table"]


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [header, *[[_fmt(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_gold(report: GoldReport) -> None:
    keys = ["n", "hit@1", "hit@5", "answer_accuracy", "doc_accuracy", "not_found_accuracy"]
    rows = [[kind, *(s[k] for k in keys)] for kind, s in report.by_kind.items()]
    rows.append(["ALL", *(report.overall[k] for k in keys)])
    print(format_table(["kind", *keys], rows))
    failures = [o for o in report.outcomes if not o.passed]
    if failures:
        print(f"\n{len(failures)} failure(s):")
    for o in failures:
        what = []
        if o.negative:
            what.append("expected not found")
        else:
            if not o.hit_at_5:
                what.append("passage not in top 5")
            if not o.answer_ok:
                what.append("answer wrong")
            if o.docs_ok is False:
                what.append("document missing")
        print(f"- {o.id} [{o.kind}] {o.question}\n  {', '.join(what)}; answer: {o.answer[:160]!r}")
        for s in o.sources[:3]:
            print(f"    · {s}")


def print_alqac(
    scores: dict[str, Any], ranking: ArticleRanking, questions: list[Question], index_dir: Path, retriever: str
) -> None:
    print(f"ALQAC article retrieval, {retriever}, index {index_dir}")
    rows = [["all", *(scores[k] for k in ("n", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"))]]
    by_kind: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        if q.kind:
            by_kind[q.kind].append(q)
    for kind, qs in sorted(by_kind.items()):
        s = score_rankings(([d.docid for d in ranking.runs[q.qid]], ranking.qrels[q.qid]) for q in qs).to_dict()
        rows.append([kind, *(s[k] for k in ("n", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"))])
    print(format_table(["questions", "n", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"], rows))
