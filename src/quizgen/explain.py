"""``quizgen explain``: for each item, the questions it yields and what the rules turned down.

Builds the bank and composes the pack's quizzes as ``quizgen build`` does, with the rules'
trace on (:func:`quizgen.rules.tracing`), and every choice candidate's wrong options
looked at, so that each rejection a rule can make of the pack is seen. Pure: returns data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from . import rules
from .model import Pack
from .question import Question


@dataclass(frozen=True)
class ItemExplanation:
    """One item: the questions it yields (in the bank) and the rejections made of it."""

    kind: str
    id: str
    questions: tuple[Question, ...]
    rejections: tuple[rules.Rejection, ...]


def explain_pack(pack: Pack, seed: Optional[int] = None,
                 variants: Optional[int] = None) -> list[ItemExplanation]:
    """Every item of ``pack``, in the pack's order, with its questions and its rejections."""
    from .bank import build_bank
    from .quiz import compose_quizzes
    from .quiz.pool import Pool
    from .render.quiz import quiz_request

    with rules.tracing() as trace:
        bank = build_bank(pack)
        pool = Pool(bank)
        for candidates in pool.choice_candidates.values():
            for q in candidates:
                pool.wrong_answers(q)
        pool.short_answer_candidates  # noqa: B018 - looked at for its rejections
        pool.statements  # noqa: B018
        compose_quizzes(bank, quiz_request(pack.info.quiz, seed, variants))
    questions: dict[tuple[str, str], list[Question]] = {}
    for q in bank.questions:
        questions.setdefault((q.item_kind, q.item_id), []).append(q)
    rejected: dict[tuple[str, str], list[rules.Rejection]] = {}
    for rejection in dict.fromkeys(trace):
        rejected.setdefault((rejection.item_kind, rejection.item_id), []).append(rejection)
    return [ItemExplanation(kind, item.id, tuple(questions.get((kind, item.id), ())),
                            tuple(rejected.get((kind, item.id), ())))
            for kind, items in pack.items_by_kind() for item in items]


def explanation_lines(found: list[ItemExplanation], item: Optional[str] = None,
                      scopes: Optional[frozenset[str]] = None) -> list[str]:
    """The explanation as ``quizgen explain`` prints it; only ``item`` (an id) when given, and
    only the rejections of ``scopes`` (card, task, option, sheet) when given."""
    lines: list[str] = []
    for entry in found:
        if item is not None and entry.id != item:
            continue
        lines.append(f"{entry.kind}[{entry.id}]: {len(entry.questions)} question(s), "
                     f"{len(entry.rejections)} left out")
        for q in entry.questions:
            lines.append(f"  asks {q.kind.value} ({q.id}): {q.prompt} → {q.answer}")
        for r in entry.rejections:
            if scopes is not None and r.scope.value not in scopes:
                continue
            lines.append(f"  left out {r.subject} [{r.scope.value}: {r.rule}]: {r.reason}")
    return lines
