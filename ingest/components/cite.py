"""Step 4: citations → mentions, chunk citation keys, and a record for every document cited but not held."""

from __future__ import annotations

import bisect
from collections import defaultdict

from haystack import component

from ingest.manifest import CitedEntry, CorpusManifest
from tracuu.citations import extract_citations, law_name_key, parse_number
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord
from tracuu.text.slug import slugify

__all__ = ["CitationLinker"]


def _best(values: list[str | None], prefer_long: bool = False) -> str | None:
    present = [v for v in values if v]
    if not present:
        return None
    return max(present, key=len) if prefer_long else present[0]


def _name_key(entry: CitedEntry) -> str:
    """Key of a law the manifest names: "Luật Thực hiện dân chủ ở cơ sở" → "luat:thuc hien dan chu o co so"."""
    name = entry.name or ""
    for prefix in ("Bộ luật ", "Luật "):
        if name.startswith(prefix):
            return law_name_key(prefix.strip(), name[len(prefix) :])
    return law_name_key(entry.type or "Luật", name)


@component
class CitationLinker:
    @component.output_types(documents=list[DocumentRecord], chunks=list[ChunkRecord], mentions=list[CitationMention])
    def run(self, documents: list[DocumentRecord], chunks: list[ChunkRecord], manifest: CorpusManifest) -> dict:
        # Every key naming a held document (its number, or a law's name) maps to that document's main key.
        canonical: dict[str, str] = {}
        for doc in documents:
            main = doc.number_key or (doc.aliases[0] if doc.aliases else None)
            for key in [doc.number_key, *doc.aliases]:
                if key and main:
                    canonical.setdefault(key, main)
        # A law cited by name is the same document as its number when the manifest says so.
        for entry in manifest.cited:
            parsed = parse_number(entry.number)
            if entry.name and parsed:
                canonical.setdefault(_name_key(entry), canonical.get(parsed.key, parsed.key))
        by_doc: dict[str, list[ChunkRecord]] = defaultdict(list)
        for chunk in chunks:
            by_doc[chunk.doc_id].append(chunk)
        mentions: list[CitationMention] = []
        for doc in documents:
            doc_chunks = sorted(by_doc.get(doc.doc_id, []), key=lambda c: c.start)
            starts = [c.start for c in doc_chunks]
            for cite in extract_citations(doc.text):
                key = canonical.get(cite.key, cite.key)
                if cite.number is None and cite.date is None and key == cite.key:
                    # A law named without number or year that no held text or manifest entry knows is often
                    # a name cut short ("Luật Quản lý …"); only a year makes it a citation of its own.
                    continue
                if key == doc.number_key:
                    continue  # the document's own number in its header
                i = bisect.bisect_right(starts, cite.start) - 1
                owner = doc_chunks[i] if i >= 0 and cite.start < doc_chunks[i].end else None
                if owner is not None and key not in owner.citations:
                    owner.citations.append(key)
                mentions.append(
                    CitationMention(
                        key=key,
                        number=cite.number,
                        doc_type=cite.doc_type,
                        date=cite.date,
                        issuer=cite.issuer,
                        title=cite.title,
                        doc_id=doc.doc_id,
                        section=owner.section if owner else "",
                        start=cite.start,
                        end=cite.end,
                        mention_end=cite.mention_end,
                    )
                )
        cited_only = self._cited_only(documents, mentions, manifest)
        return {"documents": documents + cited_only, "chunks": chunks, "mentions": mentions}

    @staticmethod
    def _cited_only(
        documents: list[DocumentRecord], mentions: list[CitationMention], manifest: CorpusManifest
    ) -> list[DocumentRecord]:
        groups: dict[str, list[CitationMention]] = defaultdict(list)
        held_keys = {k for doc in documents for k in [doc.number_key, *doc.aliases] if k}
        for m in mentions:
            if m.key not in held_keys:
                groups[m.key].append(m)
        curated = {}
        for entry in manifest.cited:
            parsed = parse_number(entry.number)
            if parsed:
                curated[parsed.key] = entry
        for key in curated:
            if key not in held_keys:
                groups.setdefault(key, [])  # known from the manifest even if no ingested text cites it
        used = {d.doc_id for d in documents}
        out: list[DocumentRecord] = []
        for key, group in groups.items():
            known = curated.get(key)
            number = known.number if known else _best([m.number for m in group])
            doc_id = slugify(number or key.replace(":", "-"))
            while doc_id in used:
                doc_id += "-x"
            used.add(doc_id)
            out.append(
                DocumentRecord(
                    doc_id=doc_id,
                    text="",
                    status="citation_only",
                    number=number,
                    number_key=key,
                    doc_type=(known.type if known else None) or _best([m.doc_type for m in group]),
                    issuer=(known.issuer if known else None) or _best([m.issuer for m in group], prefer_long=True),
                    date=(known.date if known else None)
                    or _best([m.date for m in group if m.date and len(m.date) == 10]),
                    title=(known.title if known else None) or _best([m.title for m in group], prefer_long=True),
                    aliases=[_name_key(known)] if known and known.name else [],
                )
            )
        return out
