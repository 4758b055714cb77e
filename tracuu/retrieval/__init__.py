"""Hybrid retrieval over a loaded index: BM25 + dense + exact document numbers, fused by RRF."""

from tracuu.retrieval.searcher import Hit, Searcher

__all__ = ["Hit", "Searcher"]
