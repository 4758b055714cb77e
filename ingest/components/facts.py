"""Step 6: structured facts (deadlines, targets, assignments, validity), stored with the index."""

from __future__ import annotations

from typing import Any

from haystack import component

from tracuu.facts.extract import extract_facts
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord

__all__ = ["FactExtractor"]


@component
class FactExtractor:
    @component.output_types(facts=dict[str, Any])
    def run(self, documents: list[DocumentRecord], chunks: list[ChunkRecord], mentions: list[CitationMention]) -> dict:
        return {"facts": extract_facts(documents, chunks, mentions).to_dict()}
