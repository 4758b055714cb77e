"""Structured facts read from plans and directives: deadlines, targets, assignments, validity, citations."""

from tracuu.facts.models import Assignment, Deadline, Facts, FactSpan, Target, Validity

__all__ = ["Assignment", "Deadline", "FactSpan", "Facts", "Target", "Validity"]
