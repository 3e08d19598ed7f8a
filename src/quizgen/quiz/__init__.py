"""Printed quizzes as data: what a quiz is (:mod:`.types`) and how one is composed (:mod:`.compose`)."""

from .compose import compose_quizzes, overlap
from .pool import QUIZ_KINDS
from .types import (Chronology, Choice, KeyNote, Matching, Quiz, QuizRequest, Section,
                    ShortAnswer, Task, TrueFalse)

__all__ = ["QUIZ_KINDS", "Chronology", "Choice", "KeyNote", "Matching", "Quiz", "QuizRequest", "Section",
           "ShortAnswer", "Task", "TrueFalse", "compose_quizzes", "overlap"]
