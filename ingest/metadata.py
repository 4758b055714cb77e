"""Read a document's identity from its header: number, type, issuer, date and title.

Vietnamese official documents open with the issuer, "Số: …", "<Place>, ngày … tháng … năm …", the
type in capitals ("KẾ HOẠCH", "LUẬT") and the title under it. Anything the header lacks may come from
the corpus manifest, which wins over what is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tracuu.citations import find_numbers
from tracuu.text.dates import find_dates
from tracuu.text.doc_types import by_name

__all__ = ["HeaderMeta", "read_header"]

_HEADER_LINES = 25
_NATIONAL_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|^Độc lập\s*-\s*Tự do")
_NUMBER_LINE = re.compile(r"^(?:[\wÀ-ỹ ]{0,20}\s)?[Ss]ố\s*:?")
_TITLE_STOP = re.compile(r"^(Căn cứ|Thực hiện|Chương|Điều|Phần|I\.|1\.|Kính gửi)", re.I)


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


def read_header(text: str) -> HeaderMeta:
    lines = [ln.strip() for ln in text.split("\n")[:_HEADER_LINES] if ln.strip()]
    number = key = doc_type = issuer = issued = title = None
    for i, line in enumerate(lines):
        if number is None and _NUMBER_LINE.match(line):
            found = find_numbers(line)
            if found:
                number, key = found[0].number.number, found[0].number.key
                doc_type = doc_type or found[0].number.doc_type
        if issued is None and re.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", line):
            dates = find_dates(line)
            issued = dates[0].value.isoformat() if dates else None
        if issuer is None and _NATIONAL_MOTTO.search(line) and i > 0:
            before = [b for b in (re.sub(r"[-–_]{2,}", "", x).strip() for x in lines[:i]) if b]
            issuer = _sentence_case(before[-1]) if before else ""
        bare = re.sub(r"[-–_]{2,}", "", line).strip()
        header_type = by_name(bare) if bare.isupper() else None  # the type in capitals: "KẾ HOẠCH"
        if title is None and header_type is not None and header_type.name.casefold() == bare.casefold():
            doc_type = header_type.name
            title_lines = []
            for j, nxt in enumerate(lines[i + 1 : i + 4]):
                if j and (_TITLE_STOP.match(nxt) or nxt.startswith("(")):
                    break
                title_lines.append(nxt)
            if title_lines:
                title = _sentence_case(" ".join(title_lines))
    if issuer is None and lines and _NATIONAL_MOTTO.search(lines[0]):
        # "QUỐC HỘI -------- CỘNG HÒA …" on one line
        head = _NATIONAL_MOTTO.split(lines[0])[0]
        issuer = _sentence_case(re.sub(r"[-–_]{2,}", "", head).strip()) or None
    return HeaderMeta(number, key, doc_type, issuer or None, issued, title)
