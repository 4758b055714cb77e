"""A notice as officers receive it (DOCX in the official layout, and the Word 97 file LibreOffice saves from
it), held beside the plan it carries out: what it is based on, where and when the meeting is, who attends
and who signed are answered from the notice, each quoting its exact passage."""

from __future__ import annotations

import shutil

import pytest

from eval.official_layout import official_docx
from tests.conftest import engine_with_plan

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="run scripts/system-deps.sh: no soffice")

LEFT = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH", "BAN THƯỜNG VỤ", "Số: 62/TB-LĐLĐ"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 15 tháng 3 năm 2024"]
BODY = [
    "Thực hiện Kế hoạch số 439/KH-LĐLĐ ngày 09/5/2023 của Ban Thường vụ Liên đoàn Lao động tỉnh về công tác dân "
    "vận chính quyền năm 2023; căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế "
    "công tác dân vận của hệ thống chính trị, Ban Thường vụ Liên đoàn Lao động tỉnh thông báo như sau:",
    "1. Thời gian: 01 ngày, ngày 28/3/2024.",
    "2. Địa điểm: Hội trường Liên đoàn Lao động tỉnh.",
    "3. Thành phần: Chủ tịch công đoàn cơ sở trực thuộc, cán bộ công đoàn chuyên trách.",
    "4. Nội dung: quán triệt Luật Thực hiện dân chủ ở cơ sở năm 2022.",
]
RECIPIENTS = ["Nơi nhận:", "- Các CĐCS trực thuộc;", "- Lưu: VT."]
SIGNATURE = ["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "", "Trần Thị Hoa"]

QUESTIONS = [  # (as an officer types it, what the answer must state, what it must not)
    ("Thông báo 62 căn cứ những văn bản nào?", ["439/KH-LĐLĐ", "23-QĐ/TW"], ["thông báo như sau"]),
    ("Hội nghị tập huấn dân vận chính quyền năm 2024 tổ chức ở đâu?", ["Hội trường Liên đoàn Lao động tỉnh"], []),
    ("hoi nghi tap huan dan van chinh quyen nam 2024 to chuc khi nao", ["28/3/2024"], []),
    ("Những ai dự hội nghị tập huấn dân vận chính quyền năm 2024?", ["Chủ tịch công đoàn cơ sở trực thuộc"], []),
    ("Ai ký thông báo 62?", ["Trần Thị Hoa"], ["Dương Đại Lộc"]),
    ("Ai ký Kế hoạch 439?", ["Dương Đại Lộc"], ["Trần Thị Hoa"]),
]


@pytest.fixture(scope="module", params=["docx", "doc"])
def engine(request, tmp_path_factory, embedder):
    from ingest.tools import soffice

    folder = tmp_path_factory.mktemp(f"notice-{request.param}")
    data = official_docx(
        LEFT,
        RIGHT,
        "THÔNG BÁO",
        "Về việc tổ chức Hội nghị tập huấn công tác dân vận chính quyền năm 2024",
        BODY,
        RECIPIENTS,
        SIGNATURE,
    )
    if request.param == "doc":
        data = soffice.to_format(data, ".docx", "doc")
    notice = folder / f"thong-bao-62.{request.param}"
    notice.write_bytes(data)
    return engine_with_plan(folder, notice, embedder)


@pytest.mark.parametrize(("question", "states", "never"), QUESTIONS)
def test_the_notice_answers_from_its_own_lines(engine, question, states, never):
    from service.sources import ask_response

    response = ask_response(engine, question, 5)
    assert response.found, response.answer
    for fact in states:
        assert fact in response.answer, response.answer
    for wrong in never:
        assert wrong not in response.answer, response.answer
    source = response.answer_source
    assert source is not None
    assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text


def test_a_signer_not_in_the_documents_is_not_found(engine):
    """Asked of a document held only as a citation, "who signed" is not answered with a plan's signer."""
    from service.sources import ask_response

    response = ask_response(engine, "Ai ký Quyết định 23-QĐ/TW?", 5)
    assert not response.found and "người ký" in response.answer, response.answer
