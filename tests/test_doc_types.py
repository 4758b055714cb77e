"""One vocabulary of document types feeds numbers, citations, headers, questions and labels."""

import pytest

from ingest.metadata import read_header
from tracuu.answer.router import classify
from tracuu.citations import extract_citations, parse_number, parse_query_refs
from tracuu.models import DocumentRecord
from tracuu.text.doc_types import DOC_TYPES, TYPE_BY_CODE, by_name, document_label


@pytest.mark.parametrize("doc_type", [t for t in DOC_TYPES if t.short])
def test_every_coded_type_is_read_from_numbers_and_running_text(doc_type):
    number = f"12/{doc_type.short}-UBND"
    expected = TYPE_BY_CODE[doc_type.code]  # "Quy định" shares QĐ with "Quyết định": a bare number means the latter
    assert parse_number(number).doc_type == expected
    cites = extract_citations(f"thực hiện {doc_type.name} số {number} ngày 01/02/2023")
    assert [(c.number, c.doc_type) for c in cites] == [(number, doc_type.name)]


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_every_type_is_read_from_a_header(doc_type):
    header = f"ỦY BAN NHÂN DÂN TỈNH\nSố: 12/UBND\n{doc_type.name.upper()}\nVề việc thử nghiệm\nCăn cứ …"
    meta = read_header(header)
    assert (meta.doc_type, meta.title) == (doc_type.name, "Về việc thử nghiệm")
    assert by_name(doc_type.name.upper()) is doc_type


@pytest.mark.parametrize("doc_type", [t for t in DOC_TYPES if t.governs and t.code])
def test_questions_name_governing_types(doc_type):
    from tracuu.text.normalize import fold

    refs = parse_query_refs(f"{fold(doc_type.name)} 45 noi gi")
    assert [(r.type_code, r.prefix) for r in refs] == [(doc_type.code, "45")]
    assert classify(f"{doc_type.name} nào quy định việc này?") == "governing"


def test_reports_are_not_document_references_in_questions():
    assert parse_query_refs("báo cáo 6 tháng đầu năm gửi ai") == []


def test_one_label():
    assert document_label("Nghị định", "145/2020/NĐ-CP", "Quy định chi tiết") == "Nghị định 145/2020/NĐ-CP"
    assert document_label(None, "145/2020/NĐ-CP") == "145/2020/NĐ-CP"
    assert document_label("Đề mục Pháp điển", None, "Đề mục 44.13") == "Đề mục 44.13"
    assert document_label("Luật", None) == "Luật"
    assert DocumentRecord("d", "", number=None, doc_type=None).label == "d"
