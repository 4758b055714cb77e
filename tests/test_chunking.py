"""Structure-aware chunks: sections found, offsets exact, numbers never cut, settings validated."""

from pathlib import Path

import pytest

from ingest.converters.phapdien import convert_phapdien
from tracuu.citations import find_numbers
from tracuu.document.chunker import ChunkSettings, chunk_document
from tracuu.document.structure import is_legal_text, parse_structure, walk
from tracuu.models import ChunkRecord, SectionPath
from tracuu.text.normalize import clean_document_text

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "439-KH-LDLD-2023.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"


def _plan_text() -> str:
    return clean_document_text(PLAN.read_text(encoding="utf-8"))


def _law_text() -> str:
    return clean_document_text((FIXTURES / "luat-mau-an-toan-lao-dong.txt").read_text(encoding="utf-8"))


def test_plan_sections():
    text = _plan_text()
    assert not is_legal_text(text)
    top = [s.label for s in parse_structure(text)]
    assert top == ["Phần mở đầu", "I", "II", "III", "IV", "Phần kết", "Nơi nhận"]
    labels = {f"{p[-1].label if p else ''}/{s.label}" for s, p in walk(parse_structure(text))}
    assert {"II/3", "3/ý 5", "III/6"} <= labels


@pytest.mark.parametrize(
    ("read", "labels"),
    [
        (["I", "I", "III"], ["I", "II", "III"]),  # OCR read "II." as "I."
        (["I", "II", "II", "IV"], ["I", "II", "III", "IV"]),
        (["I", "II", "I", "II"], ["I", "II", "I", "II"]),  # numbering starting again (an appendix) is kept
        (["I", "III"], ["I", "III"]),  # nothing confirms what is missing
    ],
)
def test_a_plan_heading_misread_by_ocr_takes_the_number_left_free(read, labels):
    text = "".join(f"{n}. PHẦN {k}\n1. Nội dung {k}.\n" for k, n in enumerate(read))
    assert [s.label for s in parse_structure(text)] == labels


def test_plan_chunks_follow_items():
    chunks = chunk_document("kh", _plan_text(), ChunkSettings())
    sections = [c.section for c in chunks]
    assert "IV.1 › ý 3" in sections and "III.5" in sections and "Phần mở đầu" in sections
    deadline = next(c for c in chunks if c.section == "IV.1 › ý 3")
    assert "chậm nhất ngày 01/11/2023" in deadline.text
    assert deadline.context.endswith("1. Liên đoàn Lao động tỉnh.")


def test_law_chunks_by_article_and_clause():
    text = _law_text()
    assert is_legal_text(text)
    whole = chunk_document("luat", text, ChunkSettings(max_chars=1500))
    assert [c.section for c in whole if "Điều 3" in c.section] == ["Chương II › Mục 1 › Điều 3"]
    small = chunk_document("luat", text, ChunkSettings(max_chars=300))
    split = [c.section for c in small if "Điều 3" in c.section]
    assert split == ["Chương II › Mục 1 › Điều 3 › Khoản 1–2", "Chương II › Mục 1 › Điều 3 › Khoản 3–4"]
    second = next(c for c in small if c.section.endswith("Khoản 3–4"))
    assert "Điều 3. Nội dung đối thoại" in second.context  # the article heading travels with the piece
    # The path is data: parts and the article they lie in; the display string is rendered from it.
    assert second.section_path == SectionPath(("Chương II", "Mục 1", "Điều 3", "Khoản 3–4"), article="Điều 3")
    assert ChunkRecord.from_dict(second.to_dict()) == second
    assert second.to_dict()["section"] == second.section


def test_phapdien_articles_carry_their_source():
    html = (FIXTURES / "phap-dien-mau.html").read_text(encoding="utf-8")
    text = clean_document_text(convert_phapdien(html, "x").text)
    chunks = chunk_document("pd", text, ChunkSettings())
    art = next(c for c in chunks if c.section.endswith("Điều 99.1.NĐ.1.39"))
    assert (art.source_number, art.source_key, art.source_article) == ("145/2020/NĐ-CP", "145-2020-ND-CP", "Điều 39")


@pytest.mark.parametrize("max_chars", [200, 300, 700, 1500])
@pytest.mark.parametrize("which", ["plan", "law"])
def test_offsets_exact_and_numbers_whole(which, max_chars):
    text = _plan_text() if which == "plan" else _law_text()
    chunks = chunk_document("d", text, ChunkSettings(max_chars=max_chars))
    assert chunks
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.text == c.text.strip()
        assert len(c.text) <= max_chars
    numbers = find_numbers(text)
    for n in numbers:
        inside = [c for c in chunks if c.start <= n.start < c.end]
        assert all(n.end <= c.end for c in inside), f"{n.number.number} cut at a chunk boundary"
    # Every non-blank character of the body belongs to some chunk (nothing silently dropped).
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    body_start = chunks[0].start
    missing = [i for i in range(body_start, len(text)) if not text[i].isspace() and i not in covered]
    # Only headings of chapters and plan parts are left out: they are context, not passages.
    assert all(_is_heading(text, i) for i in missing)


def _is_heading(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    line = text[line_start : text.find("\n", i)]
    return line.startswith(("Chương ", "Mục ", "I.", "II.", "III.", "IV.")) or line.isupper()


def test_invalid_settings():
    with pytest.raises(ValueError, match="max_chars must be at least 200, got 50"):
        ChunkSettings(max_chars=50)
