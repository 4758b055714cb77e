"""Which page of the source file a span of stored text lies on.

A paged document (PDF, scan) keeps ``page_starts``: the offset in its stored text where each page begins
(page 1 at index 0). Every chunk and source is located through this one function.

>>> pages_of([0, 100, 250], 90, 120)
[1, 2]
>>> pages_of([], 0, 10)
[]
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["page_at", "pages_of"]


def page_at(page_starts: list[int], offset: int) -> int | None:
    """The 1-based page holding ``offset``, or None for a document without pages."""
    return bisect_right(page_starts, offset) if page_starts else None


def pages_of(page_starts: list[int], start: int, end: int) -> list[int]:
    """Every page the span ``[start, end)`` touches."""
    if not page_starts:
        return []
    first = bisect_right(page_starts, start)
    last = bisect_right(page_starts, max(start, end - 1))
    return list(range(first, last + 1))
