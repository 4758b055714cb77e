"""Question → answer with its sources.

Deadline, target, assignment and "which document" questions are answered from the stored facts, the fact
first; other questions (or when no fact matches well) get the best sentence of the retrieved passages. A
relevance gate answers "not found" rather than quoting an unrelated passage.

>>> result = Answerer(index, searcher, facts, graph).ask("Hạn báo cáo là ngày nào?")  # doctest: +SKIP
>>> result.answer  # doctest: +SKIP
'Hạn: 01/11/2023 — báo cáo kết quả …, gửi UBND tỉnh (qua Sở Nội vụ). …'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from tracuu.answer.asks import split_asks
from tracuu.answer.document_answers import (
    answer_issued,
    answer_subject,
    answer_validity,
    article_text,
    named_document,
)
from tracuu.answer.extractive import (
    NOT_FOUND,
    article_referred_to,
    best_unit,
    misses_quantity,
    misses_year,
    near_topic,
    relevant,
)
from tracuu.answer.fact_answers import (
    FactAnswer,
    FactContext,
    answer_assignment,
    answer_deadline,
    answer_effective,
    answer_governing,
    answer_target,
)
from tracuu.answer.router import QuestionKind, classify, names_a_type
from tracuu.answer.terms import QuestionTerms
from tracuu.document.chunker import SectionLocator
from tracuu.facts.graph import CitationGraph
from tracuu.facts.models import Facts, FactSpan
from tracuu.index.store import IndexData
from tracuu.models import attached_type
from tracuu.references import ArticleSpan, ResolvedReferences
from tracuu.retrieval.searcher import Hit, Searcher
from tracuu.text.accents import typed_without_accents
from tracuu.text.asking import asks_signer, asks_which, how_many_where_unaccented
from tracuu.text.dates import years_named
from tracuu.text.doc_types import document_label
from tracuu.text.normalize import fold
from tracuu.text.units import Unit

__all__ = ["AnswerResult", "Answerer"]

_HEADING_COVERS = 0.7
_OTHER_SUBJECT_MARGIN = 0.1  # how much better another document's passage must cover the question
_GOES_ON = "(mới trích phần đầu; đọc tiếp trong toàn văn)"
NO_SIGNER = "Không tìm thấy người ký trong các văn bản đang lưu."

_BUILDERS = {
    "deadline": answer_deadline,
    "target": answer_target,
    "assignment": answer_assignment,
    "governing": answer_governing,
}


@dataclass
class AnswerResult:
    question: str
    answer: str
    found: bool
    hits: list[Hit] = field(default_factory=list)
    unit: Unit | None = None  # the exact span the answer quotes
    unit_doc_id: str | None = None
    kind: QuestionKind = "passage"
    section: str | None = None  # where the quoted span sits, when it is not one chunk's section
    also: tuple[Quote, ...] = ()  # the spans answering the other asks of a question of several


@dataclass(frozen=True)
class Quote:
    unit: Unit
    doc_id: str
    section: str


class Answerer:
    def __init__(self, index: IndexData, searcher: Searcher, facts: Facts, graph: CitationGraph) -> None:
        self.index = index
        self.searcher = searcher
        self.facts = facts
        self.graph = graph

    def source_label(self, hit: Hit, section: str | None = None) -> str:
        doc = self.index.documents.get(hit.chunk.doc_id)
        number = hit.chunk.source_number or (doc.number if doc else None)
        if hit.chunk.source_number or doc is None:  # a codified article is named by its original's number
            name = document_label(None, number) or hit.chunk.doc_id
        else:
            name = doc.label
        return f"{name}, {section or hit.chunk.section}"

    def section_of(self, doc_id: str, start: int, end: int) -> str | None:
        """The section a quoted span sits in, as exactly as the document's structure says: the clause or
        point of a sentence, the article of a list running into the article's next passage."""
        doc = self.index.documents.get(doc_id)
        path = _locator(doc.text).path(start, end) if doc is not None else None
        return path.display if path is not None else None

    def ask(self, question: str, top_k: int = 5, keep=None) -> AnswerResult:
        """``keep`` limits the passages (and the facts' sources) to some documents, as /api/ask filters do."""
        asked = question
        expanded = self.searcher.vocabulary.expand(question)
        question = expanded
        if typed_without_accents(asked):
            # "nghi phep nam duoc may ngay" → "nghỉ hằng năm duoc mấy ngay": decided on the question as typed.
            question = how_many_where_unaccented(question)
        refs = self.searcher.references.resolve(question)
        # As typed, with its reading in the texts' wording: search must see whether it was typed without accents.
        hits = self.searcher.search(asked, top_k=max(top_k, 10), keep=keep, references=refs, expanded=expanded)
        # A document the question names ("… theo BLLĐ") chose the passages; its name is no word to find in them.
        named = self.searcher.references.documents.find_in(question)
        topic = _blank(question, [(m.start, m.end) for m in named])
        if not refs.named_document:
            # Without its document a reference is the article the retriever put first, or none; or the article
            # of the regulation issued with the document the retriever put first, when the question names that
            # regulation's type ("Điều 1 Quy chế làm việc …": the decision issuing it is what the words find).
            first = {hits[0].row} if hits else set()
            first_doc = hits[0].chunk.doc_id if hits else None
            refs.spans = [
                s
                for s in refs.spans
                if first.intersection(s.rows) or (s.doc_id == first_doc and attached_type(s.section) is not None)
            ]
            refs.missing = []
        if refs.missing and not refs.spans:
            missing = "; ".join(refs.missing)
            return AnswerResult(asked, f"Không tìm thấy {missing} trong các văn bản đang lưu.", False)
        kind = classify(question)
        if kind == "subject" and refs.spans:
            kind = "article"  # "Điều 211 BLLĐ nói về nội dung gì?" asks what the article says, not the code's title
        ctx = FactContext(self.index, self.facts, self.graph, question, hits, years_named(topic))
        if kind in ("validity", "effective", "issued", "subject"):
            # About one document: answered only for the document named, else from passages.
            key = named_document(ctx, refs)
            about = {"issued": answer_issued, "subject": answer_subject}.get(kind, answer_validity)
            fact = about(ctx, key) if key else None
            if fact is None and kind == "effective" and key is None and names_a_type(topic):
                fact = answer_effective(ctx)
            if fact is not None:
                return self._from_fact(asked, kind, fact, hits, top_k)
            return self._from_passages(asked, topic, hits, top_k)
        if refs.spans:
            return self._from_article(asked, question, refs, hits, top_k)
        builder = _BUILDERS.get(kind)
        if builder is not None:
            fact = builder(ctx)
            if fact is not None and self._about_the_question(ctx, fact, hits, keep):
                return self._from_fact(asked, kind, fact, hits, top_k)
            if kind == "assignment" and asks_signer(question):
                # A signature is read from the signature block; no sentence of the passages says who signed.
                return AnswerResult(asked, NO_SIGNER, False)
        return self._from_passages(asked, topic, hits, top_k)

    def _about_the_question(self, ctx: FactContext, fact: FactAnswer, hits: list[Hit], keep) -> bool:
        """A fact answers only a question about its subject: when another document's passage covers the
        question clearly better than the fact's own passage ("… bao nhiêu phần trăm?" asked of a law, not
        of the plan's targets), or the filters exclude the fact's document, the passages answer instead."""
        span = fact.spans[0]
        chunk = self.index.chunk_at(span.doc_id, span.start)
        if keep is not None and (chunk is None or not keep(chunk)):
            return False
        others = [h for h in hits[:3] if h.chunk.doc_id != span.doc_id]
        if not others:
            return True
        best_other = max(ctx.terms.score(f"{h.chunk.context}\n{h.chunk.text}") for h in others)
        return best_other < ctx.terms.score(ctx.passage_of(span)) + _OTHER_SUBJECT_MARGIN

    def _from_article(
        self, asked: str, question: str, refs: ResolvedReferences, hits: list[Hit], top_k: int
    ) -> AnswerResult:
        """The article (or clause) the question cites; when the question asks more than the reference
        ("Theo Điều 98 BLLĐ, làm thêm ngày lễ được trả bao nhiêu?"), the sentence of it that answers."""
        span = _first_in(refs.spans, hits)
        doc = self.index.documents[span.doc_id]
        rest = _without_references(question, refs)
        article_hits = [h for h in hits if h.row in span.rows]
        terms = QuestionTerms.of(self.index, rest)
        heading = doc.text[span.start : span.end].split("\n", 1)[0]
        # Words the article's own heading already covers ("Điều 63 quy định gì về đối thoại …") ask for it whole.
        asks_more = bool(terms.weights) and bool(article_hits) and terms.score(heading) < _HEADING_COVERS
        picked = best_unit(self.index, rest, article_hits) if asks_more else None
        cut = False  # an article longer than a quote is cut at a line: the officer is told it goes on
        if picked is not None and span.start <= picked[0].start < span.end:
            unit = picked[0]  # the part asked, perhaps the article's opening down to the item asked: not cut
        else:
            start, end = article_text(doc.text, span.start, span.end)
            unit, cut = Unit(start, end, doc.text[start:end]), end < span.end
        owner = self.graph.documents.get(span.doc_key or "")
        name = owner.label if owner else (doc.number or doc.title or doc.doc_id)
        if (attached := attached_type(span.section)) is not None:
            name = f"{attached} kèm theo {name}"  # "Điều 5 Quy chế kèm theo Quyết định 88/QĐ-LĐLĐ"
        codified = f"; Bộ Pháp điển: {span.codified_as}" if span.codified_as else ""
        more = f" … {_GOES_ON}" if cut else ""
        answer = f"{span.article} {name}: {unit.text}{more} ({name}, {span.article}{codified})"
        section = self.section_of(span.doc_id, unit.start, unit.end)
        return AnswerResult(asked, answer, True, hits[:top_k], unit, span.doc_id, "article", section)

    def _from_passages(self, asked: str, question: str, hits: list[Hit], top_k: int) -> AnswerResult:
        if not hits:
            return AnswerResult(asked, NOT_FOUND, False)
        asks = split_asks(question)
        similarity = self.searcher.confident_similarity
        # A question of several asks answered in several passages: no one passage covers all of it, each
        # ask must be covered on its own.
        on_topic = relevant(self.index, question, hits, similarity) or (
            len(asks) > 1 and all(relevant(self.index, ask, hits, similarity) for ask in asks)
        )
        if not hits[0].number_match and not on_topic:
            return self._not_found(asked, question, hits, top_k)
        # Each ask of several by its own sentence, found by its own words among the passages the whole
        # question found (the other asks' words would pull every ask to the sentence answering them). A
        # sentence stating no quantity of the kind an ask names ("mấy tháng") does not answer it.
        picks = [(ask, best_unit(self.index, ask, hits)) for ask in (asks if len(asks) > 1 else [question])]
        picks = [(ask, self._list_referred_to(p, ask) if p is not None and asks_which(ask) else p) for ask, p in picks]
        quoted = _merged(
            [
                p
                for ask, p in picks
                if p is not None and not misses_quantity(ask, p[0].text) and not misses_year(ask, p[0].text)
            ],
            self.index,
        )
        if not quoted:
            return self._not_found(asked, question, hits, top_k)
        quotes, lines = [], []
        for unit, hit in quoted:
            section = self.section_of(hit.chunk.doc_id, unit.start, unit.end) or hit.chunk.section
            quotes.append(Quote(unit, hit.chunk.doc_id, section))
            lines.append(f"{unit.text} ({self.source_label(hit, section)})")
        # The passages quoted are the first sources: the answer and its proof are read together.
        first = _unique([hit for _, hit in quoted])
        first_rows = {h.row for h in first}
        ordered = first + [h for h in hits if h.row not in first_rows]
        head = quotes[0]
        return AnswerResult(
            asked,
            "\n".join(lines),
            True,
            ordered[:top_k],
            head.unit,
            head.doc_id,
            section=head.section,
            also=tuple(quotes[1:]),
        )

    def _not_found(self, asked: str, question: str, hits: list[Hit], top_k: int) -> AnswerResult:
        """Not answered: the passages nearest the question are still shown, marked as such, when they share
        some of its words; the officer reads them rather than being told only "không tìm thấy"."""
        nearest = hits[:top_k] if near_topic(self.index, question, hits) else []
        return AnswerResult(asked, NOT_FOUND, False, nearest)

    def _from_fact(
        self, question: str, kind: QuestionKind, fact: FactAnswer, hits: list[Hit], top_k: int
    ) -> AnswerResult:
        """The passages proving the fact come first among the sources, then the retrieved ones."""
        proof = [h for h in (self._hit_for(span) for span in fact.spans) if h is not None]
        seen = {h.chunk.chunk_id for h in proof}
        ordered = proof + [h for h in hits if h.chunk.chunk_id not in seen]
        first = fact.spans[0]
        text = self.index.documents[first.doc_id].text[first.start : first.end]
        unit = Unit(first.start, first.end, text)
        return AnswerResult(question, fact.text, True, _unique(ordered)[:top_k], unit, first.doc_id, kind)

    def _list_referred_to(self, picked: tuple[Unit, Hit], ask: str) -> tuple[Unit, Hit]:
        """Which ones are asked ("những nội dung nào?"), and the sentence found names them by reference
        ("… bàn và quyết định các nội dung quy định tại các khoản 2, 3, 4 và 5 Điều 67 của Luật này"), or
        names what the question asks about as set out elsewhere ("… phương án sử dụng lao động theo quy định
        tại Điều 44 của Bộ luật này" for "phương án sử dụng lao động gồm những nội dung nào?"): the article
        it refers to, whose list answers. A heading quoted with its list is kept as it is."""
        unit, hit = picked
        article = article_referred_to(unit.text, ask) if "\n" not in unit.text else None  # a sentence, not a list
        doc = self.index.documents.get(hit.chunk.doc_id)
        key = hit.chunk.source_key or (doc.number_key if doc else None)
        if article is None or key is None or article == hit.chunk.source_article:
            return picked
        span = self.searcher.references.articles.locate(key, article)
        if span is None or span.start <= unit.start < span.end:
            return picked
        referred = self._hit_at(span.doc_id, span.start, hit.score)
        if referred is None:
            return picked
        text = self.index.documents[span.doc_id].text
        start, end = article_text(text, span.start, span.end)
        return Unit(start, end, text[start:end]), referred

    def _hit_for(self, span: FactSpan) -> Hit | None:
        return self._hit_at(span.doc_id, span.start)

    def _hit_at(self, doc_id: str, offset: int, score: float = 1.0) -> Hit | None:
        """The passage holding ``offset``, as a hit no retriever ranked (a fact's proof, an article referred to)."""
        row = self.index.row_at(doc_id, offset)
        return None if row is None else Hit(self.index.chunks[row], row, score, None, None, None, False)


def _first_in(spans: list[ArticleSpan], hits: list[Hit]) -> ArticleSpan:
    """The referenced article the retriever put first (references naming no document have candidates)."""
    rank = {h.row: i for i, h in enumerate(hits)}
    return min(spans, key=lambda s: min((rank.get(r, 10**6) for r in s.rows), default=10**6))


def _without_references(question: str, refs: ResolvedReferences) -> str:
    """The question with its article references and document names blanked (folded offsets = NFC offsets)."""
    rest = _blank(question, [(r.start, r.end) for r in refs.refs] + [(m.start, m.end) for m in refs.documents])
    # What is left only frames the reference ("… quy định gì?", "nói gì", "theo …"): nothing more is asked.
    framing = {
        "quy",
        "dinh",
        "gi",
        "noi",
        "dung",
        "the",
        "nao",
        "ve",
        "theo",
        "cua",
        "tai",
        "la",
        "co",
        "nhu",
        "ra",
        "sao",
        "van",  # "về vấn đề gì"
        "de",
        "nhung",
        "trong",
    }
    words = [w for w in fold(rest).split() if w.strip("?,.:;!") and w.strip("?,.:;!") not in framing]
    return rest if words else ""


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _merged(picks: list[tuple[Unit, Hit]], index: IndexData) -> list[tuple[Unit, Hit]]:
    """The asks' spans in order, one span where two overlap (both asks answered by one list or sentence)."""
    out: list[tuple[Unit, Hit]] = []
    for unit, hit in picks:
        for i, (seen, seen_hit) in enumerate(out):
            if seen_hit.chunk.doc_id == hit.chunk.doc_id and unit.start < seen.end and seen.start < unit.end:
                start, end = min(unit.start, seen.start), max(unit.end, seen.end)
                text = index.documents[hit.chunk.doc_id].text[start:end]
                out[i] = (Unit(start, end, text), seen_hit if seen.start <= unit.start else hit)
                break
        else:
            out.append((unit, hit))
    return out


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.chunk.chunk_id not in seen:
            seen.add(h.chunk.chunk_id)
            out.append(h)
    return out


@lru_cache(maxsize=64)
def _locator(text: str) -> SectionLocator:
    """One document's structure, parsed once: the same texts are quoted question after question."""
    return SectionLocator(text)
