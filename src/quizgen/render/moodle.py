"""Moodle XML: the format Moodle's question bank imports (Question bank → Import → Moodle XML).

Each task becomes the question type Moodle has for it: multiple choice and the
which-source task ``multichoice``, true or false ``truefalse``, matching
``matching``, chronology ``ordering`` (core Moodle since 4.4) and short answer
``shortanswer`` with every other name an accepted answer. The elements and their
order follow Moodle's documentation of the format ("Moodle XML format", MoodleDocs)
and the exports in Moodle's own tests (``question/format/xml/tests``,
``question/type/ordering/tests/fixtures``). Texts are HTML, so markup in content
is escaped twice: once as HTML, once as XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from ..quiz import Chronology, Choice, Matching, Quiz, ShortAnswer, Task, TrueFalse
from .inline import one_line
from .lms_common import (accepted_answers, capfirst, category_names, events_in_order, feedback_html,
                  shortened, stem_html, task_id, text)

# Moodle's limits: a question's name is 255 characters, its ID number 100.
NAME_LENGTH = 255
IDNUMBER_LENGTH = 100
# Moodle's default penalty for each wrong try in adaptive mode, as its exports write it;
# a second try at true or false is no test, so Moodle takes the whole mark for it.
PENALTY = "0.3333333"
TRUE_FALSE_PENALTY = "1.0000000"
# A category path names the context the bank belongs to, then the categories under "top".
CATEGORY_ROOT = "$course$/top"


def render_moodle_xml(quizzes: Sequence[Quiz]) -> tuple[bytes, int]:
    """All variants in one file, each in a category of its own; and how many questions."""
    root = ET.Element("quiz")
    count = 0
    for quiz in quizzes:
        root.append(_category(category_names(quiz, quizzes)))
        for number, task in enumerate(quiz.tasks, start=1):
            root.append(_question(quiz, number, task))
            count += 1
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode("utf-8"), count


def category_path(names: Sequence[str]) -> str:
    """Moodle's path of nested categories; a "/" inside a name is written "//"."""
    return "/".join([CATEGORY_ROOT, *(n.replace("/", "//") for n in names)])


def _category(names: Sequence[str]) -> ET.Element:
    question = ET.Element("question", type="category")
    # A category is named on one line: Moodle shows it in one, and GIFT's is a line.
    _text(ET.SubElement(question, "category"), one_line(category_path(names)))
    return question


def _question(quiz: Quiz, number: int, task: Task) -> ET.Element:
    kind, build = _TYPES[type(task)]
    question = ET.Element("question", type=kind)
    identity = task_id(quiz, task)
    _text(ET.SubElement(question, "name"), shortened(f"{number:02d} {identity}", NAME_LENGTH))
    _html(question, "questiontext", _question_text(quiz, task))
    _html(question, "generalfeedback", feedback_html(quiz, task))
    _value(question, "defaultgrade", str(task.points))
    _value(question, "penalty", TRUE_FALSE_PENALTY if kind == "truefalse" else PENALTY)
    _value(question, "hidden", "0")
    _value(question, "idnumber", shortened(identity, IDNUMBER_LENGTH))
    build(question, task)
    return question


def _question_text(quiz: Quiz, task: Task) -> str:
    if isinstance(task, ShortAnswer) and task.is_cloze:
        return stem_html(quiz, task) + f"<p>{text(task.before)}_____{text(task.after)}</p>"
    return stem_html(quiz, task)


def _multichoice(question: ET.Element, task: Task) -> None:
    assert isinstance(task, Choice)
    _value(question, "single", "true")
    _value(question, "shuffleanswers", "true")
    _value(question, "answernumbering", "abc")
    _combined_feedback(question)
    for index, option in enumerate(task.options):
        _answer(question, "100" if index == task.answer else "0", text(capfirst(option)))


def _truefalse(question: ET.Element, task: Task) -> None:
    assert isinstance(task, TrueFalse)
    # The answers' texts are Moodle's own keys, "true" and "false", shown in the user's language.
    _answer(question, "100" if task.true else "0", "true", "moodle_auto_format")
    _answer(question, "0" if task.true else "100", "false", "moodle_auto_format")


def _matching(question: ET.Element, task: Task) -> None:
    assert isinstance(task, Matching)
    _value(question, "shuffleanswers", "true")
    _combined_feedback(question)
    # The answers have no format of their own, but Moodle shows them as HTML (its match
    # renderer passes them through format_string): so they are escaped as the texts are.
    for item, answer in zip(task.left, task.answers):
        sub = ET.SubElement(question, "subquestion", format="html")
        _text(sub, text(capfirst(item)))
        _text(ET.SubElement(sub, "answer"), text(capfirst(task.right[answer])))


def _ordering(question: ET.Element, task: Task) -> None:
    assert isinstance(task, Chronology)
    # All events shown, one under another; each in its right place earns its share.
    _value(question, "layouttype", "VERTICAL")
    _value(question, "selecttype", "ALL")
    _value(question, "selectcount", str(len(task.events)))
    _value(question, "gradingtype", "ABSOLUTE_POSITION")
    _value(question, "showgrading", "SHOW")
    _value(question, "numberingstyle", "none")
    _combined_feedback(question)
    # The answers in the right order; "fraction" is the position, as Moodle writes it.
    for position, event in enumerate(events_in_order(task), start=1):
        _answer(question, f"{position}.0000000", text(event), feedback=False)


def _shortanswer(question: ET.Element, task: Task) -> None:
    assert isinstance(task, ShortAnswer)
    _value(question, "usecase", "0")
    for answer in accepted_answers(task):
        _answer(question, "100", wildcard_escaped(answer), "moodle_auto_format")


def wildcard_escaped(answer: str) -> str:
    """A short answer as Moodle matches it: "*" is a wildcard there unless written "\\*"."""
    return answer.replace("*", "\\*")


_TYPES = {Choice: ("multichoice", _multichoice), TrueFalse: ("truefalse", _truefalse),
          Matching: ("matching", _matching), Chronology: ("ordering", _ordering),
          ShortAnswer: ("shortanswer", _shortanswer)}


def _combined_feedback(question: ET.Element) -> None:
    """Moodle's feedback for a right, partly right and wrong response: left to the general one."""
    for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _html(question, name, "")


def _answer(question: ET.Element, fraction: str, value: str, fmt: str = "html",
            feedback: bool = True) -> None:
    answer = ET.SubElement(question, "answer", fraction=fraction, format=fmt)
    _text(answer, value)
    if feedback:
        _html(answer, "feedback", "")


def _html(parent: ET.Element, name: str, value: str) -> None:
    _text(ET.SubElement(parent, name, format="html"), value)


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _value(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, name).text = value
