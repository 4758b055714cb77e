"""Officers' words read as the texts' wording: one test per entry of tracuu/data/vocabulary.toml, accented
and not, plus the abbreviations a text defines itself and those read off its words' initials."""

from __future__ import annotations

import pytest

from tracuu.text.normalize import fold
from tracuu.text.vocabulary import Term, Vocabulary

TERMS = Vocabulary.bundled().terms


@pytest.mark.parametrize("term", TERMS, ids=[t.say for t in TERMS])
def test_entry_reads_as_the_legal_wording(term):
    vocabulary = Vocabulary.bundled()
    lead = "hỏi về 6" if term.after_number else "hỏi về"
    for typed in {term.say, fold(term.say), term.say.upper()}:
        question = f"{lead} {typed} theo quy định"
        expanded = vocabulary.expand(question)
        assert expanded == f"{lead} {term.means} theo quy định", (typed, expanded)
        assert vocabulary.expand(expanded) == expanded  # the legal wording is left as it is


@pytest.mark.parametrize("term", [t for t in TERMS if t.not_after or t.not_before], ids=lambda t: t.say)
def test_entry_inside_another_term_is_left_alone(term):
    vocabulary = Vocabulary.bundled()
    for word in term.not_after:
        assert vocabulary.expand(f"{word} {term.say}") == f"{word} {term.say}"
    for word in term.not_before:
        assert vocabulary.expand(f"{term.say} {word}") == f"{term.say} {word}"


def test_an_entry_for_a_unit_applies_only_after_a_number():
    vocabulary = Vocabulary.bundled()
    assert vocabulary.expand("làm 6 tiếng liên tục") == "làm 6 giờ liên tục"
    assert vocabulary.expand("học tiếng Việt") == "học tiếng Việt"


def test_other_accents_and_document_numbers_are_not_rewritten():
    vocabulary = Vocabulary.bundled()
    assert vocabulary.expand("vấn đề nghị đề") == "vấn đề nghị đề"  # "nghị đề" is not "nghỉ đẻ"
    assert vocabulary.expand("thuong luong tap the") == "thuong luong tap the"  # "thương lượng", not "lương"
    assert vocabulary.expand("Kế hoạch 439/KH-LĐLĐ") == "Kế hoạch 439/KH-LĐLĐ"  # an identifier, never split


def test_abbreviations_a_text_defines_are_learned_from_it():
    text = (
        "Đẩy mạnh cải cách hành chính (CCHC), thỏa ước lao động tập thể (TƯLĐTT) và bảo vệ quyền của "
        "đoàn viên công đoàn (sau đây gọi tắt là ĐVCĐ); ủy ban kiểm tra (UBKT) của công đoàn cơ sở (CSX)."
    )
    vocabulary = Vocabulary([Term("NLĐ", "người lao động")]).with_texts([text])
    assert vocabulary.expand("Kết quả CCHC năm 2023") == "Kết quả cải cách hành chính năm 2023"
    assert vocabulary.expand("ket qua cchc") == "ket qua cải cách hành chính"
    assert vocabulary.expand("quyền của ĐVCĐ") == "quyền của đoàn viên công đoàn"
    assert vocabulary.expand("UBKT") == "ủy ban kiểm tra"
    assert vocabulary.expand("CSX") == "CSX"  # letters that are not the initials of the words before


def test_other_capitals_are_read_as_the_words_of_the_texts_with_those_initials():
    texts = [
        "Bộ Nội vụ giúp Chính phủ quản lý nhà nước về thực hiện dân chủ ở cơ sở.",
        "Ủy ban nhân dân cấp tỉnh thực hiện quản lý nhà nước về lao động tại địa phương.",
        "Thanh tra quản lý nhà nước; báo cáo quản lý nhà nước; kinh phí quản lý nhà nước.",
        *["Tổ chức đại hội; tổ chức hội nghị; tài chính công đoàn; tài chính cơ sở; thủ công mỹ nghệ."] * 3,
        "Nghị định này quy định chi tiết; nộp đơn; nhận định; người đại diện; nghị định.",
    ]
    vocabulary = Vocabulary([]).with_texts(texts)
    assert vocabulary.expand("QLNN về lao động") == "quản lý nhà nước về lao động"
    assert vocabulary.expand("Thẩm quyền QLNN ve lao dong") == "Thẩm quyền quản lý nhà nước ve lao dong"
    assert vocabulary.expand("TC cơ sở") == "TC cơ sở"  # tổ chức, tài chính, thủ công: none is most of them
    assert vocabulary.expand("NĐ 145 quy định gì") == "NĐ 145 quy định gì"  # a document type: references read it
    assert vocabulary.expand("Điều 20.2.QLNN.3 và 12/2020/QLNN") == "Điều 20.2.QLNN.3 và 12/2020/QLNN"
    # A question of many capitals is read no further than a dozen: any letters may be typed, each costs a scan.
    many = " ".join(["XY"] * 12 + ["QLNN"])
    assert vocabulary.expand(many) == many


def test_officers_words_find_the_same_passages_as_the_legal_wording(client):
    def first(q: str) -> list[tuple[str, int]]:
        return [
            (r["doc_id"], r["start"]) for r in client.get("/api/search", params={"q": q, "top_k": 3}).json()["results"]
        ]

    assert first("NLĐ tham gia đối thoại định kỳ") == first("người lao động tham gia đối thoại định kỳ")
    assert first("CĐCS phổ biến kết quả đối thoại") == first("công đoàn cơ sở phổ biến kết quả đối thoại")
    # Typed without accents, both read alike: the accents are put back for the embedder (tracuu/text/accents.py).
    assert first("cdcs pho bien ket qua doi thoai") == first("cong doan co so pho bien ket qua doi thoai")
