"""The fairness rules: each one named unit, with its scope and the reason it gives.

A rule decides one thing: whether a question is asked at all (scope ``card``: the deck, the
quizzes, the study page and the exports alike, as they all draw on the one bank), whether
a question may be set as a quiz task of a type (``task``), whether an answer may stand as a
wrong option of another question (``option``), or whether a task may stand on a sheet beside
the tasks chosen before it (``sheet``).

Where a rule turns something down, its code calls :func:`reject`. Outside
:func:`tracing` that costs a lookup and nothing else; inside, each rejection is recorded
with its item and reason: what ``quizgen explain`` prints. The registry is the list the docs
print (``docs/rules.md``, checked against it by a test), and each rule has a case file under
``tests/rule_cases/`` that provokes it.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Iterator, Optional


class Scope(str, Enum):
    CARD = "card"
    TASK = "task"
    OPTION = "option"
    SHEET = "sheet"


@dataclass(frozen=True)
class Rule:
    """A fairness rule: its name, what it decides, and the reason it gives (a template)."""

    name: str
    scope: Scope
    summary: str
    reason: str


REGISTRY: dict[str, Rule] = {}


def _rule(name: str, scope: Scope, summary: str, reason: str) -> Rule:
    assert name not in REGISTRY, name
    REGISTRY[name] = found = Rule(name, scope, summary, reason)
    return found


# --- card: whether a question is asked at all ------------------------------------------

SKIPPED_BY_AUTHOR = _rule(
    "skipped-by-author", Scope.CARD,
    "An item's `skip:` turns off a kind of question it yields; the author's reason is kept.",
    "the item's skip: turns it off: {detail}")
DATE_NOT_ASKED = _rule(
    "date-not-asked", Scope.CARD,
    "A date is asked only where the sources give it: not an `outside` date (unless "
    "`ask_date: true`), nor one with `ask_date: false`.",
    "its date is not asked: {detail}")
PERIOD_NOT_KNOWN = _rule(
    "period-not-known", Scope.CARD,
    "\"What happened in …\" is asked only where every event the pack may place in the period is "
    "dated by the sources to inside it; otherwise the full answer is not known. A year into "
    "which an event that began earlier went on (its date note or summary gives the range) is "
    "not asked, nor a period in which such an event began: whether the event \"happened\" then "
    "can be argued either way.",
    "what happened in {detail} is not known in full: an event may fall in it undated, "
    "dated to a wider span, or still going on from an earlier year")
PERIOD_REPEATS = _rule(
    "period-repeats", Scope.CARD,
    "A year that holds only what a shorter period of it holds is not asked again.",
    "{detail} holds the same events as a shorter period already asked")
ANSWER_TOO_LONG = _rule(
    "answer-too-long", Scope.CARD,
    "An answer a learner must produce from memory has at most 25 words: a longer list is asked "
    "one member at a time (naming the others), a longer list of a period's events not at all.",
    "the answer would be {detail} words; at most 25 can be recalled")
TOO_MANY_TO_RECALL = _rule(
    "too-many-to-recall", Scope.CARD,
    "\"What happened in …\" lists at most three events: a longer list cannot be recalled.",
    "the answer would list {detail}; a list that long cannot be recalled")
OTHER_DATED_FACTS = _rule(
    "other-dated-facts", Scope.CARD,
    "\"What happened in …\" is not asked where the sources' texts tell of that date in a "
    "sentence that quotes none of the events the pack places in it: the sources know more "
    "answers than the pack (asked only where the texts are found).",
    "the sources also say: «{detail}»")
DATE_NOT_SETTLED = _rule(
    "date-not-settled", Scope.CARD,
    "\"When did it happen?\" is not asked of an event that went on for years (its date note or "
    "summary gives the range) or whose date note names another year up to three from it "
    "(«987 или 988»; not a derived date's note, which says what it is counted from): its one "
    "date is not the answer.",
    "its date is not one answer: {detail}")
DATE_IN_TITLE = _rule(
    "date-in-title", Scope.CARD,
    "An event's date is not asked where its title names its year or its month, by name or by a "
    "day that falls in it every year («Первомайская демонстрация», \"Christmas truce\").",
    "the title names {detail}")
ACTOR_IN_TITLE = _rule(
    "actor-in-title", Scope.CARD,
    "\"Who took part in …\" asks only for the actors the event's title, the pack's title and the "
    "sources' names do not name (by name, "
    "alias, surname, initials, stem, the word for its kind in its name or an alias: \"the "
    "new republic\", «миссией», or the noun its role opens with: «Призыв нижегородского "
    "старосты»).",
    "the title names {detail}")
PARTICIPANT_UNSAID = _rule(
    "participant-unsaid", Scope.CARD,
    "\"Who took part in …\" is asked as a blank in a quote of the event (or its summary) where "
    "that names one actor the title does not, never as the list of the event's actors: an "
    "author's list is seldom all the sources name, and the sentence says who did what. An event "
    "whose quotes and summary name none of them as written has no such card.",
    "no quote or summary of the event names {detail} so that it can be left blank")
NAMED_BUT_FOR_KIND = _rule(
    "named-but-for-kind", Scope.CARD,
    "An actor (not a person) is not asked for where the prompt — its role, the event's title, "
    "the sentence around the blank — holds every word of its name but the word for its kind, "
    "in any form or a word derived from it («Новое городовое положение» → Городские думы, "
    "\"Soviet leaders\" → the Soviet Union); nor where it holds a word whose root opens or ends "
    "a name made of one compound word («Проектная организация» → Метропроект): told the rest, "
    "the kind word or the other half is general knowledge.",
    "the prompt names {detail} but for the word for its kind")
DESCRIBED_PARTICIPANT = _rule(
    "described-participant", Scope.CARD,
    "A group named by what its members are (\"Irish landlords\", «российские силовики») is not "
    "left blank in \"who fills the blank\": the sentence around it (\"___ cleared their "
    "estates\") tells it.",
    "{detail} is a description of a group; the sentence around a blank would tell it")
NO_FAIR_CLOZE = _rule(
    "no-fair-cloze", Scope.CARD,
    "A summary yields a cloze only where a number, a quoted name, a proper name or an actor can "
    "be hidden that neither the title, the rest of the sentence nor the pack's own title gives "
    "away.",
    "no part of the summary can be hidden that the rest of it or the title does not give away")
BLANK_AFTER_RELATIVE = _rule(
    "blank-after-relative", Scope.CARD,
    "A name is not left blank right after a Russian word for a relative («брат ___»): read as "
    "in apposition, the relative's own name fits as well as the name of whom it is one.",
    "the word for a relative before it lets in another name: «{detail}»")
BLANK_IN_PAIR = _rule(
    "blank-in-pair", Scope.CARD,
    "A name is not left blank where \"and\" joins it to another name («в Петербурге и ___», "
    "\"Pierre and ___\"): a pair is remembered together, and one tells the other.",
    "the name it is paired with tells it: «{detail}»")
TITLE_FILLS_BLANK = _rule(
    "title-fills-blank", Scope.CARD,
    "A name is not left blank where the title puts another name before the word after the "
    "blank (\"the ___ outbreak\" under \"Examining the Soho outbreak\"): that name fills it too.",
    "the title fills the blank with another name: «{detail}»")
FIGURE_FOLLOWS = _rule(
    "figure-follows", Scope.CARD,
    "A number is not left blank where the sentence says how it relates to another figure it "
    "gives (\"fell from ___ million to half a million, a loss of two-thirds\", «выросла с 40 до "
    "___, вдвое»): the learner works it out rather than recalls it, and the worked-out figure "
    "need not be the source's.",
    "the sentence relates it to another figure: «{detail}»")
DESCRIBED_TWICE = _rule(
    "described-twice", Scope.CARD,
    "An actor whose name is itself a description («Российские политики», «Политики и "
    "дипломаты Баку») is not asked for by a role that opens by describing it again "
    "(«Представители элиты, …», «Столичный истеблишмент, …»): the two descriptions say one "
    "thing in other words, so the question asks for wording, and other wordings are as right. "
    "Its role is still asked from its name.",
    "its name is a description, and its role opens with another: «{detail}»")
ONE_OF_A_UNIT = _rule(
    "one-of-a-unit", Scope.CARD,
    "A number is not left blank where it is one before a unit of count («больше ___ млрд», "
    "\"___ million pounds\"): the unit alone says one of it, and nothing else is as likely.",
    "it is one before the unit «{detail}»")
DESCRIPTION_BLANK = _rule(
    "description-blank", Scope.CARD,
    "A cloze does not leave blank what an actor of the pack is, as its role opens (\"chaired by "
    "the ___\" → \"MP for Greenock\", where Robert Wallace is \"MP for Greenock, …\"): the "
    "learner recalls who it was, and the name fits the blank as well as the description.",
    "it describes {detail}, whose name fits the blank as well")
SEX_TOLD = _rule(
    "sex-told", Scope.CARD,
    "A person is not left blank where the sentence tells their sex and so the answer: a Russian "
    "past verb of the only woman (or man) of the pack («___ защитила диссертацию»), an English "
    "\"she\" or \"her\" (\"___ saw that her measurements…\"; the sources of most packs name "
    "few women).",
    "the sentence around the blank tells the person's sex: «{detail}»")
OPEN_LIST = _rule(
    "open-list", Scope.CARD,
    "A cause with several effects (or an effect with several causes) is not asked for them, "
    "whole or one at a time: the pack's links are the author's choice, never all the sources "
    "tell. Each link is asked from its other end, where that end has only it.",
    "{detail} links share it; the list is not known to be whole")
UNDATED_LINK = _rule(
    "undated-link", Scope.CARD,
    "\"What did it lead to?\" and \"what led to it?\" are asked only where the answer is an "
    "event the sources date (not approximately), and the prompt says when («К чему это привело "
    "в феврале 1898 года?»): the sources tell more effects and causes of a thing than the pack "
    "links, and the date picks out the one meant. A link whose answer is a text of its own is "
    "not asked, nor one whose effect is dated to a year before its cause.",
    "its answer «{detail}» is no event the sources date after its cause, so other effects or "
    "causes would fit")
WHEN_HOLDS_TWO = _rule(
    "when-holds-two", Scope.CARD,
    "A link is asked only where the date its prompt gives holds no other event of the pack "
    "(«Какое событие в 1872 году привело к этому?» where 1872 holds two): each of them may "
    "be the answer.",
    "{detail} falls in the same period; the date does not pick out the answer")
LINK_SHARES_WORD = _rule(
    "link-shares-word", Scope.CARD,
    "A link is not asked where the answer shares a word with what the prompt gives (\"Dillon "
    "condemns the executions\" → \"The first leaders are executed\"; «Нападение на "
    "миротворцев в Грузии» → «Война в Грузии»), but a word of the pack's title: the word, not "
    "the story, tells the answer.",
    "it shares «{detail}» with what the prompt gives")
DISPUTED_CAUSE = _rule(
    "disputed-cause", Scope.CARD,
    "\"What led to …\" is not asked of an effect a dispute of the pack asks about: the sources "
    "disagree on what led to it, so one cause is not the answer.",
    "the pack's dispute asks: {detail}")
CUT_FITS_ANOTHER = _rule(
    "cut-fits-another", Scope.CARD,
    "A thing's role is shown without the words that open it («Военная структура, сбившая…» "
    "→ «сбившая…») only where no other thing the pack names beside it (in one of its events "
    "or quotes) agrees with what is left and differs in what the opening tells: its kind, or "
    "the qualifier of a longer opening («Всемирная структура» for the UN beside the OSCE). "
    "Otherwise the role is shown whole (Россия fits «сбившая…» as well), unless the opening "
    "names the actor or another one («Органы городского самоуправления» → Городские думы).",
    "{detail} fits the role without its opening; it is shown whole")
MANY_PARTS = _rule(
    "many-parts", Scope.CARD,
    "\"What part does … play?\" is not asked of an actor in more than two events: it plays many "
    "parts, so the role card asks for its name instead.",
    "it takes part in {detail} events; one role cannot answer what part it plays")

UNNAMED_HOLDER = _rule(
    "unnamed-holder", Scope.CARD,
    "Who holds a position is not asked where the source names no holder («одни историки», "
    "\"some historians\", written as `held_by`): the cards ask for the view instead.",
    "the source names no holder ({detail}); asking for one would test wording")
UNNAMED_LIKE_NAMED = _rule(
    "unnamed-like-named", Scope.CARD,
    "The view of holders a source does not name (\"some historians\") is not asked where "
    "another view of the dispute is held by a named actor the same words describe (a "
    "historian): the prompt would fit both.",
    "«{detail}» describes a named holder of another view too")
ONE_OF_TWO = _rule(
    "one-of-two", Scope.CARD,
    "Of two views that unnamed holders take («одни… другие…») on a question answered yes or "
    "no, one is not asked \"besides\" the other: shown one, the other is its opposite. Both "
    "are asked together, or neither.",
    "the only other view is shown in the prompt")
ONE_SOURCE = _rule(
    "one-source", Scope.CARD,
    "\"Which source gives this answer?\" is not asked of a pack with one source, nor of a "
    "dispute only one source speaks to: the question would name it.",
    "one source alone speaks to the question")
SOURCE_REPORTS_OTHERS = _rule(
    "source-reports-others", Scope.CARD,
    "\"How does <source> answer it?\" is not asked where that source also tells a view of "
    "holders it does not name («some historians argue…»): in the same voice, that view is as "
    "much its answer.",
    "the source also tells the view of holders it does not name ({detail})")

ANSWERS_ELSEWHERE = _rule(
    "answers-elsewhere", Scope.CARD,
    "A source's answers to a disputed question about causes are not asked where the pack links "
    "another cause, in that source's words, to what the question asks about («Почему провалилась "
    "миссия?» beside a link from the peacekeepers' deaths to «провал миссии» read from the same "
    "article): the source gives more answers than the dispute lists.",
    "the link {detail} gives another answer of the same source")
HOLDER_IN_QUESTION = _rule(
    "holder-in-question", Scope.CARD,
    "\"Whose answer is this?\" is not asked where the disputed question itself names the "
    "holder.",
    "the disputed question names {detail}")
SIDE_IN_QUESTION = _rule(
    "side-in-question", Scope.CARD,
    "\"What other answer besides …?\" is not asked where the disputed question itself names "
    "both sides («тактикой или стратегией?»): with one side shown, the question names the "
    "other.",
    "the disputed question names the answer by {detail}")

# --- task: whether a question may be set as a quiz task of a type ------------------------

LIST_NOT_A_CHOICE = _rule(
    "list-not-a-choice", Scope.TASK,
    "An answer that lists several members is not offered among single answers as a choice.",
    "its answer lists {detail} members; among single answers it would stand out")
GIVES_ITSELF_AWAY = _rule(
    "gives-itself-away", Scope.TASK,
    "A blank or a name to write in is not asked where the prompt or the sentence around it "
    "names the answer or another name of it.",
    "the text around it names the answer")
HELD_UNSHOWN = _rule(
    "held-unshown", Scope.TASK,
    "A claim that a source reports as someone else's («многие в Баку считают…») is asked of "
    "that source only where the quiz can say whose it is (every source names the holder): "
    "asked bare, it reads as the source's own view, which the source may not hold.",
    "its holder, {detail}, is not named by every source, so the quiz cannot say whose it is")
LOOSELY_NAMED = _rule(
    "loosely-named", Scope.TASK,
    "A group known by a description only («Многие в Баку»), or by names that all say where or "
    "which its members are («Азербайджанская диаспора в Екатеринбурге», «этнические "
    "азербайджанцы в Екатеринбурге»), is not a written answer: a student may put it in other "
    "words, each as right.",
    "the answer is a description with no other accepted name")
STATEMENT_ARGUABLE = _rule(
    "statement-arguable", Scope.TASK,
    "A date is stated as true or false only where the statement cannot be argued: not a title "
    "that names a year, an approximate date, or a date a quote also counts from another one; a "
    "false date is always one before the event, which may have gone on past its date but did "
    "not begin before it, and keeps the true date's month and day in an earlier year where "
    "the pack dates events in one: a title may tie an event to its time of year (a holiday, a "
    "season) by what everyone knows.",
    "a true/false statement of its date would be arguable: {detail}")
OUTSIDE_DATE_UNMARKED = _rule(
    "outside-date-unmarked", Scope.TASK,
    "An event whose date comes from outside the sources (`date_source: outside` with "
    "`ask_date: true`) is asked only where its mark is shown with it, as a card or a choice: "
    "a chronology, a matching or a true/false statement would ask for a date the sources do "
    "not give, or tell it apart by its mark.",
    "its date is from outside the sources, and this task could not show that")
ORDER_IN_TITLES = _rule(
    "order-in-titles", Scope.TASK,
    "A chronology holds no two events whose titles share a word (not one of the sheet's title, "
    "nor an actor's name) where one title says which stage it is (its start, end, first or "
    "last time, bringing in or doing away): stages of one thing order themselves («Начало "
    "обмена» before «Завершение обмена», «Введение карточек» before «Отмена карточек»); "
    "\"Battle of Ypres\" beside \"Battle of the Somme\" does not.",
    "its title shares «{detail}» with an event already in the chronology")
TOO_FEW_OPTIONS = _rule(
    "too-few-options", Scope.TASK,
    "A choice needs three wrong options that are wrong across the pack and alike in form to the "
    "right one (repeating the prompt or not, marked as one source's reading or not, as many "
    "actors, the same hedging of a date).",
    "only {detail} wrong options are left that are wrong across the pack and do not stand out")

# --- option: whether an answer may stand as a wrong option -------------------------------

RIGHT_ELSEWHERE = _rule(
    "right-elsewhere", Scope.OPTION,
    "An option the pack makes right for the same prompt, by another item (another effect of "
    "the cause, a cause further up the chain, an actor of the event or one who speaks for it, "
    "the same answer under another question) is never a wrong option.",
    "the pack makes it right too: {detail}")
OWN_ITEM = _rule(
    "own-item", Scope.OPTION,
    "The prompt's own item (or near enough a copy of it) is never a wrong option.",
    "it repeats the item the prompt asks about")
PARAPHRASE = _rule(
    "paraphrase", Scope.OPTION,
    "An option that shares half its words with the right answer says the same and is as "
    "defensible.",
    "it shares half its words with the right answer")
DESCRIBED_ALIKE = _rule(
    "described-alike", Scope.OPTION,
    "An actor whose role says much the same as the role asked fits the description too.",
    "its role says much the same as the role asked")
KIND_TOLD = _rule(
    "kind-told", Scope.OPTION,
    "Where the role of a body, a group or a state is shown with the words that say what it is "
    "(«Высший партийный орган, принявший…»), an actor whose own role does not open with those "
    "words is no wrong option: its name tells its kind as well («Моссовет» is no party body), "
    "so the kind alone would tell it from the right answer.",
    "its role does not open as «{detail}» does")
DATE_MAY_BE_RIGHT = _rule(
    "date-may-be-right", Scope.OPTION,
    "A date option must not overlap the right date (a year against a month of it), nor a date "
    "the event's own story tells; a list of several events is no option for one.",
    "its date may be the one asked: {detail}")
DATED_OUT = _rule(
    "dated-out", Scope.OPTION,
    "A cause from a year after the effect asked of, or an effect from a year before the cause, "
    "is no option: the dates alone rule it out.",
    "its date rules it out")
FORM_STANDS_OUT = _rule(
    "form-stands-out", Scope.OPTION,
    "Every option is alike in form: all repeat a word of the prompt or none does; all or none "
    "are one source's reading or an outside date; all dates or none are approximate, and all "
    "or none fall in the years the sheet's title names («1932» under «(1933–1934)»); all roles "
    "or none open with a pronoun for what their actor is («тот, чьими указами…»), and all or "
    "none with a noun that says what it is («Представители элиты, …»); a blank's "
    "options name actors of the kinds the right one names, or none; where the sentence names "
    "the office of the blank's person («визит премьер-министра ___»), every option holds it, "
    "and where the word before the blank is one the right answer's role holds («польский "
    "король ___», Август II «избранный королём…»), every option's role holds it. An actor "
    "is offered only among actors of its kind (person, state, organisation, group) and its "
    "grammatical number, and in Russian its gender («тот, где…» or «вводился ___» rules out "
    "«Городские думы»).",
    "its form differs from the right answer's: {detail}")

# --- sheet: whether a task may stand beside the others ------------------------------------

FACT_ASKED_TWICE = _rule(
    "fact-asked-twice", Scope.SHEET,
    "A sheet asks each fact once: an event's date, who took part, one side of a dispute.",
    "a task already chosen asks the same fact")
CUED_ELSEWHERE = _rule(
    "cued-elsewhere", Scope.SHEET,
    "No task tells another's answer (its text names the answer beside words of the prompt) or "
    "rules out one of its wrong options, and no two tasks to write in have one answer (the "
    "same words, or names of one actor); no role in a matching grid names another actor of "
    "the grid («…тогда как с Китаем…» beside China).",
    "it and a task already on the sheet would tell each other's answers or rule out an option")


@dataclass(frozen=True)
class Rejection:
    """One thing a rule turned down: the item it comes from, what it was, and why."""

    rule: str
    item_kind: str
    item_id: str
    subject: str
    reason: str

    @property
    def scope(self) -> Scope:
        return REGISTRY[self.rule].scope


_TRACE: ContextVar[Optional[list[Rejection]]] = ContextVar("quizgen_rule_trace", default=None)


def reject(rule: Rule, item_kind: str, item_id: str, subject: str, detail: str = "") -> None:
    """Record that ``rule`` turned down ``subject`` (a question kind, an option) of an item."""
    trace = _TRACE.get()
    if trace is not None:
        trace.append(Rejection(rule.name, item_kind, item_id, subject,
                               rule.reason.format(detail=detail)))


@contextlib.contextmanager
def tracing() -> Iterator[list[Rejection]]:
    """Record every rejection made inside the block, in the list it yields."""
    found: list[Rejection] = []
    token = _TRACE.set(found)
    try:
        yield found
    finally:
        _TRACE.reset(token)


def rules_markdown() -> str:
    """The registry as docs/rules.md prints it."""
    lines = ["# The rules that keep questions fair", "",
             "Generated from `quizgen.rules` (a test checks this file against it). Each rule has",
             "one home in the code and one case file under `tests/rule_cases/<rule>/` that",
             "provokes it. `quizgen explain PACK [ITEM]` shows, item by item, the questions a",
             "pack yields and what each rule turned down, with its reason.", "",
             "Scopes: **card** — whether a question is asked at all, in the deck, the quizzes, the",
             "study page and the exports alike; **task** — whether a question may be set as a quiz",
             "task of a type; **option** — whether an answer may stand as a wrong option of",
             "another question; **sheet** — whether a task may stand beside those chosen before",
             "it.", "", "| rule | scope | what it keeps fair |", "|---|---|---|"]
    lines += [f"| `{r.name}` | {r.scope.value} | {r.summary} |" for r in REGISTRY.values()]
    return "\n".join(lines) + "\n"
