"""The live index and what is built on it, swapped as one object so a request never mixes two indexes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tracuu.embedders import Embedder, make_embedder
from tracuu.facts import Facts
from tracuu.facts.graph import CitationGraph
from tracuu.answer import Answerer
from tracuu.index import IndexData, IndexMissing, load_index
from tracuu.retrieval import Searcher
from tracuu.settings import Settings

__all__ = ["Engine", "EngineHolder", "NoIndex"]


class NoIndex(RuntimeError):
    """The service runs but no index has been built yet."""


@dataclass(frozen=True)
class Engine:
    index: IndexData
    searcher: Searcher
    answerer: Answerer
    facts: Facts
    graph: CitationGraph

    @classmethod
    def build(cls, index: IndexData, embedder: Embedder | None, mode: Literal["hybrid", "bm25"] = "hybrid") -> Engine:
        searcher = Searcher(index, embedder, mode=mode)
        facts = Facts.from_dict(index.facts)
        graph = CitationGraph(index, facts, searcher.references.documents)
        return cls(index, searcher, Answerer(index, searcher, facts, graph), facts, graph)


class EngineHolder:
    """Holds the current :class:`Engine`; ``reload`` builds a new one beside it and swaps the reference."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    def reload(self) -> Engine | None:
        """Load the index's current generation; keep the old engine if there is none."""
        with self._lock:
            try:
                # BM25-only serving never embeds a question, so it does not load (or check) the embedder.
                hybrid = self.settings.retrieval == "hybrid"
                index = load_index(Path(self.settings.index_dir), embedder=self.embedder.name if hybrid else None)
            except IndexMissing:
                return self._engine
            if self._engine is not None and self._engine.index.manifest.generation == index.manifest.generation:
                return self._engine
            self._engine = Engine.build(index, self.embedder if hybrid else None, self.settings.retrieval)
            return self._engine

    def get(self) -> Engine:
        engine = self._engine
        if engine is None:
            raise NoIndex("chưa có chỉ mục: hãy chạy `tracuu ingest` / no index yet: run `tracuu ingest`")
        return engine

    @property
    def loaded(self) -> Engine | None:
        return self._engine
