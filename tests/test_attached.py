"""A decision and the regulation it issues, in one file as officers receive it ("QUY CHẾ … (Ban hành kèm theo
Quyết định số …)" after the decision's articles): the regulation is a part of its own, its articles numbered
anew, so "Điều 1" of the decision is never run together with "Điều 1" of the regulation."""

from __future__ import annotations

import pytest

from eval.official_layout import official_docx
from tests.conftest import engine_with_plan
from tracuu.document.structure import parse_structure

LEFT = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH", "BAN CHẤP HÀNH", "Số: 88/QĐ-LĐLĐ"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 15 tháng 01 năm 2025"]
DECISION = [
    "BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH",
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ban Chấp hành Liên đoàn Lao động tỉnh.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
]
REGULATION = [
    "QUY CHẾ",
    "Làm việc của Ban Chấp hành Liên đoàn Lao động tỉnh Tây Ninh",
    "(Ban hành kèm theo Quyết định số 88/QĐ-LĐLĐ ngày 15/01/2025 của Ban Chấp hành Liên đoàn Lao động tỉnh)",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định chế độ làm việc của Ban Chấp hành, Ban Thường vụ Liên đoàn Lao động tỉnh.",
    "Chương II",
    "CHẾ ĐỘ LÀM VIỆC",
    "Điều 2. Chế độ họp",
    "1. Ban Chấp hành họp thường kỳ 06 tháng một lần.",
    "2. Ban Thường vụ họp thường kỳ mỗi tháng một lần.",
]


def test_the_regulation_is_a_part_of_its_own():
    roots = parse_structure("\n".join(["QUYẾT ĐỊNH", *DECISION, *REGULATION]) + "\n")
    attached = roots[-1]
    assert attached.label == "Kèm theo: Quy chế"
    assert [c.label for c in attached.children] == ["Chương I", "Chương II"]
    decision_articles = [s.label for s in roots if s.kind == "article"]
    assert decision_articles == ["Điều 1", "Điều 2"]
    assert all(s.end <= attached.start for s in roots[:-1])


def test_a_type_line_without_kem_theo_is_no_part():
    text = "Điều 1. Một.\nQUY CHẾ\nLàm việc\nĐiều 2. Hai.\n"
    assert [s.label for s in parse_structure(text)] == ["Điều 1", "Điều 2"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("attached")
    decision = folder / "quyet-dinh-88.docx"
    title = "Ban hành Quy chế làm việc của Ban Chấp hành Liên đoàn Lao động tỉnh"
    decision.write_bytes(
        official_docx(
            LEFT,
            RIGHT,
            "QUYẾT ĐỊNH",
            title,
            DECISION + REGULATION,
            ["Nơi nhận:", "- Lưu: VT."],
            ["CHỦ TỊCH", "Nguyễn Thành Công"],
        )
    )
    return engine_with_plan(folder, decision, embedder)


@pytest.mark.parametrize(
    ("question", "begins", "never", "label"),
    [
        ("Điều 1 Quyết định 88", "Điều 1. Ban hành kèm theo", "Phạm vi điều chỉnh", "Điều 1 Quyết định 88/QĐ-LĐLĐ"),
        ("Điều 2 Quyết định 88/QĐ-LĐLĐ", "Điều 2. Quyết định này có hiệu lực", "Chế độ họp", "Điều 2 Quyết định"),
        (
            "Điều 2 Quy chế kèm theo Quyết định 88 quy định gì?",
            "Điều 2. Chế độ họp",
            "có hiệu lực kể từ ngày ký",
            "Điều 2 Quy chế kèm theo Quyết định 88/QĐ-LĐLĐ",
        ),
    ],
)
def test_each_article_is_its_own_documents(engine, question, begins, never, label):
    from service.sources import ask_response

    response = ask_response(engine, question, 5)
    source = response.answer_source
    assert source is not None, response.answer
    assert source.text.startswith(begins), source.text
    assert never not in source.text, source.text
    assert response.answer.startswith(label), response.answer
    assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text


def test_the_regulations_passages_say_where_they_stand(engine):
    from service.sources import ask_response

    response = ask_response(engine, "Ban Thường vụ Liên đoàn Lao động tỉnh họp thường kỳ bao lâu một lần?", 5)
    assert "mỗi tháng một lần" in response.answer, response.answer
    assert response.answer_source.section.startswith("Kèm theo: Quy chế › Chương II › Điều 2"), response.answer


def test_the_regulations_article_is_found_by_the_regulations_name_alone(engine):
    """ "Điều 1 Quy chế làm việc …" names no document the resolver knows; the words find the decision that
    issues the regulation, and its regulation's "Điều 1" answers, not the decision's."""
    from service.sources import ask_response

    response = ask_response(engine, "Điều 1 Quy chế làm việc của Ban Chấp hành", 5)
    assert response.answer.startswith("Điều 1 Quy chế kèm theo Quyết định 88/QĐ-LĐLĐ"), response.answer
    assert "Ban hành kèm theo Quyết định này" not in response.answer, response.answer
    assert response.answer_source.section.startswith("Kèm theo: Quy chế"), response.answer_source.section
