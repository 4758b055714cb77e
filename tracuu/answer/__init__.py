"""Answers built from retrieved passages, never generated."""

from tracuu.answer.answerer import Answerer, AnswerResult

__all__ = ["AnswerResult", "Answerer"]
