"""Adversarial inputs for the patterns that read document text, and their cost (issue 11).

Each case builds an input of size ``n`` and runs it through the public function that uses the
pattern. ``python -m eval.adversarial`` times every case at the size the issue measured;
``tests/test_linear_patterns.py`` times them at n and 4n and fails when the cost grows faster
than linearly.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Case", "CASES", "best_time"]


@dataclass(frozen=True)
class Case:
    name: str
    what: str  # the input, as the issue describes it
    issue_n: int  # the size the issue measured
    make: Callable[[int], object]  # n -> input
    run: Callable[[object], object]  # input -> result (through the public function)


def _italic(n: int) -> str:
    return "*a " * n


def _clean(text: object) -> object:
    from tracuu.text.normalize import clean_document_text

    return clean_document_text(text)  # type: ignore[arg-type]


def _page_number_pdf(n: int) -> bytes:
    from fpdf import FPDF  # a test dependency: real PDFs for the benchmark too

    doc = FPDF(format=(60000, 300), unit="pt")
    doc.set_font("helvetica", size=8)
    doc.add_page()
    doc.text(10, 20, "Điều 1. Phạm vi".encode("ascii", "replace").decode())
    doc.text(10, 60, "-" + " " * n + "x")  # the page's last line: a dash, spaces, a letter
    return bytes(doc.output())


def _convert_pdf(data: object) -> object:
    from ingest.converters.pdf import convert_pdf

    return convert_pdf(data, "adversarial.pdf")  # type: ignore[arg-type]


def _law_names(n: int) -> str:
    return "Luật A " * n + "-x"


def _segment(n: int) -> str:
    return "1/" + "A" * n + "É"


def _citations(text: object) -> object:
    from tracuu.citations import extract_citations

    return extract_citations(text)  # type: ignore[arg-type]


def _submit_unit(n: int) -> str:
    # A plan item: "gửi về" over and over, a date (not after "ngày") every 20 of them, in one unit (no ";").
    words = [f"{1 + i % 28}/{1 + i % 12}/2024" if i % 20 == 19 else "gửi về" for i in range(n // 7)]
    return "- Các đơn vị " + " ".join(words)


def _deadlines(text: object) -> object:
    from tracuu.facts.deadlines import deadlines_in_unit
    from tracuu.facts.walk import units_of
    from tracuu.models import ChunkRecord, DocumentRecord, SectionPath

    text = str(text)
    doc = DocumentRecord("ke-hoach", text, doc_type="Kế hoạch", date="2023-01-01")
    chunk = ChunkRecord(
        "ke-hoach#0",
        "ke-hoach",
        SectionPath(("III. TỔ CHỨC THỰC HIỆN", "1")),
        0,
        len(text),
        text,
        ("III. TỔ CHỨC THỰC HIỆN", "1. Liên đoàn Lao động tỉnh"),
    )
    return [d for u in units_of(doc, [chunk], []) for d in deadlines_in_unit(u, doc.date, True)]


def _punycode_html(n: int) -> bytes:
    # Punycode decodes the letters after the last "-" as insertions: quadratic in their number.
    return b'<html><head><meta charset="punycode"></head><body><p>Dieu 1 -' + b"a" * n + b"</p></body></html>"


def _convert_html(data: object) -> object:
    from ingest.converters.html import convert_html

    return convert_html(data, "adversarial.html")  # type: ignore[arg-type]


def _dangling(n: int) -> str:
    return "Điều 1. " * (n // 8)


def _units(text: object) -> object:
    from tracuu.text.units import split_units

    return split_units(str(text), 0)


def _recipient_line(n: int) -> str:
    return "- Ban Thường vụ" + "\x0c" * n + "x"  # a form feed is white space that normalisation keeps


def _recipients(text: object) -> object:
    from tracuu.facts.assignments import recipients
    from tracuu.models import RECIPIENTS, ChunkRecord, SectionPath

    text = str(text)
    return recipients(ChunkRecord("cv#9", "cv", SectionPath((RECIPIENTS,)), 0, len(text), text, (RECIPIENTS,)))


def _give(n: int) -> str:
    return "Giao Ban Tuyên giáo" + "\x0c" * n + "x"


def _assignments(text: object) -> object:
    from tracuu.facts.assignments import assignments_in_unit
    from tracuu.facts.walk import units_of
    from tracuu.models import ChunkRecord, DocumentRecord, SectionPath

    text = str(text)
    doc = DocumentRecord("ke-hoach", text, doc_type="Kế hoạch")
    chunk = ChunkRecord("ke-hoach#0", "ke-hoach", SectionPath(("III. TỔ CHỨC THỰC HIỆN", "1")), 0, len(text), text)
    return [a for u in units_of(doc, [chunk], []) for a in assignments_in_unit(u)]


def _digits(n: int) -> str:
    return "1" * n


def _money_asked(text: object) -> object:
    from tracuu.answer.extractive import misses_quantity

    return misses_quantity("Phải ký quỹ bao nhiêu tiền?", str(text))


def _counts_from(n: int) -> str:
    return "từ 1 người " * (n // 11) + "1" * (n // 2)


def _ranges(text: object) -> object:
    from tracuu.text.counts import counted_ranges
    from tracuu.text.normalize import fold

    return counted_ranges(fold(str(text)))


def _long_word(n: int) -> str:
    return "a" * n + " theo quy định"


def _referred(text: object) -> object:
    from tracuu.answer.extractive import article_referred_to

    return article_referred_to(str(text), "những nội dung nào?")


def _spaced_letters(n: int) -> str:
    return "a " * (n // 2) + "1"


def _initials(text: object) -> object:
    from tracuu.text.initials import Initials

    return Initials.of([str(text)]).spell("AA")


CASES: tuple[Case, ...] = (
    Case("italic", '"*a " repeated, one line (markdown cleaner)', 8_000, _italic, _clean),
    Case("page_number", '"-", n spaces, "x" as a PDF page\'s last line', 8_000, _page_number_pdf, _convert_pdf),
    Case("law_by_name", '"Luật A " repeated, then "-x"', 4_000, _law_names, _citations),
    Case("segment", '"1/" + "A"×n + "É"', 8_000, _segment, _citations),
    Case("submit", 'a plan unit of "gửi về" repeated, a date every 20 (n characters)', 1_500, _submit_unit, _deadlines),
    Case("dangling", '"Điều 1. " repeated: one unit that keeps growing (sentence splitter)', 64_000, _dangling, _units),
    Case("recipient", '"- Ban Thường vụ", n form feeds, "x" in a "Nơi nhận" list', 2_000, _recipient_line, _recipients),
    Case("give", '"Giao Ban Tuyên giáo", n form feeds, "x" (assignments)', 4_000, _give, _assignments),
    Case("charset", "HTML page of n bytes declaring <meta charset=punycode>", 320_000, _punycode_html, _convert_html),
    Case("money", 'a run of n digits read for "bao nhiêu tiền" (amount of money)', 20_000, _digits, _money_asked),
    Case(
        "counted_range",
        '"từ 1 người " repeated, then a run of digits (ranges of people)',
        40_000,
        _counts_from,
        _ranges,
    ),
    Case(
        "set_out", 'one word of n letters before "theo quy định" (article referred to)', 20_000, _long_word, _referred
    ),
    Case(
        "initials",
        '"a " repeated, then a digit: one run of words (initials of abbreviations)',
        40_000,
        _spaced_letters,
        _initials,
    ),
)


def best_time(case: Case, n: int, repeats: int = 3, loops: int = 1) -> float:
    """Best of ``repeats`` wall times of ``loops`` runs of ``case`` at size ``n`` (input built outside)."""
    data = case.make(n)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(loops):
            case.run(data)  # no case may fail: a quick exception would pass for a quick run
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="case names")
    parser.add_argument("--scale", type=int, default=1, help="run at this multiple of the issue's size")
    args = parser.parse_args(argv)
    print("| case | input | n | time |")
    print("|---|---|---|---|")
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        n = case.issue_n * args.scale
        case.run(case.make(1))  # imports outside the timing: the first case of a module paid for them
        seconds = best_time(case, n, args.repeats)
        print(f"| {case.name} | {case.what} | {n:,} | {seconds:.3f} s |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
