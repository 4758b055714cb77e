"""Step 3: stored documents → structure-aware chunks (see ``tracuu.document.chunker``)."""

from __future__ import annotations

from haystack import component

from tracuu.document.chunker import ChunkSettings, chunk_document
from tracuu.models import ChunkRecord, DocumentRecord
from tracuu.pages import pages_of
from tracuu.text.doc_types import document_label

__all__ = ["StructureSplitter"]


def _display_title(doc: DocumentRecord) -> str:
    head = document_label(doc.doc_type, doc.number)
    return f"{head}: {doc.title}" if head and doc.title else head or doc.title or doc.doc_id


@component
class StructureSplitter:
    def __init__(self, max_chars: int = 1500) -> None:
        self.settings = ChunkSettings(max_chars=max_chars)  # validates the value

    @component.output_types(chunks=list[ChunkRecord])
    def run(self, documents: list[DocumentRecord]) -> dict:
        chunks: list[ChunkRecord] = []
        for doc in documents:
            if doc.text:
                made = chunk_document(doc.doc_id, doc.text, self.settings, title=_display_title(doc))
                for chunk in made:
                    chunk.pages = pages_of(doc.page_starts, chunk.start, chunk.end)
                chunks.extend(made)
        return {"chunks": chunks}
