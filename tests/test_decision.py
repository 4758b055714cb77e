"""A decision as officers receive it (DOCX in the official layout), its bases on lines of their own ("Căn
cứ …;" one a line), held beside the plan it carries out. Asked what it is based on without its number,
every basis is listed, not only the line closest to the question's words. Its header's number read as
OCR reads it ("QĐÐ", a doubled Đ) is still its own number, never a number it cites."""

from __future__ import annotations

import pytest

from eval.official_layout import official_docx
from tests.conftest import engine_with_plan

RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 20 tháng 5 năm 2024"]
BODY = [
    "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH",
    "Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
    "một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động;",
    "Căn cứ Kế hoạch số 439/KH-LĐLĐ ngày 09/5/2023 của Ban Thường vụ Liên đoàn Lao động tỉnh về công tác dân "
    "vận chính quyền năm 2023;",
    "Xét đề nghị của Ban Chính sách pháp luật,",
    "QUYẾT ĐỊNH:",
    "Điều 1. Thành lập Tổ hỗ trợ đối thoại tại nơi làm việc gồm 05 thành viên, do đồng chí Phó Chủ tịch "
    "Liên đoàn Lao động tỉnh làm Tổ trưởng.",
    "Điều 2. Tổ hỗ trợ công đoàn cơ sở tổ chức đối thoại định kỳ tại 12 doanh nghiệp, hoàn thành trước ngày "
    "15/12/2024.",
    "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
]
RECIPIENTS = ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
SIGNATURE = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "", "Nguyễn Văn Bình"]
BASES = ["145/2020/NĐ-CP", "439/KH-LĐLĐ"]


@pytest.fixture(scope="module", params=["118/QĐ-LĐLĐ", "118/QĐÐ-LĐLĐ"], ids=["typed", "as-ocr-reads-it"])
def engine(request, tmp_path_factory, embedder):

    folder = tmp_path_factory.mktemp("decision")
    left = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH", "BAN THƯỜNG VỤ", f"Số: {request.param}"]
    data = official_docx(
        left,
        RIGHT,
        "QUYẾT ĐỊNH",
        "Về việc thành lập Tổ hỗ trợ đối thoại tại nơi làm việc",
        BODY,
        RECIPIENTS,
        SIGNATURE,
    )
    decision = folder / "quyet-dinh-118.docx"
    decision.write_bytes(data)
    return engine_with_plan(folder, decision, embedder)


def test_the_decision_keeps_its_own_number_and_title(engine):
    numbers = {d.number for d in engine.index.documents.values() if d.status == "full_text"}
    assert numbers == {"118/QĐ-LĐLĐ", "439/KH-LĐLĐ"}
    # The capitals under a title in sentence case name the authority, not more of the title.
    decision = engine.index.documents["118-qd-ldld"]
    assert decision.title == "Về việc thành lập Tổ hỗ trợ đối thoại tại nơi làm việc"


@pytest.mark.parametrize(
    "question",
    [
        "Quyết định thành lập Tổ hỗ trợ đối thoại tại nơi làm việc căn cứ những văn bản nào?",
        "quyet dinh thanh lap to ho tro doi thoai tai noi lam viec can cu vao van ban nao",
        "Quyết định 118 căn cứ những văn bản nào?",
    ],
)
def test_every_basis_is_listed(engine, question):
    from service.sources import ask_response

    response = ask_response(engine, question, 5)
    assert response.found, response.answer
    for basis in BASES:
        assert basis in response.answer, response.answer
    assert "Xét đề nghị" not in response.answer
    for source in response.answer_sources:
        assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text
