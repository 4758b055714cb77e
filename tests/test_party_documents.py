"""A Party committee's document in the Party's layout: "ĐẢNG BỘ TỈNH TÂY NINH / TỈNH ỦY / * / Số 12-CT/TU" on
the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the title in lower case under the type ("CHỈ THỊ" / "về …"),
its basis in a sentence whose body clause holds commas ("…, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ
chức đảng …:")."""

from __future__ import annotations

from eval.official_layout import official_docx
from ingest.metadata import read_header
from tests.conftest import engine_with_plan
from tracuu.citations import extract_citations
from tracuu.text.normalize import clean_document_text

LEFT = ["ĐẢNG BỘ TỈNH TÂY NINH", "TỈNH ỦY", "*", "Số 12-CT/TU"]
RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Tây Ninh, ngày 05 tháng 3 năm 2024"]
TITLE = "về tăng cường sự lãnh đạo của Đảng đối với công tác dân vận chính quyền"
BASIS = (
    "Thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ "
    "thống chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau:"
)


def test_the_header_names_the_committee_with_its_place_and_the_title_under_the_type():
    text = clean_document_text("\n".join([*LEFT, *RIGHT, "CHỈ THỊ", TITLE, BASIS]))
    meta = read_header(text)
    assert (meta.number, meta.doc_type, meta.date) == ("12-CT/TU", "Chỉ thị", "2024-03-05")
    assert meta.issuer == "Tỉnh ủy Tây Ninh"
    assert meta.title == "Về tăng cường sự lãnh đạo của Đảng đối với công tác dân vận chính quyền"


def test_a_line_in_lower_case_is_not_run_into_the_capitals_above_it():
    assert clean_document_text("CHỈ THỊ\nvề tăng cường\n") == "CHỈ THỊ\nvề tăng cường\n"
    assert clean_document_text("Thực hiện tốt\ncác nội dung sau\n") == "Thực hiện tốt các nội dung sau\n"


def test_a_cited_title_ends_where_the_body_clause_begins():
    (cited,) = extract_citations(BASIS)
    assert cited.title == "ban hành Quy chế công tác dân vận của hệ thống chính trị"


def test_the_directive_answers_what_it_is_about(tmp_path, embedder):
    from service.sources import ask_response

    directive = tmp_path / "chi-thi-12.docx"
    body = [BASIS, "1. Ban Dân vận Tỉnh ủy sơ kết việc thực hiện Chỉ thị trước ngày 30/11/2025."]
    directive.write_bytes(
        official_docx(
            LEFT,
            RIGHT,
            "CHỈ THỊ",
            TITLE,
            body,
            ["Nơi nhận:", "- Lưu VP."],
            ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Văn An"],
        )
    )
    engine = engine_with_plan(tmp_path, directive, embedder)
    response = ask_response(engine, "Chỉ thị 12-CT/TU về việc gì?", 5)
    assert response.answer.startswith("Chỉ thị 12-CT/TU: Về tăng cường sự lãnh đạo"), response.answer
    source = response.answer_source
    assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text
