"""Views over one index generation (the citation graph, laid-out documents), computed once per generation.

An index generation never changes once published, so neither does anything derived from it alone. Each
view is built on first use and kept under ``(generation, view, key)``; when a request brings an engine
of another generation, the views of the older ones are dropped. ``builds`` counts the builds per view,
for the tests and for anyone wondering whether the cache works.

>>> graph = VIEWS.get(engine, "citation_graph", "plans", lambda: build_graph(engine))  # doctest: +SKIP
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from tracuu.engine import Engine

__all__ = ["GenerationViews", "VIEWS"]

T = TypeVar("T")


class GenerationViews:
    def __init__(self, max_entries: int = 256) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}")
        self.max_entries = max_entries
        self.builds: Counter[str] = Counter()
        self._entries: OrderedDict[tuple[str, str, Hashable], Any] = OrderedDict()
        self._generation: str | None = None
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, engine: Engine, view: str, key: Hashable, build: Callable[[], T]) -> T:
        generation = engine.index.manifest.generation
        entry = (generation, view, key)
        with self._lock:
            if generation != self._generation:
                # A newer engine: the older generation's views go (its requests still in flight rebuild theirs).
                self._entries = OrderedDict((k, v) for k, v in self._entries.items() if k[0] == generation)
                self._generation = generation
            if entry in self._entries:
                self._entries.move_to_end(entry)
                return self._entries[entry]
        value = build()  # outside the lock: two first requests may both build; both results are equal
        with self._lock:
            self.builds[view] += 1
            self._entries[entry] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value


VIEWS = GenerationViews()
