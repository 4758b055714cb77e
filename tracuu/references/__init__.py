"""References in questions: which document ("BLLĐ 2019", "NĐ 145/2020") and which article, clause or point."""

from tracuu.references.articles import ArticleIndex, ArticleRef, ArticleSpan, parse_article_refs
from tracuu.references.documents import DocumentMention, DocumentResolver, NamedDocument
from tracuu.references.resolve import ReferenceResolver, ResolvedReferences

__all__ = [
    "ArticleIndex",
    "ArticleRef",
    "ArticleSpan",
    "parse_article_refs",
    "DocumentMention",
    "DocumentResolver",
    "NamedDocument",
    "ReferenceResolver",
    "ResolvedReferences",
]
