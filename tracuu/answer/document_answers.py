"""Answers about one named document: its validity, its issue date, or the article the question cites.

Each needs the question to name the document (or the article); the subject of the answer is then the
document named, never a fact about something else. Nothing named → ``None``, and the caller answers
from passages.
"""

from __future__ import annotations

import re

from tracuu.answer.fact_answers import FactAnswer, FactContext
from tracuu.facts.models import FactSpan
from tracuu.models import PREAMBLE
from tracuu.references import ResolvedReferences
from tracuu.text.dates import find_dates, format_vn
from tracuu.text.doc_types import DOC_TYPES
from tracuu.text.normalize import fold

__all__ = ["answer_validity", "answer_issued", "answer_subject", "named_document", "article_text"]

_ASKS_START = re.compile(
    r"\b(co hieu luc|bat dau|hieu luc thi hanh)\b.*\b(tu|khi nao|ngay nao|bao gio|luc nao)\b|\bhieu luc tu\b"
)
_NOTE_EFFECTIVE = re.compile(r"có hiệu lực thi hành kể từ ngày (\d{1,2}/\d{1,2}/\d{4})")
_ARTICLE_QUOTE = 4000  # longest article or clause quoted whole: 95% of the corpus's articles (p95 3,136 characters)


def named_document(ctx: FactContext, refs: ResolvedReferences) -> str | None:
    """Key of the document the question names (the first), as the one resolver reads it; else, when it names
    only a type ("Kế hoạch ban hành ngày nào?"), the one document of that type held in full, if only one is."""
    found = refs.documents if refs.refs else ctx.graph.resolver.find_in(ctx.question)
    return found[0].key if found else _only_held_of_type(ctx)


# Longest first: "bo luat" is the question's type, not the "luat" inside it.
_TYPE_WORDS = sorted(((fold(name), t.name) for t in DOC_TYPES for name in t.names), key=lambda x: -len(x[0]))


def _only_held_of_type(ctx: FactContext) -> str | None:
    folded = fold(ctx.question)
    for word, type_name in _TYPE_WORDS:
        if re.search(rf"\b{re.escape(word)}\b", folded):
            held = {
                ctx.graph.canonical(d.number_key)
                for d in ctx.index.documents.values()
                if d.status == "full_text" and d.number_key and d.doc_type and fold(d.doc_type) == fold(type_name)
            }
            return held.pop() if len(held) == 1 else None
    return None


def answer_validity(ctx: FactContext, key: str | None) -> FactAnswer | None:
    """ "… còn hiệu lực không?", "hết hiệu lực khi nào?", "văn bản nào thay thế …?", "có hiệu lực từ …?"."""
    doc = ctx.graph.documents.get(key or "")
    if doc is None:
        return None
    v = doc.validity
    label = doc.label if not doc.title or doc.title in doc.label else f"{doc.label} ({doc.title})"
    asks_start = bool(_ASKS_START.search(fold(ctx.question)))
    if v is not None and v.ended_by and v.ended_span and not asks_start:
        by = ctx.graph.documents.get(v.ended_by)
        when = f" từ ngày {format_vn(v.ended_on)}" if v.ended_on else ""
        text = f"{label} hết hiệu lực{when}, theo {by.label if by else v.ended_by}. ({ctx.source_label(v.ended_span)})"
        return FactAnswer(text, [v.ended_span])
    start, effective = _own_statement(ctx, doc)
    if start is None and v is not None and v.effective_from:
        start, effective = v.effective_span, v.effective_from
    if start is None:
        start, effective = _from_codified_note(ctx, doc)
    if start is not None:
        text = f"{label} có hiệu lực từ ngày {format_vn(effective)}."
        if not asks_start:
            text += " Các văn bản đang lưu không ghi nhận văn bản nào thay thế hay bãi bỏ nó."
        return FactAnswer(f"{text} ({ctx.source_label(start)})", [start])
    mention = doc.mentions[0] if doc.mentions else None
    spans = [FactSpan(mention.doc_id, mention.section, mention.start, mention.mention_end)] if mention else []
    if not spans:
        return None
    return FactAnswer(f"Hiệu lực chưa rõ: các văn bản đang lưu không nói về hiệu lực của {label}.", spans)


_OWN_EFFECTIVE = re.compile(
    r"(?:Bộ luật|Luật|Nghị định|Thông tư|Quyết định|Pháp lệnh|Nghị quyết) này có hiệu lực"
    r"(?: thi hành)?(?: kể)? từ ngày ([^.;\n]{6,40})"
)


def _own_statement(ctx: FactContext, doc) -> tuple[FactSpan | None, str | None]:
    """The document's own "… này có hiệu lực thi hành từ ngày …" (in its text or its codified copy)."""
    for row in doc.text_rows:
        chunk = ctx.index.chunks[row]
        m = _OWN_EFFECTIVE.search(chunk.text)
        dates = find_dates(m.group(1)) if m else []
        if m and dates:
            a, b = chunk.start + m.start(), chunk.start + m.end()
            return FactSpan(chunk.doc_id, chunk.section, a, b), dates[0].value.isoformat()
    return None, None


def _from_codified_note(ctx: FactContext, doc) -> tuple[FactSpan | None, str | None]:
    """A Bộ Pháp điển note under each codified article states its source's effective date."""
    for row in doc.codified_rows[:1]:
        chunk = ctx.index.chunks[row]
        m = _NOTE_EFFECTIVE.search(chunk.text)
        if m:
            dates = find_dates(m.group(1))
            if dates:
                start = chunk.start + m.start()
                return FactSpan(chunk.doc_id, chunk.section, start, chunk.start + m.end()), dates[0].value.isoformat()
    return None, None


def answer_issued(ctx: FactContext, key: str | None) -> FactAnswer | None:
    """ "… ký ngày nào?", "ban hành ngày nào?": the named document's own date, where a text states it."""
    doc = ctx.graph.documents.get(key or "")
    if doc is None:
        return None
    issued = next((d for d in ctx.facts.deadlines if d.kind == "issued" and d.subject_key == doc.key), None)
    if issued is not None:
        return FactAnswer(
            f"Ngày ban hành: {format_vn(issued.date)} — {doc.label}. ({ctx.source_label(issued.span)})", [issued.span]
        )
    # A citation that dates it: "Nghị định số 145/2020/NĐ-CP, ngày 14/12/2020 của Chính phủ".
    for m in doc.mentions:
        if m.date and len(m.date) == 10:
            span = FactSpan(m.doc_id, m.section, m.start, m.mention_end)
            return FactAnswer(
                f"Ngày ban hành: {format_vn(m.date)} — {doc.label} (theo trích dẫn tại {ctx.source_label(span)}).",
                [span],
            )
    return None


def article_text(text: str, start: int, end: int) -> tuple[int, int]:
    """The span quoted for a whole article or clause: all of it, or its first lines up to the limit."""
    if end - start <= _ARTICLE_QUOTE:
        return start, end
    cut = text.rfind("\n", start, start + _ARTICLE_QUOTE)
    return start, cut if cut > start else start + _ARTICLE_QUOTE


_HEADER = 3000  # characters: a title stands in the header


def answer_subject(ctx: FactContext, key: str | None) -> FactAnswer | None:
    """ "Công văn 215 về việc gì?": the named document's title (a letter's "V/v …" subject), quoted from its
    header; for a document only cited, its title as the citation gives it."""
    doc = ctx.graph.documents.get(key or "")
    if doc is None or not doc.title:
        return None
    held = ctx.index.documents.get(doc.doc_id or "")
    span = _title_span(held.doc_id, held.text, doc.title) if held is not None and held.text else None
    if span is None:
        cited = next((m for m in doc.mentions if m.title), None)
        if cited is None:
            return None
        span = FactSpan(cited.doc_id, cited.section, cited.start, cited.mention_end)
    return FactAnswer(f"{doc.label}: {doc.title}. ({ctx.source_label(span)})", [span])


def _title_span(doc_id: str, text: str, title: str) -> FactSpan | None:
    """The header line(s) holding ``title``, whatever their case and line breaks (folding keeps offsets)."""
    words = fold(title).split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), fold(text[:_HEADER]))
    if m is None:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return FactSpan(doc_id, PREAMBLE, start, len(text) if end < 0 else end)
