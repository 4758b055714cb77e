"""TREC run and qrels files: the standard way to hand a ranking to other tools (trec_eval, ranx).

A run line is ``qid Q0 docid rank score tag``; within a query, lines are sorted by score descending,
ties broken by docid ascending, so two runs of the same system give byte-identical files.

>>> import io
>>> out = io.StringIO()
>>> write_run(out, {"q1": [RankedDoc("d2", 0.5), RankedDoc("d1", 0.5)]}, tag="bm25")
>>> print(out.getvalue(), end="")
q1 Q0 d1 1 0.500000 bm25
q1 Q0 d2 2 0.500000 bm25
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TextIO

__all__ = ["RankedDoc", "ordered", "write_run", "write_qrels", "read_run"]

_NO_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class RankedDoc:
    docid: str
    score: float


def ordered(docs: list[RankedDoc]) -> list[RankedDoc]:
    """The fixed tie-break every ranking passes through before it is scored or written."""
    return sorted(docs, key=lambda d: (-d.score, d.docid))


def _check_id(value: str, what: str) -> str:
    if not value or _NO_SPACE.search(value):
        raise ValueError(f"{what} must be non-empty and contain no whitespace, got {value!r}")
    return value


def write_run(out: TextIO, runs: dict[str, list[RankedDoc]], tag: str) -> None:
    _check_id(tag, "run tag")
    for qid in runs:
        _check_id(qid, "query id")
        for rank, doc in enumerate(ordered(runs[qid]), 1):
            out.write(f"{qid} Q0 {_check_id(doc.docid, 'docid')} {rank} {doc.score:.6f} {tag}\n")


def write_qrels(out: TextIO, qrels: dict[str, set[str]]) -> None:
    """``qid 0 docid 1`` per relevant document (binary judgments)."""
    for qid in qrels:
        for docid in sorted(qrels[qid]):
            out.write(f"{_check_id(qid, 'query id')} 0 {_check_id(docid, 'docid')} 1\n")


def read_run(text: str) -> dict[str, list[RankedDoc]]:
    runs: dict[str, list[RankedDoc]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 6 or parts[1] != "Q0":
            raise ValueError(f"line {n}: not a TREC run line: {line!r}")
        runs.setdefault(parts[0], []).append(RankedDoc(parts[2], float(parts[4])))
    return runs
