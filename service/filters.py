"""Filters for /api/search and /api/ask: which documents a passage may come from.

A passage belongs to the document whose text it is: a Bộ Pháp điển article belongs to the original it
reproduces (its type, issuer, year), so "type=Nghị định" finds Nghị định 145's articles in chapter 20.2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from tracuu.models import ChunkRecord
from tracuu.text.normalize import fold

if TYPE_CHECKING:
    from tracuu.engine import Engine

__all__ = ["SearchFilters", "UnknownDocument", "chunk_filter"]


class SearchFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str | None = Field(
        default=None,
        max_length=200,
        description='mã văn bản, số hiệu hoặc tên: "45-2019-qh14", "145/2020/NĐ-CP", "BLLĐ"',
    )
    type: str | None = Field(default=None, max_length=60, description='loại văn bản: "Luật", "Nghị định" …')
    issuer: str | None = Field(default=None, max_length=120, description="cơ quan ban hành (một phần tên)")
    year: int | None = Field(default=None, ge=1900, le=2100, description="năm ban hành")
    holding: str | None = Field(
        default=None,
        pattern="^(full_text|codified)$",
        description="full_text: văn bản gốc đang lưu; codified: chỉ có trong Bộ Pháp điển",
    )

    def empty(self) -> bool:
        return all(v is None for v in self.model_dump().values())


class UnknownDocument(ValueError):
    pass


def chunk_filter(engine: Engine, filters: SearchFilters | None) -> Callable[[ChunkRecord], bool] | None:
    """A predicate on chunks, or None when nothing is filtered. Raises UnknownDocument for a document
    filter that names no known document."""
    if filters is None or filters.empty():
        return None
    index, graph = engine.index, engine.graph
    wanted_key = wanted_id = None
    if filters.document:
        if filters.document in index.documents:
            wanted_id = filters.document
        else:
            key = graph.resolver.resolve(filters.document)
            if key is None:
                raise UnknownDocument(filters.document)
            wanted_key = graph.canonical(key)
    want_type = fold(filters.type) if filters.type else None
    want_issuer = fold(filters.issuer) if filters.issuer else None

    # A chunk is kept for its document and the document it reproduces: decided once per pair (a filtered
    # search reads every chunk of the index, 100k of them at scale).
    decided: dict[tuple[str, str | None], bool] = {}

    def keep(chunk: ChunkRecord) -> bool:
        pair = (chunk.doc_id, chunk.source_key)
        kept = decided.get(pair)
        if kept is None:
            kept = decided[pair] = _keeps(chunk)
        return kept

    def _keeps(chunk: ChunkRecord) -> bool:
        own = index.documents.get(chunk.doc_id)
        key = chunk.source_key or (own.number_key if own else None)
        if (
            wanted_id is not None
            and chunk.doc_id != wanted_id
            and (own is None or index.doc_by_key.get(key or "") != wanted_id)
        ):
            return False
        if wanted_key is not None and key != wanted_key:
            return False
        cited = graph.documents.get(key or "")
        doc_type = (cited.doc_type if cited else None) or (own.doc_type if own else None)
        issuer = (cited.issuer if cited else None) or (own.issuer if own else None)
        date = (cited.date if cited else None) or (own.date if own else None)
        if want_type is not None and fold(doc_type or "") != want_type:
            return False
        if want_issuer is not None and want_issuer not in fold(issuer or ""):
            return False
        if filters.year is not None and not (date or "").startswith(str(filters.year)):
            return False
        if filters.holding is not None:
            holding = (
                "codified"
                if chunk.source_key and chunk.doc_id != index.doc_by_key.get(chunk.source_key)
                else "full_text"
            )
            if holding != filters.holding:
                return False
        return True

    return keep
