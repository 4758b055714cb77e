"""Document numbers and citations in Vietnamese legal text.

A document number (``04/2015/NĐ-CP``, ``23-QĐ/TW``, ``04-CTr/BDVTU-BCSĐUBND``) is an exact identifier.
Every spelling of one number (``04/2015/ND-CP``, ``4/2015/nđ-cp``, ``439 /KH – LĐLĐ``) has the same
:attr:`DocNumber.key`, which is what the index and the API match on.

>>> parse_number("145/2020/ND-CP").key == parse_number("Nghị định số 145/2020/NĐ-CP").key
True
>>> [c.number for c in extract_citations("theo Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương")]
['23-QĐ/TW']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracuu.text.dates import parse_date
from tracuu.text.doc_types import DOC_TYPES, LAW_CODE, TYPE_BY_CODE, by_name, type_names
from tracuu.text.normalize import fold, nfc

__all__ = [
    "DocNumber",
    "Citation",
    "QueryRef",
    "find_numbers",
    "parse_number",
    "number_key",
    "extract_citations",
    "parse_query_refs",
    "partial_ref_spans",
    "issuer_level",
    "TYPE_BY_CODE",
]

# Words that name a type in running text, longest first so "Bộ luật" wins over "Luật"; "Văn bản" names none.
_TYPE_WORDS = [*type_names(), "Văn bản"]
_ISSUER_BY_CODE: dict[str, str] = {
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "TW": "Trung ương Đảng",
    "TU": "Tỉnh ủy",
    "UBND": "Ủy ban nhân dân tỉnh",
    "TLD": "Tổng Liên đoàn Lao động Việt Nam",
    "LDLD": "Liên đoàn Lao động tỉnh",
    "BNV": "Bộ Nội vụ",
    "BLDTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BTP": "Bộ Tư pháp",
    "BTC": "Bộ Tài chính",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}
# Issuer levels, from the issuer code, for grouping the documents a plan cites.
_LEVEL_BY_CODE: dict[str, str] = {
    "TW": "Trung ương Đảng",
    "CP": "Chính phủ, Thủ tướng",
    "TTG": "Chính phủ, Thủ tướng",
    "TU": "Tỉnh",
    "UBND": "Tỉnh",
    "BDVTU": "Tỉnh",
    "TLD": "Công đoàn",
    "LDLD": "Công đoàn",
}

_DASHES = "–—‑-"  # hyphen last: it must not form a range inside [...]
_SEP = rf"\s*[/{_DASHES}]\s*"
# A code segment: upper-case letters/digits, allowing one lower-case letter as in "CTr", "TTg". Possessive
# runs: a segment is a whole word, so giving characters back can never help, only cost quadratic time.
_SEGMENT = r"[A-ZĐ][A-ZĐ0-9]*+[a-zđ]?[A-ZĐ0-9]*+(?![\w])"
_NUMBER = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,5}})(?:\s*/\s*(?P<year>(?:19|20)\d{{2}}))?(?P<sep>{_SEP})"
    rf"(?P<codes>{_SEGMENT}(?:{_SEP}{_SEGMENT})*)"
)
_SPLIT_CODES = re.compile(rf"[/{_DASHES}]")


@dataclass(frozen=True)
class DocNumber:
    """A document number in canonical spelling, with what its codes say about the document."""

    number: str  # as written, whitespace and dashes cleaned: "04/2015/NĐ-CP"
    key: str  # spelling-independent identity: "4-2015-ND-CP"
    doc_type: str | None
    issuer_code: str | None  # folded last code: "CP", "TW", "UBND"
    year: int | None


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    number: DocNumber


@dataclass(frozen=True)
class Citation:
    """One reference to a document inside a text, with what the text says about it."""

    key: str
    number: str | None  # None for laws cited by name only
    doc_type: str | None
    date: str | None  # ISO date as cited
    issuer: str | None  # as cited ("Ban Bí thư (khóa XI)"), else from the number's code
    title: str | None  # as cited ("về việc ban hành Quy chế …")
    start: int  # span of the reference (type word … number) in the text
    end: int
    mention_end: int  # end of the whole mention including date, issuer and title

    @property
    def level(self) -> str:
        return issuer_level(self.key)


def _clean_number(raw: str) -> str:
    text = re.sub(r"\s+", "", nfc(raw))
    return re.sub(f"[{_DASHES}]", "-", text)


def _codes(match: re.Match) -> list[str]:
    return [c for c in _SPLIT_CODES.split(re.sub(r"\s+", "", match.group("codes"))) if c]


_DOUBLED = re.compile(r"(\w)\1")


def _undoubled(code: str) -> str:
    """A type code OCR read with one letter twice ("QĐĐ", from "QĐÐ"): the known code it stands for. A code
    already known is kept as it is ("TT" is Thông tư)."""
    if fold(code).upper() in TYPE_BY_CODE:
        return code
    single = _DOUBLED.sub(r"\1", code, count=1)
    return single if fold(single).upper() in TYPE_BY_CODE else code


def _build(match: re.Match) -> DocNumber:
    codes = _codes(match)
    number = _clean_number(match.group(0))
    type_code = _undoubled(codes[0])
    if type_code != codes[0]:
        # The codes come last in the number and start with the type code: respelled there.
        at = len(number) - len(_clean_number(match.group("codes")))
        number = number[:at] + type_code + number[at + len(codes[0]) :]
        codes[0] = type_code
    folded_codes = [fold(c).upper() for c in codes]
    year = match.group("year")
    num = str(int(match.group("num")))
    key = "-".join([num, *([year] if year else []), *folded_codes])
    first = folded_codes[0]
    doc_type: str | None
    issuer_code: str | None
    if re.fullmatch(rf"{LAW_CODE}\d+", first):
        doc_type = "Luật"
        issuer_code = LAW_CODE
    else:
        doc_type = TYPE_BY_CODE.get(first)
        issuer_code = folded_codes[-1] if len(folded_codes) > 1 else None
    return DocNumber(
        number=number,
        key=key,
        doc_type=doc_type,
        issuer_code=issuer_code,
        year=int(year) if year else None,
    )


def find_numbers(text: str) -> list[NumberMatch]:
    """Every document number in ``text`` (case-sensitive: codes are upper case in real documents)."""
    return [NumberMatch(m.start(), m.end(), _build(m)) for m in _NUMBER.finditer(text)]


def parse_number(text: str) -> DocNumber | None:
    """The document number in ``text``, whatever its spelling (lower case and missing accents accepted)."""
    text = nfc(text).strip()
    found = find_numbers(text) or find_numbers(text.upper())
    return found[0].number if found else None


def number_key(text: str) -> str | None:
    parsed = parse_number(text)
    return parsed.key if parsed else None


def issuer_level(key: str) -> str:
    codes = key.split("-")
    for code in reversed(codes):
        if code in _LEVEL_BY_CODE:
            return _LEVEL_BY_CODE[code]
        if code.startswith("B") and len(code) > 2 and code not in {"BDVTU", "BCSDUBND"}:
            return "Bộ, ngành"
        if re.fullmatch(r"QH\d+", code):
            return "Quốc hội"
    if key.startswith("luat:"):
        return "Quốc hội"
    return "Khác"


# --- citations with their context -------------------------------------------------------------

_TYPE_WORD_RE = "|".join(re.escape(w) for w in _TYPE_WORDS)
_FORM_BEFORE = re.compile(r"\bmẫu(?:\s+số)?[\s:]*$", re.IGNORECASE)
_TYPE_BEFORE = re.compile(rf"(?P<type>{_TYPE_WORD_RE})(?:\s+số)?[\s:]*$", re.IGNORECASE)
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*của\s+")
_MAX_ISSUER = 100
# Where the issuer's name stops and the title begins.
_ISSUER_STOP = re.compile(
    r"\s+(?=về\b|ban hành\b|Ban hành\b|[Qq]uy định\s+(?:chi tiết|về|tiêu chí)|[Hh]ướng dẫn\b|phối hợp\b)"
    r"|[;,.:](?:\s|$)|\s+và\s+(?=[A-ZĐ][\wđ]*\s+số)"
)
# A title ends at the next sentence, citation or line, or before the clause that opens the body of the
# citing text ("…, Ban Thường vụ Liên đoàn Lao động tỉnh thông báo như sau:"). Bounded look-ahead: linear.
_AGENCY_OPENS = r"(?:Ban|Liên đoàn|Ủy ban|UBND|Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|Đảng đoàn|Thường trực|Sở|Công đoàn)\b"
_TITLE_STOP = re.compile(
    rf";|\.(?:\s|$)|\s+và các văn bản|\n|,\s+(?=(?:{_TYPE_WORD_RE})\s+(?:số\s+)?\d)|,\s+(?=[^,;:.\n]{{1,160}}:(?:\s|$))"
    # "…, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện … sau:": an agency opening the body,
    # whatever commas its clause holds.
    rf"|,\s+(?={_AGENCY_OPENS}[^;:.\n]{{1,200}}:(?:\s|$))"
)
_LAW_BY_NAME = re.compile(
    r"(?<![Pp]háp )(?<!\w)(?P<type>Bộ luật|Luật)\s+(?P<name>(?:[A-ZĐ]|(?<=Bộ luật )[a-zđ])[\w ]*?)"
    r"(?=\s+năm\s+\d{4}|\s+(?:theo|có|đã|và|của|được|để|về|quy định)\b|[;,.:)\n]|$)(?:\s+năm\s+(?P<year>\d{4}))?"
)
# Where _LAW_BY_NAME can start (the type word, up to the name's first letter), and the run a name lives in.
_LAW_START = re.compile(r"(?<![Pp]háp )(?<!\w)(?:Bộ luật|Luật)\s+(?=[A-ZĐ]|(?<=Bộ luật )[a-zđ])")
_NAME_RUN = re.compile(r"[\w ]*")


def _laws_by_name(text: str) -> Iterator[re.Match]:
    """``_LAW_BY_NAME.finditer(text)`` in linear time. A name's end is the first position of its run of
    words where the lookahead holds, and that test depends on the position only: when a start finds
    none, no later start in the same run can, so they are skipped instead of each rescanning the run
    (quadratic on "Luật A Luật A … -x")."""
    taken = dead = 0
    for start in _LAW_START.finditer(text):
        if start.start() < taken or start.end() < dead:
            continue
        m = _LAW_BY_NAME.match(text, start.start())
        if m is None:
            run = _NAME_RUN.match(text, start.end())
            dead = run.end() if run else start.end()
            continue
        taken = m.end()
        yield m


def _after_number(text: str, end: int) -> tuple[str | None, str | None, str | None, int]:
    """Date, issuer and title written after a number ending at ``end``; returns the mention's end."""
    rest = text[end : end + 600]
    pos = 0
    cited_date = None
    m = _DATE_AFTER.match(rest)
    if m:
        parsed = parse_date(m.group("date"))
        cited_date = parsed.isoformat() if parsed else None
        pos = m.end()
    issuer = title = None
    m = _ISSUER_AFTER.match(rest[pos:])
    if m:
        start = pos + m.end()
        stop = _ISSUER_STOP.search(rest, start)
        issuer_end = stop.start() if stop else len(rest)
        issuer = rest[start:issuer_end].strip() or None
        if issuer and (len(issuer) > _MAX_ISSUER or re.search(r"\d|[=:%]", issuer)):
            issuer = None  # "của" began something else ("của Chính phủ là: SNHN = …"), not an issuer's name
        pos = issuer_end
    tail = rest[pos:]
    if tail.lstrip().startswith(
        ("về", "ban hành", "Ban hành", "Quy định", "quy định", "Hướng dẫn", "hướng dẫn", "phối hợp")
    ):
        stop = _TITLE_STOP.search(tail)
        title_end = stop.start() if stop else len(tail)
        title = tail[:title_end].strip()
        if title.count("”") > title.count("“"):
            title = title.rstrip("”").rstrip()  # the quote closes a phrase that began before the citation
        title = title or None
        pos += title_end
    return cited_date, issuer, title, end + pos


def extract_citations(text: str) -> list[Citation]:
    """Every reference to a document in ``text``, in order of appearance.

    Numbered references always count. A law cited by name only (``Luật Thực hiện dân chủ ở cơ sở năm
    2022``) counts unless it is part of another citation's title. References joined by "và" that share one
    date and issuer (``Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị``)
    each get them.
    """
    text = nfc(text)
    found: list[Citation] = []
    for nm in find_numbers(text):
        if _FORM_BEFORE.search(text[max(0, nm.start - 12) : nm.start]):
            continue  # a form of an appendix ("Mẫu số 07/PLIII"), not a document
        before = _TYPE_BEFORE.search(text[max(0, nm.start - 40) : nm.start])
        start = nm.start - (len(before.group(0)) if before else 0)
        doc_type = nm.number.doc_type
        if before:
            word = before.group("type")
            doc_type = next(w for w in _TYPE_WORDS if w.lower() == word.lower())
            if doc_type == "Văn bản":
                doc_type = nm.number.doc_type
        cited_date, issuer, title, mention_end = _after_number(text, nm.end)
        found.append(
            Citation(
                key=nm.number.key,
                number=nm.number.number,
                doc_type=doc_type,
                date=cited_date,
                issuer=issuer,
                title=title,
                start=start,
                end=nm.end,
                mention_end=mention_end,
            )
        )
    found = _share_context(text, found)
    titles = [(c.end, c.mention_end) for c in found]
    for m in _laws_by_name(text):
        if any(a <= m.start() < b for a, b in titles) or any(c.start <= m.start() < c.end for c in found):
            continue
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        if len(name) < 3 or name.split(" ")[0].lower() in ("này", "nay", "khác", "số"):
            continue  # "Bộ luật này", "luật khác": a reference to no particular law
        year = m.group("year")
        found.append(
            Citation(
                key=law_name_key(m.group("type"), name),
                number=None,
                doc_type=m.group("type"),
                date=f"{year}" if year else None,
                issuer="Quốc hội",
                title=f"{m.group('type')} {name}",
                start=m.start(),
                end=m.end(),
                mention_end=m.end(),
            )
        )
    return sorted(found, key=lambda c: c.start)


def law_name_key(doc_type: str, name: str) -> str:
    """Key of a law known by name only, e.g. ``luat:thuc hien dan chu o co so``."""
    prefix = "boluat" if fold(doc_type).startswith("bo") else "luat"
    return f"{prefix}:{' '.join(fold(name).split())}"


def _share_context(text: str, cites: list[Citation]) -> list[Citation]:
    """Give "A và B, ngày … của …" the date and issuer written once after B."""
    out = list(cites)
    for i in range(len(out) - 2, -1, -1):
        cur, nxt = out[i], out[i + 1]
        between = text[cur.end : nxt.start]
        if cur.date is None and cur.issuer is None and re.fullmatch(r"\s*(?:và|,)\s*", between):
            out[i] = Citation(**{**cur.__dict__, "date": nxt.date, "issuer": nxt.issuer})
        elif cur.issuer is None and re.fullmatch(r"\s*và\s*", between) and nxt.issuer:
            out[i] = Citation(**{**cur.__dict__, "issuer": nxt.issuer})
        elif cur.issuer is None and cur.date and re.fullmatch(r"\s*,?\s*ngày[^;]*?\s+và\s*", text[cur.end : nxt.start]):
            out[i] = Citation(**{**cur.__dict__, "issuer": nxt.issuer})
    return out


# --- references in a question ----------------------------------------------------------------

# "nghị định 145", "luat 45/2019", "NĐ 145/2020", "Thông báo 62" in a question: folded type name or the
# abbreviation officers type ("nd", "qd") → the code its numbers carry. Notices and reports are named by their
# full type word only ("TB", "BC", "CĐ" are too short to be read as one before a number).
_QUERY_TYPES = {fold(name): t.code for t in DOC_TYPES if t.code for name in t.names}
_QUERY_TYPES |= {fold(t.short).lower(): t.code for t in DOC_TYPES if t.governs and t.code and t.short}
_QUERY_PARTIAL = re.compile(
    r"\b(?P<type>"
    + "|".join(sorted(_QUERY_TYPES, key=len, reverse=True))
    + r")\s+(?:so\s+)?(?P<num>\d{1,5})(?:\s*/\s*(?P<year>(?:19|20)\d{2}))?\b(?![/-]\s*[a-z])"
)

# "Nghị định 59/2023/NĐ-CP", "Luật số 10/2022/QH15": the type word before a full number names the same document.
_QUERY_TYPE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_QUERY_TYPES, key=len, reverse=True)) + r")\s+(?:so\s+)?$")


def type_word_start(folded: str, start: int) -> int:
    """Where the document-type word before a number at ``start`` begins (``start`` when there is none)."""
    m = _QUERY_TYPE_BEFORE.search(folded, max(0, start - 40), start)
    return m.start() if m else start


@dataclass(frozen=True)
class QueryRef:
    """A document named in a question: a full number (``key``) or a type and number (``prefix``)."""

    key: str | None = None
    type_code: str | None = None
    prefix: str | None = None  # "145" or "145-2020": matches keys starting with it

    def matches(self, key: str, doc_type: str | None = None) -> bool:
        """Is ``key`` the document named? ``doc_type``, the type its header gives, names it too when its
        number carries no type code: an official letter "215/LĐLĐ-CSPL" is "công văn 215"."""
        if self.key is not None:
            return key == self.key
        if self.prefix is None or not key.startswith(self.prefix + "-"):
            return False
        codes = key.split("-")
        if self.type_code == LAW_CODE:
            return any(re.fullmatch(rf"{LAW_CODE}\d+", c) for c in codes)
        own = by_name(doc_type) if doc_type else None
        return self.type_code in codes or (own is not None and own.code == self.type_code)


# "báo cáo 6 tháng", "thông báo 3 ngày": a notice's or report's type word is also a verb, and a count of
# time after it is no document's number.
_NOT_GOVERNING = {t.code for t in DOC_TYPES if not t.governs}
_TIME_AFTER = re.compile(r"\s+(?:ngay|thang|nam|gio|tuan|quy|lan|phut)\b")


def partial_ref_spans(text: str) -> list[tuple[QueryRef, tuple[int, int]]]:
    """Type + number references ("nghị định 145", "NĐ 145/2020") with their spans in ``text``."""
    out = []
    folded = fold(text)
    for m in _QUERY_PARTIAL.finditer(folded):
        code = _QUERY_TYPES[m.group("type")]
        if code in _NOT_GOVERNING and _TIME_AFTER.match(folded, m.end()):
            continue
        prefix = str(int(m.group("num"))) + (f"-{m.group('year')}" if m.group("year") else "")
        out.append((QueryRef(type_code=code, prefix=prefix), (m.start(), m.end())))
    return out


def parse_query_refs(question: str) -> list[QueryRef]:
    """Document references in a question: ``145/2020/nđ-cp`` (full) or ``nghị định 145`` (partial)."""
    refs: list[QueryRef] = [QueryRef(key=m.number.key) for m in find_numbers(nfc(question).upper())]
    for ref, _ in partial_ref_spans(question):
        if not any(r.key and ref.matches(r.key) for r in refs):
            refs.append(ref)
    return refs
