"""Retrieval steps as Haystack components, passing immutable values between them.

A retriever returns :class:`Ranked`: index rows, best first, with its own scores. Haystack deep-copies
every component input; for lists of Documents that cost ~8 ms a query (two thirds of a search without
the embedding, eval/RESULTS.md). ``Ranked`` and ``PreparedQuery`` cannot change, so a copy is the
object itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from haystack import component

from tracuu.citations import QueryRef, parse_query_refs
from tracuu.embedders import Embedder
from tracuu.index.store import IndexData
from tracuu.index.tokenize import query_tokens

__all__ = [
    "PreparedQuery",
    "Ranked",
    "QueryPreparer",
    "LexicalRetriever",
    "DenseRetriever",
    "NumberRetriever",
    "IndexRetriever",
    "number_rows",
]


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    tokens: tuple[str, ...]
    refs: tuple[QueryRef, ...]
    vector: np.ndarray | None  # read-only
    merge_copies: bool = True  # a Bộ Pháp điển copy of a held article counts as the original
    rows: np.ndarray | None = None  # search only these rows (the filters'); None: all

    def __deepcopy__(self, memo: dict[int, Any]) -> PreparedQuery:
        return self


@dataclass(frozen=True)
class Ranked:
    """Rows of the index, best first, and the score that ranked each one.

    >>> Ranked.of([(7, 2.5), (3, 1.0)]).ranks()
    {7: 0, 3: 1}
    """

    rows: tuple[int, ...]
    scores: tuple[float, ...]

    @classmethod
    def of(cls, pairs: list[tuple[int, float]]) -> Ranked:
        return cls(tuple(r for r, _ in pairs), tuple(s for _, s in pairs))

    def ranks(self) -> dict[int, int]:
        """Row → its rank (0 is best)."""
        return {row: i for i, row in enumerate(self.rows)}

    def __len__(self) -> int:
        return len(self.rows)

    def __deepcopy__(self, memo: dict[int, Any]) -> Ranked:
        return self


_EMPTY = Ranked((), ())


@component
class QueryPreparer:
    """Question → tokens, document references and (when a dense retriever is used) its embedding."""

    def __init__(self, embedder: Embedder | None, cache_size: int = 1024) -> None:
        self.embedder = embedder
        # Embedding the question is most of a query's time (~1 ms per token on two cores); officers and the
        # page's "?q=" links repeat questions, so recent vectors are kept.
        self._embed = lru_cache(maxsize=cache_size)(self._embed_uncached)

    def _embed_uncached(self, text: str) -> np.ndarray:
        if self.embedder is None:
            raise ValueError("no embedder: this query preparer serves BM25 only")
        vector = np.array(self.embedder.embed_queries([text])[0], dtype=np.float32)
        vector.flags.writeable = False
        return vector

    @component.output_types(query=PreparedQuery)
    def run(
        self, text: str, merge_copies: bool = True, dense_text: str | None = None, rows: np.ndarray | None = None
    ) -> dict:
        """``dense_text``: what the embedder reads, when not ``text`` (the question with its accents put back);
        ``rows``: the only rows to search (a filter)."""
        vector = self._embed(dense_text or text) if self.embedder is not None else None
        refs = tuple(parse_query_refs(text))
        return {"query": PreparedQuery(text, tuple(query_tokens(text)), refs, vector, merge_copies, rows)}


class IndexRetriever:
    """Settings shared by the retrievers over one loaded index.

    ``copies``: row of a Bộ Pháp điển copy of a held article → row of the original. When the query merges
    copies, a copy found is the original found (at the better rank of the two): one article, one
    candidate, and the copy never pushes another passage down the list."""

    def __init__(self, index: IndexData, top_k: int = 50, copies: dict[int, int] | None = None) -> None:
        if top_k <= 0:
            raise ValueError(f"top_k must be positive, got {top_k}")
        self.index = index
        self.top_k = top_k
        self.copies = copies or {}

    def _merged(self, query: PreparedQuery, pairs: list[tuple[int, float]]) -> Ranked:
        if not query.merge_copies or not self.copies:
            return Ranked.of(pairs[: self.top_k])
        seen: set[int] = set()
        out = []
        for row, score in pairs:
            row = self.copies.get(row, row)
            if row not in seen:
                seen.add(row)
                out.append((row, score))
        return Ranked.of(out[: self.top_k])

    def _depth(self) -> int:
        """Candidates to ask for, so that ``top_k`` remain once copies are merged."""
        return self.top_k + min(len(self.copies), self.top_k)


@component
class LexicalRetriever(IndexRetriever):
    @component.output_types(ranked=Ranked)
    def run(self, query: PreparedQuery) -> dict:
        found = self.index.lexical.search(list(query.tokens), self._depth(), query.rows)
        return {"ranked": self._merged(query, found)}


@component
class DenseRetriever(IndexRetriever):
    @component.output_types(ranked=Ranked)
    def run(self, query: PreparedQuery) -> dict:
        if query.vector is None:
            return {"ranked": _EMPTY}
        return {"ranked": self._merged(query, self.index.dense.search(query.vector, self._depth(), query.rows))}


def number_rows(index: IndexData) -> dict[str, list[int]]:
    """Rows of chunks that cite a document number, belong to it, or reproduce one of its articles."""
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(index.chunks):
        doc = index.documents.get(chunk.doc_id)
        keys = set(chunk.citations)
        if doc is not None and doc.number_key:
            keys.add(doc.number_key)
        if chunk.source_key:
            keys.add(chunk.source_key)
        for key in keys:
            rows.setdefault(key, []).append(row)
    return rows


@component
class NumberRetriever:
    """Chunks tied to a document number named in the question, found before fusion.

    Among them, chunks the other retrievers ranked come first, in their best rank; then the rest in
    document order. Exact identifiers should never depend on a similarity score to be found.
    """

    def __init__(self, index: IndexData, top_k: int = 50, resolver=None) -> None:
        self.index = index
        self.top_k = top_k
        self.rows = number_rows(index)
        self.resolver = resolver  # DocumentResolver: documents named by name ("Bộ luật Lao động", "BLLĐ")

    @component.output_types(ranked=Ranked)
    def run(self, query: PreparedQuery, lexical: Ranked, dense: Ranked) -> dict:
        if self.resolver is not None:  # the one resolver: numbers, type + number, names the corpus gives
            named = {self.resolver.canonical(m.key) for m in self.resolver.find_in(query.text)}
            keys = [k for k in self.rows if self.resolver.canonical(k) in named]
        else:
            keys = [k for k in self.rows if any(ref.matches(k) for ref in query.refs)]
        if not keys:
            return {"ranked": _EMPTY}
        candidates = {row for k in keys for row in self.rows[k]}
        if not candidates:
            return {"ranked": _EMPTY}
        best: dict[int, int] = {}
        for ranked in (lexical, dense):
            for rank, row in enumerate(ranked.rows):
                if row in candidates:
                    best[row] = min(best.get(row, rank), rank)
        ordered = sorted(candidates, key=lambda r: (best.get(r, 10**6), r))[: self.top_k]
        return {"ranked": Ranked.of([(r, 1.0 / (1 + best.get(r, 10**6))) for r in ordered])}
