"""Which document a piece of text names: one resolver for every spelling of a number and every name.

A document is named by its number in any spelling (``145/2020/nd-cp``), by type and number ("Nghị định
145", "NĐ 145/2020", "Luật 10/2022"), or by a name the corpus gives it: its title ("Bộ luật Lao động",
"Luật Thực hiện dân chủ ở cơ sở"), the initials of that title ("BLLĐ"), the name written before its
number where it is cited ("Bộ luật Lao động số 10/2012/QH13"), or a short name a text defines for it
("… (sau đây gọi là …)"). A year after a name ("BLLĐ 2019", "Bộ luật Lao động năm 2012") chooses among
documents sharing the name. Names come from the index, never from a list in code.

>>> resolver = DocumentResolver.from_index(index)  # doctest: +SKIP
>>> resolver.resolve("BLLĐ 2019")  # doctest: +SKIP
'45-2019-QH14'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from tracuu.citations import find_numbers, partial_ref_spans, type_word_start
from tracuu.models import CitationMention
from tracuu.text.normalize import fold, nfc

__all__ = ["DocumentResolver", "DocumentMention", "NamedDocument"]

_HOLDING_RANK = {"full_text": 0, "codified": 1, "citation_only": 2}
_TYPE_PREFIX = re.compile(
    r"^(bo luat|luat|nghi dinh|nghi quyet|quyet dinh|chi thi|thong tu|ke hoach|huong dan|phap lenh)\b"
)
_NAME_BEFORE_NUMBER = re.compile(r"((?:Bộ luật|Luật|Pháp lệnh)\s+[A-ZĐ][\w ,\-]{2,80}?)\s+(?:số\s+)?$")
_DEFINED_AFTER = re.compile(
    r"\(\s*sau đây (?:được )?(?:gọi|viết)(?: tắt| chung| gọn)?(?: là)?\s+([^()]{2,60}?)\s*\)", re.IGNORECASE
)
_YEAR_AFTER = re.compile(r"^\s*(?:nam\s+|,\s*)?((?:19|20)\d{2})\b")


@dataclass
class NamedDocument:
    """A document the resolver can name: held, reproduced in Bộ Pháp điển, or only cited."""

    key: str
    number: str | None = None
    doc_type: str | None = None
    year: int | None = None
    holding: str = "citation_only"
    citations: int = 0  # how often the corpus cites it: breaks ties between partial references
    names: set[str] = field(default_factory=set)  # folded names


@dataclass(frozen=True)
class DocumentMention:
    key: str
    start: int  # span in the folded text (same length as the NFC text)
    end: int


def _initials(folded_name: str) -> str | None:
    words = folded_name.split()
    return "".join(w[0] for w in words) if 2 <= len(words) <= 6 else None


def _clean_name(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(nfc(name))).split())


class DocumentResolver:
    def __init__(self, documents: dict[str, NamedDocument], aliases: dict[str, str]) -> None:
        self.documents = documents
        self._aliases = aliases  # other keys (a law's name key) → the document's key
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for key, doc in documents.items():
            for name in doc.names:
                if len(name) >= 3:
                    self._by_name[name].append(key)
        # Longest names first so "bo luat lao dong" wins over a shorter name inside it.
        self._names = sorted(self._by_name, key=len, reverse=True)
        self._name_patterns = {n: re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in self._names}

    @classmethod
    def from_index(cls, index) -> DocumentResolver:
        return cls.build(index.documents.values(), index.mentions, index.chunks)

    @classmethod
    def build(cls, records, mentions: list[CitationMention], chunks=()) -> DocumentResolver:
        docs: dict[str, NamedDocument] = {}
        aliases: dict[str, str] = {}
        texts = {}
        codified = {c.source_key for c in chunks if c.source_key}
        for rec in records:
            texts[rec.doc_id] = rec.text
            if not rec.number_key:
                continue
            doc = docs.setdefault(rec.number_key, NamedDocument(rec.number_key))
            doc.number = rec.number
            doc.doc_type = rec.doc_type
            doc.year = _year(rec.number, rec.date)
            doc.holding = "full_text" if rec.status == "full_text" else doc.holding
            for alias in rec.aliases:
                aliases[alias] = rec.number_key
            if rec.title:
                _add_title(doc, rec.doc_type, rec.title)
        for m in mentions:
            key = aliases.get(m.key, m.key)
            doc = docs.setdefault(key, NamedDocument(key))
            doc.citations += 1
            doc.number = doc.number or m.number
            doc.doc_type = doc.doc_type or m.doc_type
            doc.year = doc.year or _year(m.number, m.date)
            text = texts.get(m.doc_id, "")
            if m.number is None and m.title:
                doc.names.add(_clean_name(m.title))  # a law cited by name only
            before = _NAME_BEFORE_NUMBER.search(text[max(0, m.start - 90) : m.start]) if m.number else None
            if before:
                doc.names.add(_clean_name(before.group(1)))
            # "… số 66/2028/NĐ-CP … về đối thoại (sau đây gọi là Nghị định Đối thoại)": the short name the
            # text gives it, right after the citation (no other number in between).
            after = text[m.end : m.mention_end + 90]
            defined = _DEFINED_AFTER.search(after)
            if defined and defined.group(1)[0].isupper() and not find_numbers(after[: defined.start()]):
                doc.names.add(_clean_name(defined.group(1)))
        for key in codified:
            if key in docs and docs[key].holding == "citation_only":
                docs[key].holding = "codified"
        for doc in docs.values():
            for name in list(doc.names):
                initials = _initials(name) if _TYPE_PREFIX.match(name) else None
                if initials and len(initials) >= 3:
                    doc.names.add(initials)
        return cls(docs, aliases)

    # --- lookup -------------------------------------------------------------------------------

    def canonical(self, key: str) -> str:
        return self._aliases.get(key, key)

    def find_in(self, text: str) -> list[DocumentMention]:
        """Every document the text names, in order; where several share a name, the best one."""
        text = nfc(text)
        folded = fold(text)
        found: list[DocumentMention] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in taken)

        for number in find_numbers(text.upper()):
            key = self.canonical(number.number.key)
            start = type_word_start(folded, number.start)
            if free(start, number.end):
                found.append(DocumentMention(key, start, number.end))
                taken.append((start, number.end))
        for ref, (a, b) in partial_ref_spans(text):
            if not free(a, b):
                continue
            keys = [k for k, doc in self.documents.items() if ref.matches(k, doc.doc_type)]
            if keys:
                found.append(DocumentMention(self._best(keys), a, b))
                taken.append((a, b))
        for name in self._names:
            for m in self._name_patterns[name].finditer(folded):
                if not free(m.start(), m.end()):
                    continue
                keys = self._by_name[name]
                end = m.end()
                year = _YEAR_AFTER.match(folded[end:])
                if year:
                    dated = [k for k in keys if self.documents[k].year == int(year.group(1))]
                    dated += [
                        k for k in self._same_name_other_keys(name) if self.documents[k].year == int(year.group(1))
                    ]
                    if not dated:
                        continue  # "Bộ luật Lao động 2012" is not the 2019 code
                    keys, end = dated, end + year.end()
                found.append(DocumentMention(self._best(keys), m.start(), end))
                taken.append((m.start(), end))
        return sorted(found, key=lambda d: d.start)

    def resolve(self, text: str) -> str | None:
        """The one document ``text`` names (the first when it names several)."""
        found = self.find_in(text)
        return found[0].key if found else None

    def _same_name_other_keys(self, name: str) -> list[str]:
        return [k for k, d in self.documents.items() if name in d.names and k not in self._by_name[name]]

    def _best(self, keys: list[str]) -> str:
        """Held before reproduced before cited; then the most cited; then the newest."""
        return min(
            keys,
            key=lambda k: (
                _HOLDING_RANK[self.documents[k].holding],
                -self.documents[k].citations,
                -(self.documents[k].year or 0),
                k,
            ),
        )


def _year(number: str | None, date: str | None) -> int | None:
    if number:
        m = re.search(r"/((?:19|20)\d{2})/", number)
        if m:
            return int(m.group(1))
    return int(date[:4]) if date and re.match(r"\d{4}", date) else None


# Words officers leave out when they name a law ("Luật dân chủ cơ sở" for "Luật Thực hiện dân chủ ở cơ sở").
_NAME_FILLERS = ("thuc hien", "o", "ve", "cua", "doi voi", "va")
_LAW_NAME = re.compile(r"^(bo luat|luat|phap lenh) ")


def _short_names(name: str) -> set[str]:
    """``name`` without any of the filler words it holds, keeping at least two words after the type."""
    m = _LAW_NAME.match(name)
    if m is None:
        return set()
    rest = f" {name[m.end() :]} "
    fillers = [f for f in _NAME_FILLERS if f" {f} " in rest]
    out: set[str] = set()
    for mask in range(1, 2 ** len(fillers)):
        short = rest
        for i, f in enumerate(fillers):
            if mask >> i & 1:
                short = short.replace(f" {f} ", " ")
        if len(short.split()) >= 2:
            out.add(f"{m.group(1)} {' '.join(short.split())}")
    return out


def _add_title(doc: NamedDocument, doc_type: str | None, title: str) -> None:
    name = _clean_name(title)
    if doc_type and not _TYPE_PREFIX.match(name):
        name = f"{_clean_name(doc_type)} {name}"
    doc.names.add(name)
    doc.names.update(_short_names(name))
