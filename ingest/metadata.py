"""Read a document's identity from its header: number, type, issuer, date and title.

Official documents follow the layout of Nghị định 30/2020/NĐ-CP: on the left the parent agency, the
issuing agency and "Số: …"; on the right the motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do
- Hạnh phúc") and "<Place>, ngày … tháng … năm …"; then the type in capitals ("KẾ HOẠCH") and the title.
Converters give that header in several shapes — the columns one after the other (DOCX tables, most
PDFs, OCR), side by side on one line (some PDFs), lines cut where a cell wraps — so the header is first
cut into *segments* and each segment is classified.

Only the header can give the document its own number: a number cited in the body ("Thực hiện Kế hoạch
số 68-KH/…") is never it. A document whose header has no "Số: …" is unnumbered. Anything may be
overridden by the corpus manifest, which wins over what is read here.

>>> h = read_header("QUỐC HỘI\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nLuật số: 10/2022/QH15\\nLUẬT\\nTHỰC HIỆN DÂN CHỦ Ở CƠ SỞ\\n")
>>> h.number, h.issuer, h.doc_type, h.title
('10/2022/QH15', 'Quốc hội', 'Luật', 'Thực hiện dân chủ ở cơ sở')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tracuu.citations import find_numbers
from tracuu.text.dates import find_dates
from tracuu.text.doc_types import DOC_TYPES

__all__ = ["HeaderMeta", "read_header"]

_HEADER_LINES = 30  # the type line of a real header comes well before this
# A header's type line, in capitals: every type of the vocabulary ("KẾ HOẠCH", "CHƯƠNG TRÌNH PHỐI HỢP").
_TYPES = frozenset(name.upper() for t in DOC_TYPES for name in t.names)
_MOTTO = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM|"
    r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|^VIỆT NAM$"
)
# Where a right-hand segment starts inside a line that holds both columns.
# The place is one to four capitalised words ("Tây Ninh", "TP. Hồ Chí Minh").
_PLACE_DATE = re.compile(r"(?:TP\.\s?)?(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){0,3}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+,\s*ngày\s+(?:\d|\.)")
_RIGHT_START = re.compile(rf"\s(?=CỘNG H[OÒ]A XÃ HỘI|ĐẢNG CỘNG SẢN|Độc lập\s*[-–]|{_PLACE_DATE.pattern})")
_COLUMN_GAP = re.compile(r"\s*\|\s*|\t+| {3,}")
_NUMBER_SEGMENT = re.compile(r"^(?:Số\s*:?|(?:[\wÀ-ỹ]+\s){1,2}[Ss]ố\s*:)\s*(?=\S)")
# "ngày 09 tháng 5 năm 2023"; in the header's date line the word "tháng" may come out of OCR misread.
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+(?:tháng|\w{2,7})\s+(\d{1,2})\s+năm\s+(\d{4})")
_RULE = re.compile(r"^[-–_=*.\s]+$")
# An official letter (công văn) has no type line: its subject stands under its number, "V/v …" (về việc).
_SUBJECT = re.compile(r"^(?:V/v|V\.v|Về việc)\s*:?\s*(?=\S)", re.IGNORECASE)
_LETTER = "Công văn"
_TITLE_STOP = re.compile(r"^(Căn cứ|Thực hiện|Chương|Điều|Phần|I\.|1\.|Kính gửi|Để|Nhằm|Theo)\b", re.I)
# The issuing agency is a committee of the agency above it ("BAN THƯỜNG VỤ" of "LIÊN ĐOÀN LAO ĐỘNG TỈNH
# TÂY NINH"): its name is given with the parent's.
_COMMITTEE = re.compile(r"^(BAN|VĂN PHÒNG|ĐẢNG ĐOÀN|BAN CÁN SỰ|ĐẢNG ỦY|THƯỜNG TRỰC)\b")
# A Party committee under the Party organisation it leads: "TỈNH ỦY" under "ĐẢNG BỘ TỈNH TÂY NINH".
_PARTY_COMMITTEE = re.compile(r"^(?:TỈNH|HUYỆN|THÀNH|THỊ|QUẬN|ĐẢNG) ỦY$")
_PARTY_UNIT = re.compile(r"^ĐẢNG BỘ (?:TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN|XÃ|PHƯỜNG)\s+(?P<place>.+)$")
# How agency names are written in running text; words not listed are lower case, places capitalised.
_AGENCY_CASE = [
    "Liên đoàn Lao động",
    "Tổng Liên đoàn Lao động Việt Nam",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban Dân vận",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban cán sự đảng",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Văn phòng",
    "Sở Nội vụ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Công đoàn",
    "Đoàn Chủ tịch",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
]
_PLACE_AFTER = re.compile(r"\b(tỉnh|huyện|thành phố|thị xã|xã|phường|quận)\s+((?:\w+\s*){1,3})$")


@dataclass(frozen=True)
class HeaderMeta:
    number: str | None = None
    number_key: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None

    def merged(self, **overrides: str | None) -> HeaderMeta:
        return replace(self, **{k: v for k, v in overrides.items() if v})


def _sentence_case(line: str) -> str:
    if line.isupper():
        line = line.lower()
        return line[:1].upper() + line[1:]
    return line


def _agency_case(name: str) -> str:
    """ "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH" → "Ban Thường vụ Liên đoàn Lao động tỉnh Tây Ninh"."""
    if not name.isupper():
        return name
    text = name.lower()
    for phrase in sorted(_AGENCY_CASE, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", phrase, text)
    place = _PLACE_AFTER.search(text)
    if place:
        text = text[: place.start(2)] + place.group(2).title()
    return text[:1].upper() + text[1:]


def _segments(lines: list[str]) -> list[str]:
    """Cut header lines into column segments: at table cell marks, tabs, wide gaps and where the right
    column's motto or date begins."""
    out = []
    for line in lines:
        for part in _COLUMN_GAP.split(line):
            for piece in _split_right(part):
                piece = re.sub(r"[-–_]{3,}", "", piece).strip()
                if piece and not _RULE.match(piece):
                    out.append(piece)
    return out


def _split_right(part: str) -> list[str]:
    """Cut where each right-column item begins; the place of a date line is kept whole ("Tây Ninh, ngày …")."""
    m = _RIGHT_START.search(part)
    if m is None or _PLACE_DATE.match(part):
        return [part]
    left, rest = part[: m.start()], part[m.end() :]
    tail = [rest] if _PLACE_DATE.match(rest) else _split_right(rest)
    return [left, *tail] if left.strip() else tail


def _type_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if re.sub(r"[-–_]{2,}|\*", "", line).strip() in _TYPES:
            return i
    return None


def read_header(text: str) -> HeaderMeta:
    lines = [ln.strip() for ln in text.split("\n")[:_HEADER_LINES] if ln.strip()]
    # The type line stands above the body ("Kính gửi:", "Căn cứ …", "1. …"): a short letter's signature
    # wrapped onto a line of its own ("TRƯỞNG BAN CHÍNH SÁCH PHÁP" / "LUẬT") is no type line.
    body = next((i for i, line in enumerate(lines) if _TITLE_STOP.match(line) and line not in _TYPES), len(lines))
    type_at = _type_line(lines[:body])
    head = lines[:type_at] if type_at is not None else lines[:8]
    segments = _segments(head)
    joined = " ".join(segments)

    number = key = doc_type = None
    number_at = None
    for i, seg in enumerate(segments):
        m = _NUMBER_SEGMENT.match(seg)
        if m is None:
            continue
        # The number may wrap onto the next segment ("Số: 439" / "/KH-LĐLĐ").
        for candidate in (seg[m.end() :], f"{seg[m.end() :]} {segments[i + 1]}" if i + 1 < len(segments) else ""):
            found = [f for f in find_numbers(candidate) if f.start <= 2]
            if found:
                number, key, doc_type = found[0].number.number, found[0].number.key, found[0].number.doc_type
                number_at = i
                break
        if number is not None:
            break

    issued = None
    date = _DATE.search(joined)
    if date:
        day, month, year = (int(g) for g in date.groups())
        dates = find_dates(f"ngày {day} tháng {month} năm {year}")
        issued = dates[0].value.isoformat() if dates else None

    agency = [
        s
        for s in segments[: number_at if number_at is not None else len(segments)]
        if s.isupper() and not _MOTTO.search(s) and not _DATE.search(s) and not _NUMBER_SEGMENT.match(s)
    ]
    issuer = _issuer(agency) if any(_MOTTO.search(s) for s in segments) else None  # no motto: no official header

    title = None
    if type_at is not None:
        bare = re.sub(r"[-–_]{2,}|\*", "", lines[type_at]).strip()
        doc_type = _sentence_case(bare)
        title_lines = []
        for j, nxt in enumerate(lines[type_at + 1 : type_at + 4]):
            # A title in capitals runs on over lines in capitals; one in sentence case is one line, and the
            # capitals under it name the issuing authority ("BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH").
            if j and (
                _TITLE_STOP.match(nxt) or nxt.startswith("(") or not nxt.isupper() or not lines[type_at + 1].isupper()
            ):
                break
            title_lines.append(nxt)
        if title_lines:
            title = _sentence_case(" ".join(title_lines))
            title = title[:1].upper() + title[1:]  # the Party's titles open in lower case: "về tăng cường …"
    elif number_at is not None:
        subject = _letter_subject(segments[number_at + 1 :])
        if subject is not None:
            doc_type, title = _LETTER, subject
    return HeaderMeta(number, key, doc_type, issuer, issued, title)


def _letter_subject(after_number: list[str]) -> str | None:
    """The subject of an official letter: "V/v …" under its number, with the lines a narrow cell wrapped it
    onto, up to the body ("Kính gửi:"). Side by side, the right column's motto and date come between them."""
    left = [seg for seg in after_number[:8] if not (_MOTTO.search(seg) or _DATE.search(seg))]
    if not left or (m := _SUBJECT.match(left[0])) is None:
        return None
    parts = [left[0][m.end() :]]
    for seg in left[1:3]:
        if _TITLE_STOP.match(seg) or seg.isupper():
            break
        parts.append(seg)
    subject = " ".join(parts).strip(" .")
    return subject[:1].upper() + subject[1:]


def _issuer(agency: list[str]) -> str | None:
    """The issuing agency: the last agency line, with its parent's name when it is a committee of it.
    Lines a narrow cell wrapped ("… TỈNH TÂY" / "NINH") are rejoined first."""
    names: list[str] = []
    for seg in agency:
        if seg == "*":
            continue  # the star under a Party committee's name
        if names and not _COMMITTEE.match(seg) and not _PARTY_COMMITTEE.match(seg) and len(seg.split()) <= 2:
            names[-1] = f"{names[-1]} {seg}"  # the tail of a wrapped line
        else:
            names.append(seg)
    if not names:
        return None
    issuing = names[-1]
    party = _PARTY_UNIT.match(names[-2]) if len(names) > 1 else None
    if _PARTY_COMMITTEE.match(issuing) and party is not None:
        # "ĐẢNG BỘ TỈNH TÂY NINH" / "TỈNH ỦY": the committee is named with its place, "Tỉnh ủy Tây Ninh".
        return f"{_agency_case(issuing)} {party.group('place').title()}"
    if len(names) > 1 and _COMMITTEE.match(issuing):
        issuing = f"{issuing} {names[-2]}"
    return _agency_case(issuing)
