"""The live index and what is built on it, swapped as one object so a request never mixes two indexes."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from tracuu.answer import Answerer
from tracuu.embedders import Embedder, make_embedder
from tracuu.facts import Facts
from tracuu.facts.graph import CitationGraph
from tracuu.index import IndexData, IndexMissing
from tracuu.index.stores import IndexStore, open_store
from tracuu.models import RetrievalMode
from tracuu.retrieval import Searcher
from tracuu.settings import Settings

__all__ = ["Engine", "EngineHolder", "NoIndex"]

log = logging.getLogger(__name__)


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
    def build(cls, index: IndexData, embedder: Embedder | None, mode: RetrievalMode = "hybrid") -> Engine:
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
        self.store: IndexStore = open_store(settings)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    def published_generation(self) -> str | None:
        """The generation published now, by whichever process (cheap: one readlink, or one row)."""
        return self.store.published_generation()

    def refresh(self) -> bool:
        """Swap to a newer published generation if there is one; ``True`` when the engine changed."""
        published = self.published_generation()
        engine = self._engine
        if published is None or (engine is not None and engine.index.manifest.generation == published):
            return False
        return self.reload() is not engine

    def watch(self, interval: float, stop: threading.Event) -> threading.Thread:
        """Poll for generations published by other processes (a CLI ingest, another worker) until ``stop``."""

        def loop() -> None:
            while not stop.wait(interval):
                try:
                    self.refresh()
                except Exception:  # a half-written or mismatched index must not end the watch
                    log.exception("could not load the newly published index generation")

        thread = threading.Thread(target=loop, name="index-watch", daemon=True)
        thread.start()
        return thread

    def reload(self) -> Engine | None:
        """Load the index's current generation; keep the old engine if there is none."""
        with self._lock:
            try:
                # BM25-only serving never embeds a question, so it does not load (or check) the embedder.
                hybrid = self.settings.retrieval == "hybrid"
                index = self.store.load(embedder=self.embedder.name if hybrid else None)
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
