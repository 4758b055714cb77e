"""References in questions resolve to the right article, clause or point of the right document.

Fixture corpus (tests/fixtures/refs): "Bộ luật Lao động" 88/2029/QH98 (articles 1–5), "Luật Thực hiện dân
chủ mẫu" 11/2028/QH97 (articles 1–4, citing Nghị định 66/2028/NĐ-CP "sau đây gọi là Nghị định Đối
thoại"), and a Bộ Pháp điển page reproducing Điều 2 of the Bộ luật (held) and Điều 3 and 7 of the decree
(held only there). Names come from the corpus (manifest titles, initials, the definition), not from code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "refs"

BL, LUAT, ND = "88-2029-QH98", "11-2028-QH97", "66-2028-ND-CP"
BL_DOC, LUAT_DOC, PD_DOC = "88-2029-qh98", "11-2028-qh97", "phap-dien-98-2"

# reference, document key, article label, stored text holding it, first words of the quoted span
CASES = [
    ("Điều 2 Bộ luật Lao động", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ làm việc mẫu"),
    ("dieu 2 bo luat lao dong", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ"),
    ("Điều 2 BLLĐ", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ"),
    ("dieu 2 blld", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ"),
    ("ĐIỀU 2 BLLĐ", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ"),
    ("Điều 4 Bộ luật Lao động quy định gì?", BL, "Điều 4", BL_DOC, "Điều 4. Nghỉ hằng năm mẫu"),
    ("khoản 2 Điều 3 BLLĐ 2029", BL, "Khoản 2 Điều 3", BL_DOC, "2. Người sử dụng lao động được sử dụng"),
    ("khoan 2 dieu 3 blld", BL, "Khoản 2 Điều 3", BL_DOC, "2. Người sử dụng lao động"),
    (
        "điểm b khoản 2 Điều 3 Bộ luật Lao động",
        BL,
        "Điểm b Khoản 2 Điều 3",
        BL_DOC,
        "b) Bảo đảm số giờ làm thêm không quá 150 giờ",
    ),
    ("diem b khoan 2 dieu 3 bo luat lao dong nam 2029", BL, "Điểm b Khoản 2 Điều 3", BL_DOC, "b) Bảo đảm"),
    ("điểm c khoản 2 Điều 3 BLLĐ", BL, "Điểm c Khoản 2 Điều 3", BL_DOC, "c) Bảo đảm số giờ làm thêm không quá 30 giờ"),
    ("Điều 3 Bộ luật số 88/2029/QH98", BL, "Điều 3", BL_DOC, "Điều 3. Làm thêm giờ mẫu"),
    ("dieu 3 88/2029/qh98", BL, "Điều 3", BL_DOC, "Điều 3. Làm thêm giờ mẫu"),
    ("Theo BLLĐ, khoản 1 Điều 3", BL, "Khoản 1 Điều 3", BL_DOC, "1. Thời gian làm thêm giờ"),
    ("Bộ luật Lao động, Điều 1", BL, "Điều 1", BL_DOC, "Điều 1. Phạm vi điều chỉnh\nBộ luật này"),
    (
        "khoản 3 Điều 3 bộ luật lao động năm 2029",
        BL,
        "Khoản 3 Điều 3",
        BL_DOC,
        "3. Người sử dụng lao động phải thông báo",
    ),
    ("Điều 5", BL, "Điều 5", BL_DOC, "Điều 5. Hiệu lực thi hành"),
    ("Điều 1 Luật Thực hiện dân chủ mẫu", LUAT, "Điều 1", LUAT_DOC, "Điều 1. Phạm vi điều chỉnh\nLuật này"),
    ("dieu 1 luat thuc hien dan chu mau", LUAT, "Điều 1", LUAT_DOC, "Điều 1. Phạm vi điều chỉnh\nLuật này"),
    ("Điều 4 Luật 11/2028", LUAT, "Điều 4", LUAT_DOC, "Điều 4. Áp dụng văn bản khác"),
    ("khoản 1 Điều 2 luật 11/2028/QH97", LUAT, "Khoản 1 Điều 2", LUAT_DOC, "1. Hội nghị người lao động được tổ chức"),
    ("khoan 2 dieu 2 luat so 11/2028/qh97", LUAT, "Khoản 2 Điều 2", LUAT_DOC, "2. Hội nghị được tổ chức hợp lệ"),
    ("Điều 3 Luật Thực hiện dân chủ mẫu", LUAT, "Điều 3", LUAT_DOC, "Điều 3. Ban Thanh tra nhân dân mẫu"),
    # The title without the words officers leave out ("Luật dân chủ cơ sở").
    ("Điều 3 Luật dân chủ mẫu", LUAT, "Điều 3", LUAT_DOC, "Điều 3. Ban Thanh tra nhân dân mẫu"),
    ("dieu 1 luat dan chu mau", LUAT, "Điều 1", LUAT_DOC, "Điều 1. Phạm vi điều chỉnh\nLuật này"),
    # Bộ Pháp điển codes: aliases of the article reproduced; the held original is what is quoted.
    ("Điều 98.2.LQ.2", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ làm việc mẫu"),
    ("dieu 98.2.lq.2", BL, "Điều 2", BL_DOC, "Điều 2. Thời giờ làm việc mẫu"),
    ("Điều 98.2.NĐ.1.3", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3. Đối thoại định kỳ mẫu"),
    ("điều 98.2.nđ.1.3", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3."),
    ("dieu 98.2.nd.1.7", ND, "Điều 7", PD_DOC, "Điều 98.2.NĐ.1.7. Thành phần đối thoại mẫu"),
    ("khoản 1 Điều 98.2.NĐ.1.7", ND, "Khoản 1 Điều 7", PD_DOC, "1. Bên người sử dụng lao động có ít nhất 03"),
    ("khoan 2 dieu 98.2.nd.1.7", ND, "Khoản 2 Điều 7", PD_DOC, "2. Bên người lao động có ít nhất 04"),
    # The decree by type and number, in the spellings officers use, and by the short name a text gives it.
    ("Điều 3 Nghị định 66", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3."),
    ("Điều 3 NĐ 66/2028", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3."),
    ("dieu 3 nghi dinh 66/2028/nd-cp", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3."),
    ("Điều 7 Nghị định số 66/2028/NĐ-CP", ND, "Điều 7", PD_DOC, "Điều 98.2.NĐ.1.7."),
    ("khoản 2 Điều 7 nđ 66", ND, "Khoản 2 Điều 7", PD_DOC, "2. Bên người lao động"),
    ("Điều 3 Nghị định Đối thoại", ND, "Điều 3", PD_DOC, "Điều 98.2.NĐ.1.3."),
    ("dieu 7 nghi dinh doi thoai", ND, "Điều 7", PD_DOC, "Điều 98.2.NĐ.1.7."),
]

# References to articles, clauses or points the corpus does not hold.
MISSING = [
    "Điều 9 BLLĐ",
    "khoản 9 Điều 3 BLLĐ",
    "điểm e khoản 2 Điều 3 BLLĐ",
    "Điều 98.2.NĐ.1.99",
    "Điều 5 Luật Thực hiện dân chủ mẫu",
    "Điều 2 Bộ luật Lao động 2012",  # the 2012 code is only cited: its articles are not held
    "Điều 2 Nghị định 66",  # the decree's Điều 2 is not reproduced
]


@pytest.fixture(scope="module")
def refs_index(tmp_path_factory, embedder):
    from ingest.pipeline import run_ingest
    from tracuu.index import load_index
    from tracuu.settings import Settings

    settings = Settings(index_dir=tmp_path_factory.mktemp("refs-index"), corpus=[FIXTURE])
    result = run_ingest([FIXTURE], settings, embedder=embedder, progress=False)
    assert result.summary["failed"] == 0
    return load_index(settings.index_dir)


@pytest.fixture(scope="module")
def resolver(refs_index):
    from tracuu.references import ReferenceResolver

    return ReferenceResolver(refs_index)


@pytest.mark.parametrize(("reference", "key", "article", "text_doc", "starts"), CASES, ids=[c[0] for c in CASES])
def test_reference_resolves_to_the_article(resolver, refs_index, reference, key, article, text_doc, starts):
    found = resolver.resolve(reference)
    assert not found.missing, found.missing
    span = found.spans[0]
    assert (span.doc_key, span.article, span.doc_id) == (key, article, text_doc)
    text = refs_index.documents[span.doc_id].text[span.start : span.end]
    assert text.startswith(starts), text[:80]


@pytest.mark.parametrize("reference", MISSING)
def test_reference_to_an_article_not_held_is_missing(resolver, reference):
    found = resolver.resolve(reference)
    assert not found.spans and found.missing


def test_a_pháp_điển_code_is_never_another_documents_article(resolver):
    # "Điều 98.2.NĐ.1.3" is Điều 3 of the decree, never Điều 3 of the Bộ luật or the Luật.
    spans = resolver.resolve("Điều 98.2.NĐ.1.3").spans
    assert [(s.doc_key, s.article) for s in spans] == [(ND, "Điều 3")]


def test_the_original_carries_its_codified_number_and_note(resolver):
    span = resolver.resolve("Điều 2 BLLĐ").spans[0]
    assert span.codified_as == "Điều 98.2.LQ.2"
    assert span.note.startswith("(Điều 2 Bộ luật số 88/2029/QH98")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bộ luật Lao động", BL),
        ("BLLĐ 2029", BL),
        ("bo luat lao dong nam 2029", BL),
        ("88/2029/qh98", BL),
        ("Bộ luật Lao động 2012", "7-2012-QH13"),
        ("Luật 11/2028", LUAT),
        ("luat thuc hien dan chu mau", LUAT),
        ("Nghị định 66", ND),
        ("NĐ 66/2028", ND),
        ("nghi dinh doi thoai", ND),
        ("66/2028/ND-CP", ND),
    ],
)
def test_one_resolver_names_each_document(resolver, text, key):
    assert resolver.documents.resolve(text) == key


def test_the_graph_finds_documents_through_the_same_resolver(refs_index):
    from tracuu.facts import Facts
    from tracuu.facts.graph import CitationGraph

    graph = CitationGraph(refs_index, Facts.from_dict(refs_index.facts))
    assert graph.find("BLLĐ").key == BL
    assert graph.find("nghị định đối thoại").key == ND
    assert graph.find("Bộ luật Lao động năm 2012").key == "7-2012-QH13"


def test_a_copy_of_a_held_article_is_embedded_once_and_shown_once(refs_index, embedder):
    from tracuu.retrieval import Searcher

    assert refs_index.report["summary"]["shared_vectors"] == 1  # Điều 98.2.LQ.2 = Điều 2 of the Bộ luật
    rows = {c.section.rsplit(" › ", 1)[-1]: r for r, c in enumerate(refs_index.chunks) if c.doc_id in (BL_DOC, PD_DOC)}
    original, copy = rows["Điều 2"], rows["Điều 98.2.LQ.2"]
    assert (refs_index.dense.vector(original) == refs_index.dense.vector(copy)).all()
    hits = Searcher(refs_index, embedder).search(
        "thời giờ làm việc bình thường không quá 07 giờ trong 01 ngày", top_k=5
    )
    assert hits[0].row == original
    assert copy not in [h.row for h in hits]  # the article once: the original, never its copy beside it
    # Within the Bộ Pháp điển chapter, the copy itself is what is found.
    in_chapter = Searcher(refs_index, embedder).search(
        "thời giờ làm việc bình thường", top_k=3, keep=lambda c: c.doc_id == PD_DOC
    )
    assert in_chapter and in_chapter[0].row == copy


@pytest.mark.parametrize(
    ("question", "title", "body"),
    [
        ("Điều 3 Nghị định 66/2028/NĐ-CP quy định gì?", "Đối thoại định kỳ mẫu", "ít nhất 01 lần trong 01 năm"),
        ("Điều 7 Nghị định số 66/2028/NĐ-CP nói về vấn đề gì?", "Thành phần đối thoại mẫu", "ít nhất 03 người"),
    ],
)
def test_an_article_reproduced_in_pháp_điển_is_quoted_not_its_source_note(refs_index, embedder, question, title, body):
    # "Nghị định" before the number names the document, it is not a word asked: the whole article is
    # quoted; the line saying where the article comes from is a label, never the answer.
    from tracuu.engine import Engine

    result = Engine.build(refs_index, embedder).answerer.ask(question)
    assert title in result.answer and body in result.answer, result.answer


def test_the_type_word_before_a_number_belongs_to_the_mention(resolver):
    question = "Điều 3 Nghị định số 66/2028/NĐ-CP quy định gì?"
    [mention] = resolver.documents.find_in(question)
    assert (mention.key, question[mention.start : mention.end]) == (ND, "Nghị định số 66/2028/NĐ-CP")
