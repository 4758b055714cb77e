"""Retrieval steps as Haystack components. Each returns Haystack Documents whose ``id`` is a chunk id,
``score`` the retriever's own score and ``meta["row"]`` the chunk's row in the index."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from haystack import Document, component

from tracuu.citations import QueryRef, parse_query_refs
from tracuu.embedders import Embedder
from tracuu.index.store import IndexData
from tracuu.text.tokenize import query_tokens

__all__ = ["PreparedQuery", "QueryPreparer", "LexicalRetriever", "DenseRetriever", "NumberRetriever", "number_rows"]


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    tokens: list[str]
    refs: list[QueryRef]
    vector: np.ndarray | None


def _docs(index: IndexData, pairs: list[tuple[int, float]]) -> list[Document]:
    return [Document(id=index.chunks[row].chunk_id, score=score, meta={"row": row}) for row, score in pairs]


@component
class QueryPreparer:
    """Question → tokens, document references and (when a dense retriever is used) its embedding."""

    def __init__(self, embedder: Embedder | None) -> None:
        self.embedder = embedder

    @component.output_types(query=PreparedQuery)
    def run(self, text: str) -> dict:
        vector = self.embedder.embed_queries([text])[0] if self.embedder is not None else None
        return {"query": PreparedQuery(text, query_tokens(text), parse_query_refs(text), vector)}


@component
class LexicalRetriever:
    def __init__(self, index: IndexData, top_k: int = 50) -> None:
        if top_k <= 0:
            raise ValueError(f"top_k must be positive, got {top_k}")
        self.index = index
        self.top_k = top_k

    @component.output_types(documents=list[Document])
    def run(self, query: PreparedQuery) -> dict:
        return {"documents": _docs(self.index, self.index.lexical.search(query.tokens, self.top_k))}


@component
class DenseRetriever:
    def __init__(self, index: IndexData, top_k: int = 50) -> None:
        if top_k <= 0:
            raise ValueError(f"top_k must be positive, got {top_k}")
        self.index = index
        self.top_k = top_k

    @component.output_types(documents=list[Document])
    def run(self, query: PreparedQuery) -> dict:
        if query.vector is None:
            return {"documents": []}
        return {"documents": _docs(self.index, self.index.dense.search(query.vector, self.top_k))}


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

    def __init__(self, index: IndexData, top_k: int = 50) -> None:
        self.index = index
        self.top_k = top_k
        self.rows = number_rows(index)

    @component.output_types(documents=list[Document])
    def run(self, query: PreparedQuery, lexical: list[Document], dense: list[Document]) -> dict:
        if not query.refs:
            return {"documents": []}
        keys = [k for k in self.rows if any(ref.matches(k) for ref in query.refs)]
        candidates = {row for k in keys for row in self.rows[k]}
        if not candidates:
            return {"documents": []}
        best: dict[int, int] = {}
        for ranked in (lexical, dense):
            for rank, doc in enumerate(ranked):
                row = doc.meta["row"]
                if row in candidates:
                    best[row] = min(best.get(row, rank), rank)
        ordered = sorted(candidates, key=lambda r: (best.get(r, 10**6), r))[: self.top_k]
        return {"documents": _docs(self.index, [(r, 1.0 / (1 + best.get(r, 10**6))) for r in ordered])}
