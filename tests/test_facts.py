"""Structured facts of plan 439/KH-LĐLĐ and the fixture law, through the real API."""

from datetime import date

import pytest
from icalendar import Calendar

from tracuu.facts.graph import CitationGraph
from tracuu.facts.models import Facts
from tracuu.index import load_index


def _exact(client, source):
    text = client.get(f"/api/documents/{source['doc_id']}").json()["text"]
    assert text[source["start"] : source["end"]] == source["text"]


def test_plan_deadlines(client):
    items = client.get("/api/facts/deadlines", params={"kind": "due"}).json()["deadlines"]
    plan = [d for d in items if d["source"]["doc_id"] == "439-kh-ldld"]
    assert [(d["date"], d["what"], d["to_whom"]) for d in plan] == [
        ("2023-11-01", "báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2023", "UBND tỉnh (qua Sở Nội vụ)"),
        ("2023-11-01", "gửi hồ sơ chấm điểm", "Sở Nội vụ"),
        ("2023-11-01", "báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2023", "UBND tỉnh (qua Sở Nội vụ)"),
        ("2023-11-01", "gửi hồ sơ chấm điểm", "Sở Nội vụ"),
    ]
    assert {d["who"] for d in plan} == {
        "Liên đoàn Lao động tỉnh",
        "Liên đoàn lao động các huyện, thị xã, thành phố; công đoàn ngành, và tương đương",
    }
    assert [d["source"]["section"] for d in plan] == ["IV.1 › ý 3", "IV.1 › ý 4", "IV.2 › ý 2", "IV.2 › ý 3"]
    for d in plan:
        assert d["date_text"] in d["source"]["text"]
        _exact(client, d["source"])


def test_effective_and_issue_dates(client):
    items = client.get("/api/facts/deadlines").json()["deadlines"]
    assert items == sorted(items, key=lambda d: d["date"])
    effective = {(d["document"], d["date"]) for d in items if d["kind"] == "effective"}
    assert ("10/2022/QH15", "2023-07-01") in effective  # the plan cites the law by name; the manifest names it
    assert ("99/2030/QH99", "2031-01-01") in effective  # "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2031"
    issued = {(d["document"], d["date"]) for d in items if d["kind"] == "issued"}
    assert ("439/KH-LĐLĐ", "2023-05-09") in issued
    for d in items:
        _exact(client, d["source"])


def test_deadline_range_filter(client):
    items = client.get("/api/facts/deadlines", params={"from": "2023-06-01", "to": "2023-12-31"}).json()["deadlines"]
    assert {d["date"] for d in items} == {"2023-07-01", "2023-11-01"}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2023-13-01"},
        {"from": "01/11/2023"},
        {"to": "hôm qua"},
        {"from": "2024-01-01", "to": "2023-01-01"},
        {"kind": "sometime"},
    ],
)
def test_bad_deadline_queries_are_422(client, params):
    r = client.get("/api/facts/deadlines", params=params)
    assert r.status_code == 422 and r.json()["detail"]


def test_ics_imports_the_plan_deadlines(client):
    r = client.get("/api/facts/deadlines.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.content)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    starts = [e.decoded("dtstart") for e in events]
    assert starts.count(date(2023, 11, 1)) == 4
    assert len({str(e["uid"]) for e in events}) == len(events)
    first = next(e for e in events if e.decoded("dtstart") == date(2023, 11, 1))
    assert str(first["summary"]).startswith("Hạn: ")
    assert "/documents/439-kh-ldld#" in str(first["url"])


def test_plan_targets(client):
    targets = [t for t in client.get("/api/facts/targets").json()["targets"] if t["source"]["doc_id"] == "439-kh-ldld"]
    assert [(t["label"], t["value"]) for t in targets] == [
        ("III.1", 100),
        ("III.2", 100),
        ("III.3", 100),
        ("III.4", 100),
        ("III.5", 60),
        ("III.6", 60),
        ("III.6", 90),
    ]
    assert all(t["year"] == 2023 and t["unit"] == "%" for t in targets)
    sixty, ninety = targets[5], targets[6]
    assert sixty["subject"] == "các cơ quan, đơn vị, địa phương"
    assert ninety["subject"].startswith("các liên đoàn lao động huyện")
    assert "xếp loại Tốt" in sixty["description"] and "xếp loại Tốt" in ninety["description"]
    assert targets[4]["subject"] == "công đoàn cơ sở các doanh nghiệp"
    assert "145/2020/NĐ-CP" in targets[4]["description"]
    for t in targets:
        _exact(client, t["source"])


def test_assignments(client):
    items = client.get("/api/facts/assignments").json()["assignments"]
    assigned = [a for a in items if a["kind"] == "assigned"]
    assert assigned[0]["assignee"] == "Ban Chính sách Pháp luật và Quan hệ Lao động"
    assert assigned[0]["task"].startswith("tham mưu Ban Thường vụ xây dựng kế hoạch")
    recipients = [a["assignee"] for a in items if a["kind"] == "recipient"]
    assert recipients == ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Website LĐLĐ tỉnh"]
    signer = [a for a in items if a["kind"] == "signer" and a["source"]["doc_id"] == "439-kh-ldld"]
    assert signer[0]["assignee"] == "Dương Đại Lộc" and "PHÓ CHỦ TỊCH" in signer[0]["task"]
    for a in items:
        _exact(client, a["source"])


def test_citation_graph_covers_every_plan_citation(client):
    graph = client.get("/api/citations").json()
    keys = {d["key"] for d in graph["documents"]}
    assert len(keys) == 27  # counted by hand in the plan (see test_citations.py)
    assert {"23-QD-TW", "145-2020-ND-CP", "1563-QD-UBND", "10-2022-QH15"} <= keys
    levels = {d["key"]: d["level"] for d in graph["documents"]}
    assert levels["23-QD-TW"] == "Trung ương Đảng" and levels["1563-QD-UBND"] == "Tỉnh"
    assert levels["41-HD-TLD"] == "Công đoàn" and levels["33-CT-TTG"] == "Chính phủ, Thủ tướng"
    section = next(s for s in graph["sections"] if s["section"] == "II.3 › ý 1")
    assert {"120-KL-TW", "4-2015-ND-CP", "145-2020-ND-CP", "41-HD-TLD", "10-2022-QH15"} <= set(section["cites"])


@pytest.mark.parametrize("spelling", ["145/2020/NĐ-CP", "145%2F2020%2FND-CP", "145/2020/nd-cp", "nghị định 145"])
def test_one_cited_document_any_spelling(client, spelling):
    r = client.get(f"/api/citations/{spelling}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["number"] == "145/2020/NĐ-CP"
    assert body["holding"] == "codified"  # its articles are in the fixture Bộ Pháp điển page
    assert any(p["passage"]["section"] == "III.5" for p in body["cited_in"])
    assert body["articles"] and body["articles"][0]["number"] == "145/2020/NĐ-CP"
    for p in body["cited_in"]:
        _exact(client, p["citation"])
        assert p["citation"]["text"] in p["passage"]["text"]


def test_citation_only_document_says_so(client):
    body = client.get("/api/citations/23-QĐ%2FTW").json()
    assert body["holding"] == "citation_only" and body["validity"]["status"] == "unknown"
    assert body["title"].startswith("về việc ban hành Quy chế công tác dân vận")
    assert body["articles"] == []


def test_validity_from_the_corpus(client):
    ended = client.get("/api/citations/77/2015/NĐ-CP").json()["validity"]
    assert ended["status"] == "ended" and ended["ended_on"] == "2016-06-01" and ended["ended_by"] == "Luật 99/2030/QH99"
    pending = client.get("/api/citations/12/2010/NĐ-CP").json()["validity"]
    assert pending["status"] == "in_force" and pending["ended_on"] == "2031-01-01"  # ends when the law takes effect
    future = client.get("/api/citations/99/2030/QH99").json()["validity"]
    assert future["status"] == "not_yet" and future["effective_from"] == "2031-01-01"


@pytest.mark.parametrize("number", ["999/QĐ-XYZ", "..%2F..%2Fetc%2Fpasswd", "khong-co", "x" * 121])
def test_unknown_number_is_4xx(client, number):
    r = client.get(f"/api/citations/{number}")
    assert r.status_code in (404, 422) and r.json()["detail"]


def test_law_cited_by_name_is_found(fixture_index):
    index = load_index(fixture_index)
    graph = CitationGraph(index, Facts.from_dict(index.facts))
    assert graph.find("Luật Thực hiện dân chủ ở cơ sở").number == "10/2022/QH15"
    assert graph.find("luat 10/2022").key == "10-2022-QH15"


@pytest.mark.parametrize(
    "closing",
    [
        # DOCX: the recipients' column, then the signature's.
        "Nơi nhận:\n- LĐLĐ các huyện;\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH\nLê Văn Nam\n",
        # OCR of a scan: the two columns read line by line, a recipient's line between the role and the name.
        "Nơi nhận:\n- LĐLĐ các huyện;\nTM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH\n- Lưu: VT.\nLê Văn Nam\n",
    ],
)
def test_the_signer_is_read_whichever_order_the_columns_come_in(closing):
    from tracuu.facts.assignments import signers
    from tracuu.models import DocumentRecord

    text = "Điều 1. Thành lập Tổ công tác.\n" + closing
    (signed,) = signers(DocumentRecord("d", text))
    assert signed.assignee == "Lê Văn Nam"
    assert signed.task == "ký: TM. BAN THƯỜNG VỤ – PHÓ CHỦ TỊCH"
    assert text[signed.span.start : signed.span.end].endswith("Lê Văn Nam")


def test_two_agencies_signing_together_are_both_signers():
    """A joint programme's two signature columns, read one after the other: each name under its own role."""
    from tracuu.facts.assignments import signers
    from tracuu.models import DocumentRecord

    closing = (
        "Nơi nhận:\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ LĐLĐ TỈNH\nCHỦ TỊCH\nNguyễn Văn Hải\n"
        "GIÁM ĐỐC SỞ NỘI VỤ\nTrần Thanh Tâm\n"
    )
    text = "1. Phối hợp tuyên truyền.\n" + closing
    signed = signers(DocumentRecord("d", text))
    assert [(s.assignee, s.task) for s in signed] == [
        ("Nguyễn Văn Hải", "ký: TM. BAN THƯỜNG VỤ LĐLĐ TỈNH – CHỦ TỊCH"),
        ("Trần Thanh Tâm", "ký: GIÁM ĐỐC SỞ NỘI VỤ"),
    ]
    assert [text[s.span.start : s.span.end] for s in signed] == [
        "TM. BAN THƯỜNG VỤ LĐLĐ TỈNH\nCHỦ TỊCH\nNguyễn Văn Hải",
        "GIÁM ĐỐC SỞ NỘI VỤ\nTrần Thanh Tâm",
    ]


def test_a_recipients_line_last_is_no_signer():
    from tracuu.facts.assignments import signers
    from tracuu.models import DocumentRecord

    assert signers(DocumentRecord("d", "Nơi nhận:\n- Như trên;\n- Lưu VT\n")) == []
