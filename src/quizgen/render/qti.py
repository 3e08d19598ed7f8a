"""IMS QTI 2.1 items, and each variant as a test of them, in an IMS content package.

The package is a zip with ``imsmanifest.xml``: platforms that import a question
bank take the items, those that import a quiz take a variant's ``assessmentTest``.

Multiple choice, which-source and true or false tasks are a ``choiceInteraction``,
matching a ``matchInteraction``, chronology an ``orderInteraction`` and short
answer a ``textEntryInteraction``. Each item's response processing writes out the
rules of IMS's standard templates (``match_correct``, and ``map_response``: a point
per pair matched, every other name of an actor accepted), scaled to the task's
points, and chronology's by the printed quiz's rule: 2 points for the right order,
1 when two events are swapped. Written out rather than named by the template's
URI, the rules can also show the key's notes as the item's modal feedback. Items
and manifest validate against IMS's XSDs; the zip's entries have fixed dates and
order, so one quiz is one byte string.
"""

from __future__ import annotations

import io
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Sequence

from ..i18n import label
from ..quiz import Chronology, Choice, Matching, Quiz, ShortAnswer, Task, TrueFalse
from .inline import one_line
from .lms_common import accepted_answers, capfirst, feedback_html, stem_html, task_id

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
# Every entry's date: 1980-01-01 00:00, the earliest a zip file can hold; never the clock.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")
# A feedback shown once a response is scored.
SOLUTION = "SOLUTION"


def render_qti_package(quizzes: Sequence[Quiz]) -> tuple[bytes, int]:
    """The content package of every variant's items and tests; and how many items."""
    items = qti_items(quizzes)
    tests = qti_tests(quizzes, items)
    entries = {"imsmanifest.xml": manifest(quizzes[0], items, tests)}
    entries.update((href, data) for href, _, data in items)
    entries.update((href, data) for href, _, data, _ in tests)
    return zip_entries(entries), len(items)


# A test: its file name, its identifier, its XML and the identifiers of its items.
TestFile = tuple[str, str, bytes, list[str]]


def qti_tests(quizzes: Sequence[Quiz], items: Sequence[tuple[str, str, bytes]]) -> list[TestFile]:
    """Each variant as an ``assessmentTest`` of its items in the quiz's order, scores summed."""
    tests: list[TestFile] = []
    remaining = list(items)
    for quiz in quizzes:
        own, remaining = remaining[:len(quiz.tasks)], remaining[len(quiz.tasks):]
        identifier = f"test.{quiz.variant}" if quiz.variant else "test"
        title = one_line(quiz.title) + (
            f" · {label(quiz.language, 'quiz.variant', variant=quiz.variant)}"
            if quiz.variant else "")
        test = ET.Element(_q("assessmentTest"), {
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": identifier, "title": title})
        _outcome(test, "SCORE", "float", "0")
        _outcome(test, "MAXSCORE", "float", str(quiz.points))
        part = _add(test, "testPart", identifier="part", navigationMode="nonlinear",
                    submissionMode="simultaneous")
        section = _add(part, "assessmentSection", identifier="section", title=title,
                       visible="true")
        for href, item_id, _ in own:
            _add(section, "assessmentItemRef", identifier=item_id, href=href)
        total = _add(_add(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE")
        _add(_add(total, "sum"), "testVariables", variableIdentifier="SCORE")
        tests.append((f"{identifier}.xml", identifier, _document(test, QTI),
                      [item_id for _, item_id, _ in own]))
    return tests


def qti_items(quizzes: Sequence[Quiz]) -> list[tuple[str, str, bytes]]:
    """Each task as an item: its file name in the package, its identifier and its XML."""
    items = []
    for quiz in quizzes:
        for number, task in enumerate(quiz.tasks, start=1):
            identifier = identifier_of(quiz, task)
            title = f"{number:02d} {task_id(quiz, task)}"
            href = f"items/{identifier}.xml"
            item = assessment_item(quiz, task, identifier, title)
            items.append((href, identifier, _document(item, QTI)))
    return items


def identifier_of(quiz: Quiz, task: Task) -> str:
    """An identifier QTI allows (an XML name), unique in the package: variant and task id."""
    variant = f"{quiz.variant}." if quiz.variant else ""
    return f"q.{variant}{_NOT_NAME.sub('.', task_id(quiz, task))}"


def zip_entries(entries: dict[str, bytes]) -> bytes:
    """A zip of these entries in this order, deflated, with fixed dates and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, for the mode below
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def manifest(quiz: Quiz, items: Sequence[tuple[str, str, bytes]],
             tests: Sequence[TestFile]) -> bytes:
    """``imsmanifest.xml``: a resource per item and per test (IMS Content Packaging 1.1)."""
    root = ET.Element(f"{{{CP}}}manifest", {
        "identifier": f"MANIFEST-{_NOT_NAME.sub('.', quiz.pack_id)}",
        f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"})
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    ET.SubElement(root, f"{{{CP}}}organizations")
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    for href, identifier, _ in items:
        resource = ET.SubElement(resources, f"{{{CP}}}resource",
                                 identifier=identifier, type=ITEM_TYPE, href=href)
        ET.SubElement(resource, f"{{{CP}}}file", href=href)
    for href, identifier, _, needs in tests:
        resource = ET.SubElement(resources, f"{{{CP}}}resource",
                                 identifier=identifier, type=TEST_TYPE, href=href)
        ET.SubElement(resource, f"{{{CP}}}file", href=href)
        for item in needs:
            ET.SubElement(resource, f"{{{CP}}}dependency", identifierref=item)
    return _document(root, CP)


def assessment_item(quiz: Quiz, task: Task, identifier: str, title: str) -> ET.Element:
    item = ET.Element(_q("assessmentItem"), {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": identifier, "title": title, "adaptive": "false",
        "timeDependent": "false", f"{{{XML}}}lang": quiz.language})
    build = _BUILDERS[type(task)]
    declaration = _add(item, "responseDeclaration", identifier="RESPONSE")
    _outcome(item, "SCORE", "float", "0")
    _outcome(item, "MAXSCORE", "float", str(task.points))
    _outcome(item, "FEEDBACK", "identifier", None)
    body = _add(item, "itemBody")
    rules = build(quiz, task, declaration, body)
    processing = _add(item, "responseProcessing")
    processing.extend(rules)
    _set(processing, "FEEDBACK", "identifier", SOLUTION)
    feedback = _add(item, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show",
                    identifier=SOLUTION)
    _html_into(feedback, feedback_html(quiz, task))
    return item


Rules = list[ET.Element]


def _choice(quiz: Quiz, task: Task, declaration: ET.Element, body: ET.Element) -> Rules:
    assert isinstance(task, (Choice, TrueFalse))
    if isinstance(task, Choice):
        _html_into(body, stem_html(quiz, task))
        options = [capfirst(o) for o in task.options]
        right = task.answer
        prompt = None
    else:
        options = [label(quiz.language, "quiz.true"), label(quiz.language, "quiz.false")]
        right = 0 if task.true else 1
        prompt = task.statement
    declaration.attrib.update(cardinality="single", baseType="identifier")
    _correct(declaration, [f"C{right + 1}"])
    interaction = _add(body, "choiceInteraction", responseIdentifier="RESPONSE",
                       shuffle="false", maxChoices="1")
    if prompt:
        _add(interaction, "prompt").text = prompt
    for index, option in enumerate(options, start=1):
        _add(interaction, "simpleChoice", identifier=f"C{index}").text = option
    return _match_correct(task.points)


def _matching(quiz: Quiz, task: Task, declaration: ET.Element, body: ET.Element) -> Rules:
    assert isinstance(task, Matching)
    pairs = [f"L{i + 1} R{a + 1}" for i, a in enumerate(task.answers)]
    declaration.attrib.update(cardinality="multiple", baseType="directedPair")
    _correct(declaration, pairs)
    mapping = _add(declaration, "mapping", lowerBound="0", defaultValue="0")
    for pair in pairs:
        _add(mapping, "mapEntry", mapKey=pair, mappedValue="1")
    interaction = _add(body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="true",
                       maxAssociations=str(len(pairs)))
    _add(interaction, "prompt").text = task.prompt
    for side, values in (("L", task.left), ("R", task.right)):
        choices = _add(interaction, "simpleMatchSet")
        for index, value in enumerate(values, start=1):
            _add(choices, "simpleAssociableChoice", identifier=f"{side}{index}",
                 matchMax="1").text = capfirst(value)
    return _map_response()


def _chronology(quiz: Quiz, task: Task, declaration: ET.Element, body: ET.Element) -> Rules:
    assert isinstance(task, Chronology)
    right = [f"E{i + 1}" for i in task.order]
    declaration.attrib.update(cardinality="ordered", baseType="identifier")
    _correct(declaration, right)
    interaction = _add(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
    _add(interaction, "prompt").text = label(quiz.language, "lms.chronology")
    for index, event in enumerate(task.events, start=1):
        _add(interaction, "simpleChoice", identifier=f"E{index}").text = event
    return [_swap_rule(right, task.points)]


def _swap_rule(right: list[str], points: int) -> ET.Element:
    """Full points for the right order, one point less for any two events swapped, else 0."""
    condition = ET.Element(_q("responseCondition"))
    first = _add(condition, "responseIf")
    first.append(_matches(_variable(), _add_free("correct", identifier="RESPONSE")))
    _set(first, "SCORE", "float", str(points))
    slip = _add(condition, "responseElseIf")
    either = _add(slip, "or")
    for a, b in itertools.combinations(range(len(right)), 2):
        swapped = list(right)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        ordered = _add_free("ordered")
        for value in swapped:
            _add(ordered, "baseValue", baseType="identifier").text = value
        either.append(_matches(_variable(), ordered))
    _set(slip, "SCORE", "float", str(points - 1))
    _set(_add(condition, "responseElse"), "SCORE", "float", "0")
    return condition


def _short_answer(quiz: Quiz, task: Task, declaration: ET.Element, body: ET.Element) -> Rules:
    assert isinstance(task, ShortAnswer)
    answers = accepted_answers(task)
    declaration.attrib.update(cardinality="single", baseType="string")
    _correct(declaration, [task.answer])
    mapping = _add(declaration, "mapping", defaultValue="0")
    folded: set[str] = set()
    for answer in answers:
        if answer.casefold() not in folded:
            folded.add(answer.casefold())
            _add(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive="false")
    _html_into(body, stem_html(quiz, task))
    line = _add(body, "p")
    # No expectedLength: a box as long as the key would hint at the answer.
    entry = _add_free("textEntryInteraction", responseIdentifier="RESPONSE")
    if task.is_cloze:
        line.text = task.before
        entry.tail = task.after
    line.append(entry)
    return _map_response()


_BUILDERS = {Choice: _choice, TrueFalse: _choice, Matching: _matching,
             Chronology: _chronology, ShortAnswer: _short_answer}


def _match_correct(points: int) -> Rules:
    """``match_correct``'s rule, scaled to the task's points."""
    condition = ET.Element(_q("responseCondition"))
    right = _add(condition, "responseIf")
    right.append(_matches(_variable(), _add_free("correct", identifier="RESPONSE")))
    _set(right, "SCORE", "float", str(points))
    _set(_add(condition, "responseElse"), "SCORE", "float", "0")
    return [condition]


def _map_response() -> Rules:
    """``map_response``'s rule: the mapped value of the response, 0 for none."""
    condition = ET.Element(_q("responseCondition"))
    none = _add(condition, "responseIf")
    _add(none, "isNull").append(_variable())
    _set(none, "SCORE", "float", "0")
    mapped = _add(_add(condition, "responseElse"), "setOutcomeValue", identifier="SCORE")
    _add(mapped, "mapResponse", identifier="RESPONSE")
    return [condition]


def _matches(left: ET.Element, right: ET.Element) -> ET.Element:
    match = ET.Element(_q("match"))
    match.extend([left, right])
    return match


def _variable() -> ET.Element:
    return _add_free("variable", identifier="RESPONSE")


def _correct(declaration: ET.Element, values: Sequence[str]) -> None:
    correct = _add(declaration, "correctResponse")
    for value in values:
        _add(correct, "value").text = value


def _outcome(item: ET.Element, identifier: str, base: str, default: str | None) -> None:
    outcome = _add(item, "outcomeDeclaration", identifier=identifier, cardinality="single",
                   baseType=base)
    if default is not None:
        _add(_add(outcome, "defaultValue"), "value").text = default


def _set(parent: ET.Element, identifier: str, base: str, value: str) -> None:
    outcome = _add(parent, "setOutcomeValue", identifier=identifier)
    _add(outcome, "baseValue", baseType=base).text = value


def _html_into(parent: ET.Element, markup: str) -> None:
    """Paragraphs made by :mod:`.lms` (escaped text in ``p``, ``b``, ``cite``) as QTI's XHTML."""
    wrapper = ET.fromstring(f'<div xmlns="{QTI}">{markup}</div>')
    parent.extend(list(wrapper))


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _add(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag), attributes)


def _add_free(tag: str, **attributes: str) -> ET.Element:
    return ET.Element(_q(tag), attributes)


def _document(root: ET.Element, namespace: str) -> bytes:
    # The document's namespace written as the default one; ``tostring``'s own
    # ``default_namespace`` refuses the attributes that have no namespace.
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", XSI)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode("utf-8")
