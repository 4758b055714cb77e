"""Who is assigned what: "Giao X tham mưu …", "Phân công X phụ trách …", the units that carry out a plan's
items, the recipients (Nơi nhận) and the signer."""

from __future__ import annotations

import re

from tracuu.facts.deadlines import responsible_unit
from tracuu.facts.models import Assignment, FactSpan
from tracuu.facts.walk import UnitInContext, span_of
from tracuu.models import CLOSING, PREAMBLE, RECIPIENTS, ChunkRecord, DocumentRecord

__all__ = ["addressees", "assignments_in_unit", "responsibility", "recipients", "signers"]

_VERBS = (
    r"(?:tham mưu|chủ trì|phối hợp|thực hiện|theo dõi|xây dựng|triển khai|hướng dẫn|tổ chức|kiểm tra|báo cáo|phụ trách)"
)
# ``who`` ends on a non-space and the space runs are possessive: otherwise every split of a long run of
# white space (a form feed survives normalisation) is tried at every step, quadratic.
_GIVE = re.compile(rf"^(?:Giao|Phân công|Đề nghị|Yêu cầu)\s++(?P<who>.*?\S)\s++(?P<task>{_VERBS}\b.*)$", re.S)


def assignments_in_unit(u: UnitInContext) -> list[Assignment]:
    """ "Giao X …"/"Phân công X …" sentences."""
    m = _GIVE.match(u.unit.text.rstrip(";."))
    if not m:
        return []
    return [Assignment(m.group("who").strip(" ,"), m.group("task").strip(), "assigned", span_of(u))]


def responsibility(chunk: ChunkRecord, first: UnitInContext) -> Assignment | None:
    """A bullet of the plan's "TỔ CHỨC THỰC HIỆN" part is a task of the unit named above it."""
    who = responsible_unit(first)
    if who is None:
        return None
    start = chunk.start + (2 if chunk.text.startswith(("- ", "– ")) else 0)
    text = chunk.text[start - chunk.start :]
    return Assignment(who, text, "responsible", FactSpan(chunk.doc_id, chunk.section, start, chunk.end))


_RECIPIENT_MARKS = "-–•+"  # a "Nơi nhận" line's mark ("-" first: a literal in a character class)
# Linear: ``who`` ends on a non-space, and the tail's space runs stay on the line and never give back
# (two backtracking runs around an optional ";" were cubic on a line of white space).
_RECIPIENT_LINE = re.compile(
    rf"(?m)^[{_RECIPIENT_MARKS}]\s*+(?!\s)(?P<who>(?!Lưu\b)[^\n;.]*?[^\s;.])[^\S\n]*+[;.]?[^\S\n]*+$"
)


def recipients(chunk: ChunkRecord) -> list[Assignment]:
    """The "Nơi nhận" list, one fact per recipient; the archive line ("Lưu: …") is not a recipient."""
    if chunk.section_path.parts[:1] != (RECIPIENTS,):
        return []
    out = []
    for m in _RECIPIENT_LINE.finditer(chunk.text):
        span = FactSpan(chunk.doc_id, chunk.section, chunk.start + m.start("who"), chunk.start + m.end("who"))
        out.append(Assignment(m.group("who"), "nhận văn bản", "recipient", span))
    return out


# "Kính gửi: …" opens an official letter's body: its addressee on the line, or one a line ("- …") under it.
_ADDRESSED = re.compile(r"(?m)^Kính gửi[^\S\n]*+:[^\S\n]*+(?P<who>[^\n]*)")
_OPENING = 3000  # characters: "Kính gửi" stands right under the header


def addressees(doc: DocumentRecord) -> list[Assignment]:
    """Whom an official letter is addressed to ("Kính gửi: Liên đoàn Lao động các huyện …"), one fact each:
    recipients as the "Nơi nhận" list's are."""
    m = _ADDRESSED.search(doc.text, 0, _OPENING)
    if m is None:
        return []
    who = m.group("who").rstrip(" .;,")
    if who:
        span = FactSpan(doc.doc_id, PREAMBLE, m.start("who"), m.start("who") + len(who))
        return [Assignment(who, "nhận văn bản", "recipient", span)]
    out, pos = [], m.end() + 1
    while (line := _RECIPIENT_LINE.match(doc.text, pos, _OPENING)) is not None:
        span = FactSpan(doc.doc_id, PREAMBLE, line.start("who"), line.end("who"))
        out.append(Assignment(line.group("who"), "nhận văn bản", "recipient", span))
        pos = line.end() + 1
    return out


# A person's name: two to five capitalised words, the last of them possibly one letter ("Nguyễn Văn A").
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")


def signers(doc: DocumentRecord) -> list[Assignment]:
    """Who signed: the last line when it is a name under an upper-case role (up to three lines); and above that
    role, another name under its own role when two agencies sign together (their signature columns read one
    after the other), three at most."""
    lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", doc.text)]
    lines = [ln for ln in lines if ln[2]]
    section = RECIPIENTS if RECIPIENTS in doc.text else CLOSING
    out: list[Assignment] = []
    at = len(lines) - 1
    while at >= 1 and len(out) < 3 and _NAME.match(lines[at][2]):
        roles: list[int] = []
        above = at - 1
        while above >= 0 and at - above <= 5:
            text = lines[above][2]
            if text.startswith(tuple(_RECIPIENT_MARKS)):
                # OCR and PDF text read the "Nơi nhận" column beside the signature line by line: a
                # recipient's line ("- Lưu: VT.") may fall between the signer's role and name.
                above -= 1
                continue
            if not text.isupper() or len(roles) == 3:
                break
            roles.insert(0, above)
            above -= 1
        if not roles:
            break
        span = FactSpan(doc.doc_id, section, lines[roles[0]][0], lines[at][1])
        role_text = " – ".join(lines[r][2] for r in roles)
        out.insert(0, Assignment(lines[at][2], f"ký: {role_text}", "signer", span))
        at = above
    return out
