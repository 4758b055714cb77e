"""A report (báo cáo) as officers receive it: DOCX in the official layout with a Word table of figures, held
beside the plan it reports on. What was achieved is answered from the report's figures, never as a target;
a target of the next year is that year's; a part asked for ("những hạn chế gì") is quoted with its text."""

from __future__ import annotations

import pytest

from eval.official_layout import official_docx, with_table
from tests.conftest import engine_with_plan

LEFT = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH", "BAN THƯỜNG VỤ", "Số: 301/BC-LĐLĐ"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 10 tháng 12 năm 2024"]
BODY = [
    "Thực hiện Kế hoạch số 439/KH-LĐLĐ ngày 09/5/2023 của Ban Thường vụ Liên đoàn Lao động tỉnh, Ban Thường vụ "
    "báo cáo kết quả công tác dân vận chính quyền năm 2024 như sau:",
    "I. KẾT QUẢ THỰC HIỆN",
    "1. Tổ chức Hội nghị người lao động: toàn tỉnh có 412/450 doanh nghiệp có tổ chức công đoàn cơ sở tổ chức "
    "Hội nghị người lao động, đạt 91,5%.",
    "2. Đối thoại tại nơi làm việc: kết quả theo từng huyện như sau:",
    "[[bảng]]",
    "II. HẠN CHẾ",
    "Một số doanh nghiệp ngoài nhà nước chưa tổ chức đối thoại định kỳ; nội dung đối thoại còn hình thức.",
    "III. PHƯƠNG HƯỚNG NĂM 2025",
    "Phấn đấu 95% doanh nghiệp có tổ chức công đoàn cơ sở tổ chức Hội nghị người lao động.",
]
ROWS = [
    ["STT", "Huyện, thị xã, thành phố", "Số cuộc đối thoại", "Số kiến nghị"],
    ["1", "Thành phố Tây Ninh", "58", "120"],
    ["2", "Thị xã Trảng Bàng", "97", "245"],
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("report")
    report = folder / "bao-cao-301.docx"
    title = "Kết quả công tác dân vận chính quyền năm 2024"
    data = official_docx(
        LEFT, RIGHT, "BÁO CÁO", title, BODY, ["Nơi nhận:", "- Lưu: VT."], ["PHÓ CHỦ TỊCH", "Trần Văn Hùng"]
    )
    report.write_bytes(with_table(data, "[[bảng]]", ROWS))
    return engine_with_plan(folder, report, embedder)


@pytest.mark.parametrize(
    ("question", "states", "never"),
    [
        # What was achieved: the report's figure, not next year's target stated as this year's.
        ("ty le doanh nghiep to chuc hoi nghi nguoi lao dong nam 2024 dat bao nhieu phan tram", "91,5%", "95%"),
        ("Thị xã Trảng Bàng có bao nhiêu cuộc đối thoại tại nơi làm việc?", "Thị xã Trảng Bàng | 97", "Gò Dầu"),
        # A part asked for is quoted with its text, and ends where the next part begins.
        ("Báo cáo 301 có những hạn chế gì?", "chưa tổ chức đối thoại định kỳ", "PHƯƠNG HƯỚNG"),
    ],
)
def test_the_report_answers_from_its_own_lines(engine, question, states, never):
    from service.sources import ask_response

    response = ask_response(engine, question, 5)
    assert response.found, response.answer
    assert states in response.answer, response.answer
    assert never not in response.answer, response.answer
    for source in response.answer_sources:
        assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text


def test_a_target_under_next_years_heading_is_next_years(engine):
    targets = [t for t in engine.facts.targets if t.span.doc_id == "301-bc-ldld"]
    assert [(t.value, t.year) for t in targets] == [(95.0, 2025)]
