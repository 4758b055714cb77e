"""Fact records. Every fact carries the exact span that states it (``FactSpan``), so it can be checked."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "FactSpan",
    "Deadline",
    "Target",
    "Assignment",
    "Validity",
    "Facts",
    "DeadlineKind",
    "AssignmentKind",
    "ValidityCode",
    "Holding",
    "DEADLINE_KIND_LABEL",
]

# Each enum once: the API schemas, the routes' query parameters and the pages use these.
DeadlineKind = Literal["due", "effective", "ended", "issued"]
AssignmentKind = Literal["assigned", "responsible", "recipient", "signer"]
ValidityCode = Literal["in_force", "not_yet", "ended", "unknown"]
Holding = Literal["full_text", "codified", "citation_only"]  # how the corpus holds a cited document
DEADLINE_KIND_LABEL: dict[str, str] = {
    "due": "Hạn",
    "effective": "Có hiệu lực",
    "ended": "Hết hiệu lực",
    "issued": "Ban hành",
}


@dataclass(frozen=True)
class FactSpan:
    doc_id: str
    section: str
    start: int  # text[start:end] of the document states the fact
    end: int


@dataclass(frozen=True)
class Deadline:
    date: str  # ISO
    date_text: str  # as written: "01/11/2023", "01 tháng 7 năm 2023"
    kind: DeadlineKind
    what: str  # what is due / what takes effect
    who: str | None  # who must do it
    to_whom: str | None  # where it is sent
    subject_key: str | None  # for effective/ended/issued: the document concerned
    span: FactSpan


@dataclass(frozen=True)
class Target:
    value: float
    unit: str  # "%"
    subject: str  # the population the target applies to
    description: str  # population + what it must achieve
    year: int | None
    label: str  # the target's number in its list, e.g. "III.6"
    span: FactSpan  # the whole target item
    value_start: int  # span of "60%" inside the document
    value_end: int


@dataclass(frozen=True)
class Assignment:
    assignee: str
    task: str
    kind: AssignmentKind
    span: FactSpan


@dataclass(frozen=True)
class Validity:
    """What the corpus says about a document's force: when it takes effect, what ends it."""

    key: str
    effective_from: str | None = None  # ISO date
    effective_span: FactSpan | None = None
    ended_by: str | None = None  # key of the document that ends or replaces it
    ended_on: str | None = None  # ISO date, when known
    ended_span: FactSpan | None = None


@dataclass
class Facts:
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    validity: dict[str, Validity] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "deadlines": [asdict(d) for d in self.deadlines],
            "targets": [asdict(t) for t in self.targets],
            "assignments": [asdict(a) for a in self.assignments],
            "validity": {k: asdict(v) for k, v in self.validity.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        def span(d):
            return FactSpan(**d) if d else None

        return cls(
            deadlines=[Deadline(**{**d, "span": span(d["span"])}) for d in data.get("deadlines", [])],
            targets=[Target(**{**t, "span": span(t["span"])}) for t in data.get("targets", [])],
            assignments=[Assignment(**{**a, "span": span(a["span"])}) for a in data.get("assignments", [])],
            validity={
                k: Validity(
                    **{**v, "effective_span": span(v.get("effective_span")), "ended_span": span(v.get("ended_span"))}
                )
                for k, v in data.get("validity", {}).items()
            },
        )
