"""Step 2: extracted text → stored document: normalised text and identity (manifest over header)."""

from __future__ import annotations

from pathlib import Path

from haystack import component

from ingest.converters.base import PAGE_BREAK, ConvertedDocument
from ingest.manifest import CorpusManifest
from ingest.metadata import read_header
from tracuu.citations import law_name_key, parse_number
from tracuu.models import DocumentRecord
from tracuu.text.normalize import clean_document_text, nfc
from tracuu.text.slug import slugify

__all__ = ["DocumentPreparer"]


def _doc_id(curated: str | None, number: str | None, conv: ConvertedDocument) -> str:
    """The manifest's id, else the number's slug ("439-kh-ldld"), a Pháp điển chapter's code, the file name."""
    if curated:
        return curated
    if number:
        return slugify(number)
    if conv.meta.get("code"):
        return slugify(f"phap-dien-{conv.meta['code']}")
    return slugify(Path(conv.source_path).stem)


def _stored_text(conv: ConvertedDocument) -> tuple[str, list[int]]:
    """The normalised text and, for a paged format, where each page begins in it.

    Pages are normalised one by one and joined by a blank line, so no page's text runs into the next
    and every offset has one page."""
    if not conv.paged:
        return clean_document_text(conv.text), []
    text, starts = "", []
    for page in conv.text.split(PAGE_BREAK):
        cleaned = clean_document_text(page)
        if cleaned and text:
            text += "\n"  # a blank line between pages
        starts.append(len(text))
        text += cleaned
    return text, starts


@component
class DocumentPreparer:
    @component.output_types(documents=list[DocumentRecord], notes=dict[str, list[str]])
    def run(self, converted: list[ConvertedDocument], hashes: list[str], manifest: CorpusManifest) -> dict:
        documents: list[DocumentRecord] = []
        notes: dict[str, list[str]] = {}
        used: set[str] = set()
        for conv, content_hash in zip(converted, hashes, strict=True):
            text, page_starts = _stored_text(conv)
            header = read_header(text)
            entry = manifest.documents.get(Path(conv.source_path).resolve())
            # The converter's hints (a Pháp điển page's type, a file's title property) fill what the header
            # lacks; the header wins over file properties, which are often "Word Document" or a draft's name.
            meta = header.merged(
                doc_type=None if header.doc_type else conv.meta.get("doc_type"),
                title=None if header.title else conv.meta.get("title"),
            )
            if entry is not None:
                meta = meta.merged(
                    number=entry.number, doc_type=entry.type, issuer=entry.issuer, date=entry.date, title=entry.title
                )
            number = parse_number(meta.number) if meta.number else None
            if number is None and conv.format != "phapdien":
                notes.setdefault(conv.source_path, []).append(
                    'văn bản không số: phần đầu không có "Số: …", đặt tên theo '
                    + ("tiêu đề" if meta.title else "tên tệp")
                    + ' / unnumbered: no "Số: …" in the header (a number cited in the body is not its own)'
                )
            doc_id = _doc_id(entry.doc_id if entry else None, number.number if number else None, conv)
            base, n = doc_id, 2
            while doc_id in used:
                doc_id, n = f"{base}-{n}", n + 1
            used.add(doc_id)
            aliases = []
            if meta.doc_type in ("Luật", "Bộ luật") and meta.title:
                aliases.append(law_name_key(meta.doc_type, meta.title))
            documents.append(
                DocumentRecord(
                    doc_id=doc_id,
                    text=text,
                    number=nfc(meta.number) if meta.number else None,
                    number_key=number.key if number else None,
                    doc_type=meta.doc_type,
                    issuer=meta.issuer,
                    date=meta.date,
                    title=meta.title,
                    source_path=conv.source_path,
                    content_hash=content_hash,
                    aliases=aliases,
                    page_starts=page_starts,
                )
            )
        return {"documents": documents, "notes": notes}
