"""The Anki note types and what each field of a note shows: the part of the deck to edit.

Two note types (basic and cloze) that every pack shares, their templates and
styling, and the HTML of each field made from a question. Content is always
text, never markup: every field is escaped here. :mod:`quizgen.render.anki`
writes these notes into the package.
"""

from __future__ import annotations

import functools
import html

import genanki

from ..question import Cloze, Question, SourceRef
from ..i18n import label
from ..model import Language

# Never change the ids, field names or template names below. Anki recognises a
# note type by its id; when an imported note type has the same id but other field
# or template names, Anki keeps the old one, adds a renamed copy and skips every
# update to existing notes, so edits would stop reaching learners. Names, styling
# and template markup may change: the lock then stamps the note type as changed
# and Anki takes the newer version on import.
BASIC_MODEL_ID = 1998232028
CLOZE_MODEL_ID = 1832168675
BASIC_FIELDS = ("Prompt", "Answer", "Details", "Source", "QuestionId")
CLOZE_FIELDS = ("Text", "Details", "Source", "QuestionId")
BASIC_TEMPLATE = "Question"
CLOZE_TEMPLATE = "Cloze"
# Keys of the note types in the lock file; renaming one re-stamps that note type.
BASIC_KEY = "basic"
CLOZE_KEY = "cloze"
# Field holding the question id, shown nowhere, searched to find removed notes.
QUESTION_ID_FIELD = "QuestionId"

CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: var(--fg, #1f2328);
  background-color: var(--canvas, #ffffff);
}
.qg { max-width: 36em; margin: 0 auto; padding: 0.5em 0.75em; overflow-wrap: break-word; }
.qg-prompt { font-weight: 600; }
.qg-answer { margin: 0.5em 0; font-size: 1.05em; color: #0b4f8a; }
.cloze { font-weight: 700; color: #0b4f8a; }
.qg-details { margin: 0.75em 0; font-size: 0.9em; color: #3d444d; }
.qg-title { font-weight: 600; }
.qg-sources { margin-top: 1em; padding-top: 0.5em; border-top: 1px solid #d0d7de;
  font-size: 0.8em; color: #59636e; }
.qg-source + .qg-source { margin-top: 0.5em; }
.qg-label { font-weight: 600; }
.qg-sources cite { font-style: italic; }
.qg-sources blockquote { margin: 0.25em 0 0; padding-left: 0.75em;
  border-left: 3px solid #d0d7de; }
hr#answer { border: none; border-top: 1px solid #d0d7de; margin: 0.75em 0; }
.nightMode.card, .night_mode.card, .nightMode .card, .night_mode .card {
  color: var(--fg, #e6edf3);
  background-color: var(--canvas, #1c1c1e);
}
.nightMode .qg-answer, .night_mode .qg-answer,
.nightMode .cloze, .night_mode .cloze { color: #79c0ff; }
.nightMode .qg-details, .night_mode .qg-details { color: #c9d1d9; }
.nightMode .qg-sources, .night_mode .qg-sources { color: #9198a1; border-top-color: #3d444d; }
.nightMode .qg-sources blockquote, .night_mode .qg-sources blockquote { border-left-color: #3d444d; }
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #3d444d; }
@media (max-width: 480px) {
  .card { font-size: 18px; }
  .qg { padding: 0.25em 0.25em; }
}
"""

_SOURCES_HTML = '<div class="qg-sources">{{Source}}</div>'
_DETAILS_HTML = '{{#Details}}<div class="qg-details">{{Details}}</div>{{/Details}}'
_BASIC_FRONT = '<div class="qg"><div class="qg-prompt">{{Prompt}}</div></div>'
_BASIC_BACK = ('{{FrontSide}}\n<hr id="answer">\n<div class="qg">'
               '<div class="qg-answer">{{Answer}}</div>\n'
               f'{_DETAILS_HTML}\n{_SOURCES_HTML}</div>')
_CLOZE_FRONT = '<div class="qg"><div class="qg-cloze">{{cloze:Text}}</div></div>'
_CLOZE_BACK = ('<div class="qg"><div class="qg-cloze">{{cloze:Text}}</div>\n'
               f'<hr id="answer">\n{_DETAILS_HTML}\n{_SOURCES_HTML}</div>')


def note_types() -> dict[str, genanki.Model]:
    """Fresh note types by lock key (genanki edits the dicts it is given when it serialises them)."""
    return {
        BASIC_KEY: genanki.Model(
            BASIC_MODEL_ID, "Quizgen Basic",
            fields=[{"name": name} for name in BASIC_FIELDS],
            templates=[{"name": BASIC_TEMPLATE, "qfmt": _BASIC_FRONT, "afmt": _BASIC_BACK}],
            css=CSS),
        CLOZE_KEY: genanki.Model(
            CLOZE_MODEL_ID, "Quizgen Cloze",
            fields=[{"name": name} for name in CLOZE_FIELDS],
            templates=[{"name": CLOZE_TEMPLATE, "qfmt": _CLOZE_FRONT, "afmt": _CLOZE_BACK}],
            css=CSS, model_type=genanki.Model.CLOZE),
    }


def note_fields(question: Question, sources: str) -> tuple[int, tuple[str, ...]]:
    """The question's note type id and its fields; ``sources`` is from :func:`sources_html`."""
    details = details_html(question)
    if question.cloze is not None:
        return CLOZE_MODEL_ID, (cloze_field(question.cloze, question.prompt), details, sources,
                                question.id)
    return BASIC_MODEL_ID, (text_html(question.prompt), text_html(question.answer), details,
                            sources, question.id)


# What the reviewer would read as something other than text, beyond HTML's own characters:
# "[" would open Anki's "[sound:…]" and "[latex]" tags; braces a cloze deletion ("{{c1::");
# and a backslash MathJax's delimiters "\\(", "\\)", "\\[" and "\\]". MathJax reads the
# page's text, not its markup, so a character reference ("&#92;") would not stop it; but it
# looks for a delimiter within one run of text, and every element other than <br>, <wbr>
# and a comment ends a run (MathJax 3's HTMLDomStrings, as Anki's reviewer runs it): each
# backslash alone in an element of its own is never the start of one. Anki's reviewer loads
# MathJax only for a card whose HTML holds a delimiter, which then none does.
_FIELD_TEXT = str.maketrans({
    "[": "&#91;", "{": "&#123;", "}": "&#125;", "\\": '<span class="qg-bs">\\</span>',
    "\n": "<br>"})


def text_html(text: str) -> str:
    """Content as HTML text, never markup: escaped, with line breaks kept.

    Nothing in it can form Anki's own tags, a cloze deletion or MathJax's math.
    """
    return html.escape(text).translate(_FIELD_TEXT)


def cloze_field(cloze: Cloze, title: str = "") -> str:
    """The sentence with its hidden part as cloze deletion 1, under the event's title: the
    sentence alone may not say what it is about."""
    # Inside the deletion, content must not start a hint ("::") either: its colons become
    # character references.
    hidden = text_html(cloze.hidden).replace(":", "&#58;")
    heading = f'<div class="qg-title">{text_html(title)}</div>' if title else ""
    return f"{heading}{text_html(cloze.before)}{{{{c1::{hidden}}}}}{text_html(cloze.after)}"


def details_html(question: Question) -> str:
    """The explanation, less what the card already shows. A cloze's back shows its event's
    title over the sentence already, and no "title — hidden word" line: the word hidden need
    not be about the event («Атака на Армению — ЕС» pairs the attack with the EU)."""
    explanation = question.explanation.strip()
    if question.cloze is None:
        return "" if explanation in ("", question.answer) else text_html(explanation)
    cloze = question.cloze
    rest = _unshown(explanation, cloze.before + cloze.hidden + cloze.after)
    return f"<div>{text_html(rest)}</div>" if rest else ""


def _unshown(explanation: str, shown: str) -> str:
    """``explanation`` without the words it starts with that ``shown`` starts with too.

    An event's explanation is its summary, which a cloze card already shows in
    full, followed by how the date was found, which it does not.
    """
    common = _common_prefix_length(explanation, shown)
    if common < len(explanation) and not explanation[common].isspace():
        common = explanation.rfind(" ", 0, common) + 1
    return explanation[common:].strip()


def _common_prefix_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start.

    A binary search over prefixes, each compared in one step, rather than a
    character-by-character loop: summaries can be long and there are thousands.
    """
    low, high = 0, min(len(a), len(b))
    if a.startswith(b[:high]):
        # The usual case: one is the other plus more (a summary and its date note).
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def sources_html(sources: tuple[SourceRef, ...], language: Language) -> str:
    """Each source's title once, followed by every distinct quote taken from it."""
    quotes: dict[tuple[str, str, str], list[str]] = {}
    for ref in sources:
        found = quotes.setdefault((ref.source_id, ref.title, ref.about), [])
        if ref.quote not in found:
            found.append(ref.quote)
    heading = _source_heading(language)
    return "".join(
        f'<div class="qg-source">{heading} <cite>{text_html(title)}</cite>'
        + (f'<details class="qg-about"><summary>{text_html(label(language, "label.about-source"))}'
           f'</summary>{text_html(about)}</details>' if about else "")
        + "".join([f"<blockquote>{text_html(quote)}</blockquote>" for quote in found])
        + "</div>"
        for (_, title, about), found in quotes.items())


@functools.lru_cache(maxsize=None)
def _source_heading(language: Language) -> str:
    """What opens each source's part of the Source field."""
    return f'<span class="qg-label">{text_html(label(language, "label.source"))}:</span>'


def chronological_preset(default: dict[str, object], deck_id: int, name: str) -> dict[str, object]:
    """The decks' options preset: new cards gathered in ascending position, the order
    :mod:`quizgen.render.new_cards` numbers them in.

    Anki imports a package's presets only when the importer's option to import deck
    presets is ticked; otherwise the decks keep the learner's default preset. The
    preset's id is the parent deck's, so each pack has its own.
    """
    return {**default, "id": deck_id, "name": name, "mod": 0,
            "newGatherPriority": _GATHER_ASCENDING_POSITION, "newSortOrder": _SORT_AS_GATHERED}


# Anki's DeckConfig.Config enums: NEW_CARD_GATHER_PRIORITY_LOWEST_POSITION and
# NEW_CARD_SORT_ORDER_NO_SORT (cards in the order they were gathered).
_GATHER_ASCENDING_POSITION = 1
_SORT_AS_GATHERED = 1
