"""A question's article references resolved to articles of documents: "khoản 3 Điều 107 BLLĐ" → that clause.

The document a reference belongs to is the one named right after it ("Điều 107 Bộ luật Lao động"), else
the one named before it ("Theo BLLĐ, khoản 3 Điều 107"). A reference naming no document is read in
every held document with that article; the caller ranks those (by the question's other words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracuu.references.articles import ArticleIndex, ArticleRef, ArticleSpan, parse_article_refs
from tracuu.references.documents import DocumentMention, DocumentResolver

__all__ = ["ReferenceResolver", "ResolvedReferences"]


@dataclass
class ResolvedReferences:
    spans: list[ArticleSpan] = field(default_factory=list)  # best first
    refs: list[ArticleRef] = field(default_factory=list)
    documents: list[DocumentMention] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # references to articles the corpus does not hold
    named_document: bool = False  # the references name their document (else candidates from every document)

    def __bool__(self) -> bool:
        return bool(self.spans)


class ReferenceResolver:
    def __init__(self, index) -> None:
        self.index = index
        self.documents = DocumentResolver.from_index(index)
        self.articles = ArticleIndex(index.documents, index.chunks)

    def resolve(self, question: str) -> ResolvedReferences:
        refs = parse_article_refs(question)
        out = ResolvedReferences(refs=refs)
        if not refs:
            return out
        mentions = self.documents.find_in(question)
        out.documents = mentions
        for ref in refs:
            label = _label(ref)
            if ref.code is not None:
                target = self.articles.code_target(ref.code)
                span = self.articles.locate(*target, ref.clause, ref.point) if target else None
                out.named_document = True
                (out.spans.append(span) if span else out.missing.append(label))
                continue
            article = f"Điều {ref.article}"
            doc = _owner(ref, mentions)
            if doc is not None:
                out.named_document = True
                span = self.articles.locate(doc.key, article, ref.clause, ref.point, question)
                (out.spans.append(span) if span else out.missing.append(f"{label} ({self._name(doc.key)})"))
                continue
            found = [
                s
                for k in self.articles.keys_with(article)
                if (s := self.articles.locate(k, article, ref.clause, ref.point, question)) is not None
            ]
            out.spans.extend(found) if found else out.missing.append(label)
        return out

    def _name(self, key: str) -> str:
        doc = self.documents.documents.get(key)
        return " ".join(p for p in ((doc.doc_type, doc.number) if doc else ()) if p) or key


def _owner(ref: ArticleRef, mentions: list[DocumentMention]) -> DocumentMention | None:
    after = [m for m in mentions if m.start >= ref.end]
    if after:
        return after[0]
    before = [m for m in mentions if m.end <= ref.start]
    return before[-1] if before else None


def _label(ref: ArticleRef) -> str:
    article = f"Điều {ref.code.upper().replace('ND', 'NĐ')}" if ref.code else f"Điều {ref.article}"
    return " ".join(
        p
        for p in (f"điểm {ref.point}" if ref.point else None, f"khoản {ref.clause}" if ref.clause else None, article)
        if p
    )
