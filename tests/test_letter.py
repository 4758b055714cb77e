"""An official letter (công văn) as officers receive it: its number carries no type ("Số: 215/LĐLĐ-CSPL"),
its subject stands under the number ("V/v …") and its body opens with "Kính gửi: …". Held beside the plan,
it is named "Công văn 215", and what it is about, whom it is sent to, its deadline and where the report
goes, its basis, date and signer are answered from its own lines, each with its exact span."""

from __future__ import annotations

import pytest

from eval.official_layout import official_docx
from ingest.metadata import read_header
from tests.conftest import engine_with_plan

LEFT = [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH",
    "Số: 215/LĐLĐ-CSPL",
    "V/v báo cáo tình hình tổ chức đối thoại tại nơi làm việc năm 2024",
]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 02 tháng 12 năm 2024"]
BODY = [
    "Kính gửi: Liên đoàn Lao động các huyện, thị xã, thành phố.",
    "Thực hiện Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ, Liên đoàn Lao động tỉnh đề nghị Liên "
    "đoàn Lao động các huyện, thị xã, thành phố thực hiện một số nội dung sau:",
    "1. Tổng hợp số doanh nghiệp đã tổ chức đối thoại định kỳ tại nơi làm việc năm 2024, số cuộc đối thoại đột "
    "xuất và các kiến nghị của người lao động.",
    "2. Báo cáo bằng văn bản về Ban Chính sách pháp luật Liên đoàn Lao động tỉnh trước ngày 20/12/2024, đồng thời "
    "gửi bản điện tử qua hộp thư công vụ.",
    "Liên đoàn Lao động tỉnh đề nghị các đơn vị quan tâm thực hiện./.",
]
RECIPIENTS = ["Nơi nhận:", "- Như trên;", "- Thường trực LĐLĐ tỉnh;", "- Lưu: VT, CSPL."]
SIGNATURE = ["TL. BAN THƯỜNG VỤ", "TRƯỞNG BAN CHÍNH SÁCH PHÁP LUẬT", "", "Phạm Thị Lan"]

QUESTIONS = [  # (as an officer types it, what the answer must state)
    ("Công văn 215 về việc gì?", "Báo cáo tình hình tổ chức đối thoại tại nơi làm việc năm 2024"),
    ("cong van 215 gui cho ai", "Liên đoàn Lao động các huyện, thị xã, thành phố"),
    ("Hạn báo cáo tình hình đối thoại tại nơi làm việc năm 2024 là ngày nào?", "20/12/2024"),
    ("Báo cáo đối thoại tại nơi làm việc năm 2024 gửi về bộ phận nào?", "Ban Chính sách pháp luật"),
    ("Công văn 215 căn cứ văn bản nào?", "145/2020/NĐ-CP"),
    ("Công văn 215 ban hành ngày nào?", "02/12/2024"),
    ("Ai ký công văn 215?", "Phạm Thị Lan"),
]


@pytest.mark.parametrize(
    "header",
    [
        # Columns one after the other (DOCX tables, most PDFs, OCR), the subject wrapped by its cell.
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH\nSố: 215/LĐLĐ-CSPL\nV/v báo cáo tình hình tổ chức đối thoại\n"
        "tại nơi làm việc năm 2024\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Tây Ninh, ngày 02 tháng 12 năm 2024\nKính gửi: Liên đoàn Lao động các huyện.\n",
        # Side by side on each line (some PDFs).
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 215/LĐLĐ-CSPL    Độc lập - Tự do - Hạnh phúc\n"
        "V/v báo cáo tình hình tổ chức đối thoại    Tây Ninh, ngày 02 tháng 12 năm 2024\n"
        "tại nơi làm việc năm 2024\nKính gửi: Liên đoàn Lao động các huyện.\n",
        # A text PDF of a short letter: the signer's title wrapped, "LUẬT" alone on a line is no type line.
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY\nNINH\nSố: 215/LĐLĐ-CSPL\n"
        "V/v báo cáo tình hình tổ chức đối thoại tại nơi làm việc năm 2024\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\n"
        "Tây Ninh, ngày 02 tháng 12 năm 2024\nKính gửi: Liên đoàn Lao động các huyện.\n1. Tổng hợp.\n"
        "Nơi nhận:\n- Như trên;\nTL. BAN THƯỜNG VỤ\nTRƯỞNG BAN CHÍNH SÁCH PHÁP\nLUẬT\nPhạm Thị Lan\n",
    ],
    ids=["columns", "side-by-side", "short-pdf"],
)
def test_a_letters_header_gives_its_type_and_subject(header):
    meta = read_header(header)
    assert (meta.number, meta.doc_type, meta.date) == ("215/LĐLĐ-CSPL", "Công văn", "2024-12-02")
    assert meta.title == "Báo cáo tình hình tổ chức đối thoại tại nơi làm việc năm 2024"


def test_a_header_with_a_type_line_is_no_letter():
    meta = read_header(
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH\nSố: 62/TB-LĐLĐ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÔNG BÁO\nVề việc họp\n"
    )
    assert (meta.doc_type, meta.title) == ("Thông báo", "Về việc họp")


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("letter")
    letter = folder / "cong-van-215.docx"
    letter.write_bytes(official_docx(LEFT, RIGHT, "", "", BODY, RECIPIENTS, SIGNATURE))
    return engine_with_plan(folder, letter, embedder)


@pytest.mark.parametrize(("question", "states"), QUESTIONS)
def test_the_letter_answers_from_its_own_lines(engine, question, states):
    from service.sources import ask_response

    response = ask_response(engine, question, 5)
    assert response.found, response.answer
    assert states in response.answer, response.answer
    assert response.answer_sources and all(s.doc_id == "215-ldld-cspl" for s in response.answer_sources)
    for source in response.answer_sources:
        assert engine.index.documents[source.doc_id].text[source.start : source.end] == source.text


def test_a_letters_addressee_is_not_another_documents_recipient(engine):
    """Asked whom plan 439 is sent to, its own "Nơi nhận" answers, never the letter's addressee."""
    from service.sources import ask_response

    response = ask_response(engine, "Kế hoạch 439 gửi cho ai?", 5)
    assert response.found, response.answer
    assert all(s.doc_id == "439-kh-ldld" for s in response.answer_sources), response.answer
