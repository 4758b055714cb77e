"""Answers built from retrieved passages, never generated."""

from tracuu.answer.answerer import AnswerResult, Answerer

__all__ = ["AnswerResult", "Answerer"]
