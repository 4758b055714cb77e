"""Citation parsing on real strings from plan 439/KH-LĐLĐ, and number spelling variants."""

from pathlib import Path

import pytest

from tracuu.citations import extract_citations, parse_number, parse_query_refs
from tracuu.text.normalize import clean_document_text

PLAN = Path(__file__).resolve().parent.parent / "corpus" / "plans" / "439-KH-LDLD-2023.txt"

CASES = [
    # (text as written in the plan, key, number, type, date, issuer as cited)
    (
        "Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ về thực hiện dân chủ",
        "4-2015-ND-CP",
        "04/2015/NĐ-CP",
        "Nghị định",
        "2015-01-09",
        "Chính phủ",
    ),
    (
        "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương về việc ban hành Quy chế",
        "23-QD-TW",
        "23-QĐ/TW",
        "Quyết định",
        "2021-07-30",
        "Ban Chấp hành Trung ương",
    ),
    (
        "Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư (khóa XI) về nâng cao hiệu quả",
        "114-KL-TW",
        "114-KL/TW",
        "Kết luận",
        "2015-07-14",
        "Ban Bí thư (khóa XI)",
    ),
    (
        "Hướng dẫn số 41/HD-TLĐ ngày 11/11/2021 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam hướng dẫn công đoàn",
        "41-HD-TLD",
        "41/HD-TLĐ",
        "Hướng dẫn",
        "2021-11-11",
        "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
    ),
    (
        "Công văn số 392-CV/TU, ngày 31/12/2021 của Ban Thường vụ Tỉnh ủy về việc đẩy mạnh",
        "392-CV-TU",
        "392-CV/TU",
        "Công văn",
        "2021-12-31",
        "Ban Thường vụ Tỉnh ủy",
    ),
    (
        "Công văn 403-CV/TU, ngày 11/01/2022 của Ban Thường vụ Tỉnh ủy về việc tăng cường",
        "403-CV-TU",
        "403-CV/TU",
        "Công văn",
        "2022-01-11",
        "Ban Thường vụ Tỉnh ủy",
    ),
    (
        "Chỉ thị số 33/CT-TTg, ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường",
        "33-CT-TTG",
        "33/CT-TTg",
        "Chỉ thị",
        "2021-11-26",
        "Thủ tướng Chính phủ",
    ),
    (
        "Quyết định số 1563/QĐ-UBND ngày 01/8/2022 của Chủ tịch UBND tỉnh ban hành Quy định tiêu chí",
        "1563-QD-UBND",
        "1563/QĐ-UBND",
        "Quyết định",
        "2022-08-01",
        "Chủ tịch UBND tỉnh",
    ),
    (
        "Chương trình phối hợp số 04-CTr/BDVTU-BCSĐUBND ngày 21/10/2021 của Ban Dân vận Tỉnh ủy và Ban cán sự đảng UBND tỉnh về công tác",
        "4-CTR-BDVTU-BCSDUBND",
        "04-CTr/BDVTU-BCSĐUBND",
        "Chương trình phối hợp",
        "2021-10-21",
        "Ban Dân vận Tỉnh ủy và Ban cán sự đảng UBND tỉnh",
    ),
    (
        "Thông tư số 01/2016/TT-BNV ngày 13/01/2016 của Bộ Nội vụ Hướng dẫn một số nội dung",
        "1-2016-TT-BNV",
        "01/2016/TT-BNV",
        "Thông tư",
        "2016-01-13",
        "Bộ Nội vụ",
    ),
    (
        "Quy định 124-QĐ/TW, ngày 02/02/2018 của Ban Bí thư về giám sát",
        "124-QD-TW",
        "124-QĐ/TW",
        "Quy định",
        "2018-02-02",
        "Ban Bí thư",
    ),
]


@pytest.mark.parametrize(("text", "key", "number", "doc_type", "date", "issuer"), CASES)
def test_real_citations(text, key, number, doc_type, date, issuer):
    cites = extract_citations(text)
    assert len(cites) == 1
    c = cites[0]
    assert (c.key, c.number, c.doc_type, c.date, c.issuer) == (key, number, doc_type, date, issuer)
    assert c.start == 0 and text[c.start : c.end].endswith(number)


def test_shared_date_and_issuer():
    text = "theo Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị; Quy định"
    first, second = extract_citations(text)[:2]
    assert (first.key, first.date, first.issuer) == ("217-QD-TW", "2013-12-12", "Bộ Chính trị")
    assert (second.key, second.date, second.issuer) == ("218-QD-TW", "2013-12-12", "Bộ Chính trị")


def test_law_cited_by_name():
    cites = extract_citations(
        "nhất là Triển khai Luật Thực hiện dân chủ ở cơ sở năm 2022 có hiệu lực từ ngày 01/7/2023"
    )
    assert [(c.key, c.doc_type, c.date) for c in cites] == [("luat:thuc hien dan chu o co so", "Luật", "2022")]


def test_law_name_inside_a_title_is_not_a_citation():
    text = (
        "Nghị định số 145/2020/NĐ-CP, ngày 14/12/2020 của Chính phủ Quy định chi tiết một số điều của "
        "Bộ luật lao động về điều kiện lao động; Hướng dẫn"
    )
    assert [c.key for c in extract_citations(text)] == ["145-2020-ND-CP"]


def test_a_title_ends_before_the_clause_opening_the_body():
    """The last citation of a preamble is followed by who issues the text and a colon, not more title."""
    text = (
        "căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ "
        "thống chính trị, Ban Thường vụ Liên đoàn Lao động tỉnh thông báo như sau:\n1. Thời gian"
    )
    [cite] = extract_citations(text)
    assert cite.title == "ban hành Quy chế công tác dân vận của hệ thống chính trị"
    assert text[cite.start : cite.mention_end].endswith("hệ thống chính trị")


def test_a_notice_is_named_by_its_type_and_number():
    refs = parse_query_refs("Thông báo 62 căn cứ những văn bản nào?")
    assert [(r.type_code, r.prefix) for r in refs] == [("TB", "62")]
    assert parse_query_refs("tb 62 gửi ai") == []  # "TB" alone is too short to name a notice


def test_plan_citation_count_pinned():
    """Counted by hand in plan 439/KH-LĐLĐ: 38 references to 27 distinct documents (plus its own number)."""
    text = clean_document_text(PLAN.read_text(encoding="utf-8"))
    cites = [c for c in extract_citations(text) if c.key != "439-KH-LDLD"]
    assert len(cites) == 38
    assert len({c.key for c in cites}) == 27
    assert all(text[c.start : c.end].endswith(c.number) for c in cites if c.number)


@pytest.mark.parametrize(
    "spelling",
    [
        "145/2020/NĐ-CP",
        "145/2020/ND-CP",
        "145/2020/nđ-cp",
        "145/2020/nd-cp",
        "145 / 2020 / NĐ – CP",
        "Nghị định số 145/2020/NĐ-CP",
    ],
)
def test_number_spellings_share_one_key(spelling):
    assert parse_number(spelling).key == "145-2020-ND-CP"


def test_leading_zero_and_dash_variants():
    assert parse_number("4/2015/NĐ-CP").key == parse_number("04/2015/NĐ-CP").key
    assert parse_number("Số: 439 /KH – LĐLĐ").number == "439/KH-LĐLĐ"
    assert parse_number("23-QĐ/TW").key != parse_number("23/CT-TTg").key


def test_a_forms_number_is_no_document():
    """Bộ Pháp điển cites forms of a decree's appendices ("theo Mẫu số 07/PLIII Phụ lục III ban hành kèm theo
    Nghị định …"): the decree is cited, the form is not a document of its own."""
    text = "theo Mẫu số 07/PLIII Phụ lục III ban hành kèm theo Nghị định số 152/2020/NĐ-CP; mẫu 01/PLI"
    assert [c.number for c in extract_citations(text)] == ["152/2020/NĐ-CP"]


@pytest.mark.parametrize(
    ("read", "number"),
    [
        ("Số: 118/QĐĐ-LĐLĐ", "118/QĐ-LĐLĐ"),  # OCR's "QĐÐ" after the normaliser's Ð → Đ
        ("23-QĐĐ/TW", "23-QĐ/TW"),
        ("439/KKH-LĐLĐ", "439/KH-LĐLĐ"),
        ("10/2020/TT-BLĐTBXH", "10/2020/TT-BLĐTBXH"),  # "TT" is a code: no letter is doubled there
        ("05/TTg-KGVX", "05/TTg-KGVX"),  # unknown codes stay as read
        ("12/LĐLĐ-TC", "12/LĐLĐ-TC"),
    ],
)
def test_a_type_code_read_with_a_letter_twice_is_the_code(read, number):
    assert parse_number(read).number == number
    assert parse_number(read).key == parse_number(number).key


@pytest.mark.parametrize("text", ["ngày 01/11/2023", "giai đoạn 2021-2025", "Điều 5-Khoản", "COVID-19", ""])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_query_refs_partial_and_full():
    (ref,) = parse_query_refs("nghi dinh 145 quy dinh gi")
    assert ref.matches("145-2020-ND-CP") and not ref.matches("145-2021-QD-UBND")
    (full,) = parse_query_refs("Nghị định 145/2020/ND-CP")
    assert full.key == "145-2020-ND-CP"
    (law,) = parse_query_refs("luật 10/2022")
    assert law.matches("10-2022-QH15")
