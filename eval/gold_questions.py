"""Gold officer questions through the real /api/ask path, scored per kind.

A gold file is JSON lines: ``id``, ``kind``, ``question``, ``expect_passage`` (hit when ANY string is a
substring of a returned source's text), ``expect_answer`` (ALL must be substrings of the answer),
optional ``expect_docs`` (document numbers: each must be a returned source's number or appear in the
answer or a source's text) and ``expect_not_found`` (off-topic questions: the answer must say
"not found"). Every comparison is made after :func:`canonical_tones` on both sides.

>>> report = evaluate_gold(client, load_gold([Path("../shared/eval/dev-questions.jsonl")]))  # doctest: +SKIP
>>> report.overall["hit@5"]  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tracuu.citations import parse_number
from tracuu.text.normalize import canonical_tones

__all__ = [
    "GoldQuestion",
    "GoldOutcome",
    "GoldReport",
    "load_gold",
    "score_response",
    "evaluate_gold",
    "DEFAULT_GOLD_FILES",
]

_EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_GOLD_FILES = [
    _EVAL_DIR.parent.parent / "shared" / "eval" / "dev-questions.jsonl",
    *sorted((_EVAL_DIR / "gold").glob("*.jsonl")),
]


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    kind: str
    question: str
    expect_passage: tuple[str, ...] = ()
    expect_answer: tuple[str, ...] = ()
    expect_docs: tuple[str, ...] = ()
    expect_not_found: bool = False
    source: str = ""  # file it came from

    def __post_init__(self) -> None:
        if not self.question.strip():
            raise ValueError(f"gold question {self.id!r} is empty")
        if not self.expect_not_found and not self.expect_passage:
            raise ValueError(f"gold question {self.id!r} has no expect_passage and is not expect_not_found")


@dataclass
class GoldOutcome:
    id: str
    kind: str
    question: str
    negative: bool
    hit_at_1: bool | None  # None for off-topic questions
    hit_at_5: bool | None
    answer_ok: bool
    docs_ok: bool | None  # None when the question names no documents
    found: bool
    answer: str
    sources: list[str] = field(default_factory=list)  # "number — section: text…", for failure lists

    @property
    def passed(self) -> bool:
        return self.answer_ok and self.hit_at_5 is not False and self.docs_ok is not False


@dataclass
class GoldReport:
    overall: dict[str, Any]
    by_kind: dict[str, dict[str, Any]]
    outcomes: list[GoldOutcome]

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "by_kind": self.by_kind,
            "failures": [asdict(o) for o in self.outcomes if not o.passed],
        }


class AskClient(Protocol):
    def post(self, url: str, *, json: Any) -> Any: ...


def load_gold(paths: list[Path]) -> list[GoldQuestion]:
    out: list[GoldQuestion] = []
    seen: set[str] = set()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                q = GoldQuestion(
                    id=str(row["id"]),
                    kind=row.get("kind", "other"),
                    question=row["question"],
                    expect_passage=tuple(row.get("expect_passage", [])),
                    expect_answer=tuple(row.get("expect_answer", [])),
                    expect_docs=tuple(row.get("expect_docs", [])),
                    expect_not_found=bool(row.get("expect_not_found", False)),
                    source=Path(path).name,
                )
            except (KeyError, json.JSONDecodeError) as e:
                raise ValueError(f"{path}:{n}: bad gold line ({e})") from e
            if q.id in seen:
                raise ValueError(f"{path}:{n}: duplicate gold id {q.id!r}")
            seen.add(q.id)
            out.append(q)
    return out


def _canon(text: str | None) -> str:
    return canonical_tones(text or "")


def _has_any(needles: tuple[str, ...], haystack: str) -> bool:
    return any(_canon(n) in haystack for n in needles)


def _doc_present(number: str, source_numbers: list[str | None], texts: list[str]) -> bool:
    want = parse_number(number)
    held = {parsed.key for s in source_numbers if s and (parsed := parse_number(s)) is not None}
    if want is not None and want.key in held:
        return True
    return any(_canon(number) in t for t in texts)


def score_response(q: GoldQuestion, response: dict[str, Any]) -> GoldOutcome:
    """One /api/ask response (as JSON) against its gold question."""
    sources = response.get("sources", [])
    texts = [_canon(s.get("text")) for s in sources]
    answer = _canon(response.get("answer"))
    found = bool(response.get("found"))
    shown = [
        f"{s.get('number') or s.get('doc_id')} — {s.get('section')}: {' '.join(s.get('text', '').split())[:100]}"
        for s in sources[:5]
    ]
    if q.expect_not_found:
        return GoldOutcome(
            q.id, q.kind, q.question, True, None, None, not found, None, found, response.get("answer", ""), shown
        )
    docs_ok = None
    if q.expect_docs:
        numbers = [s.get("number") for s in sources[:5]]
        docs_ok = all(_doc_present(d, numbers, [answer, *texts[:5]]) for d in q.expect_docs)
    return GoldOutcome(
        q.id,
        q.kind,
        q.question,
        False,
        hit_at_1=bool(texts) and _has_any(q.expect_passage, texts[0]),
        hit_at_5=any(_has_any(q.expect_passage, t) for t in texts[:5]),
        answer_ok=found and all(_canon(a) in answer for a in q.expect_answer),
        docs_ok=docs_ok,
        found=found,
        answer=response.get("answer", ""),
        sources=shown,
    )


def _summary(outcomes: list[GoldOutcome]) -> dict[str, Any]:
    positive = [o for o in outcomes if not o.negative]
    negative = [o for o in outcomes if o.negative]
    with_docs = [o for o in positive if o.docs_ok is not None]

    def mean(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    return {
        "n": len(outcomes),
        "hit@1": mean([bool(o.hit_at_1) for o in positive]),
        "hit@5": mean([bool(o.hit_at_5) for o in positive]),
        "answer_accuracy": mean([o.answer_ok for o in positive]),
        "doc_accuracy": mean([bool(o.docs_ok) for o in with_docs]),
        "not_found_accuracy": mean([o.answer_ok for o in negative]),
    }


def evaluate_gold(client: AskClient, questions: list[GoldQuestion], top_k: int = 5) -> GoldReport:
    """POST every question to ``/api/ask`` through ``client`` (a TestClient or an httpx client)."""
    outcomes = []
    for q in questions:
        r = client.post("/api/ask", json={"question": q.question, "top_k": top_k})
        if r.status_code != 200:
            raise RuntimeError(f"/api/ask returned {r.status_code} for {q.id}: {r.text[:200]}")
        outcomes.append(score_response(q, r.json()))
    kinds: dict[str, list[GoldOutcome]] = defaultdict(list)
    for o in outcomes:
        kinds["negative" if o.negative else o.kind].append(o)
    return GoldReport(_summary(outcomes), {k: _summary(v) for k, v in sorted(kinds.items())}, outcomes)
