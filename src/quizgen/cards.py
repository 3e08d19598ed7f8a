"""Card checks: every card of a pack's question bank that would still break a rule.

The bank's generation rules keep most defects from arising at all; what remains
comes from the content itself (a role that names its actor, a claim that is not a
sentence, two items that say the same thing). Each finding names the content that
causes it, so the validator can report it at its place.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .bank import MAX_ANSWER_WORDS
from .grammar import name_form, same_name_inline
from .question import Origin, Question, QuestionBank, QuestionKind
from .model import ActorKind, DateSource, Pack
from .text import coarse_lemma_stems, fold, names_actor, shares_stem, spells_acronym, word_count

# A quoted claim shorter than this is a fragment («Осенью 2022 года»), not a statement.
MIN_CLAIM_WORDS = 4


class Finding(NamedTuple):
    """A card that breaks a rule, at the content that makes it."""

    at: Origin
    code: str
    message: str


def check_cards(pack: Pack, bank: QuestionBank) -> list[Finding]:
    """Every rule a card of ``bank`` breaks, judged against the whole ``pack``."""
    findings = list(_ambiguous(bank))
    for q in bank.questions:
        findings.extend(_given_away(pack, q))
        findings.extend(_too_long(q))
    findings.extend(_fragments(pack))
    findings.extend(_undated(pack))
    findings.extend(_unknown_grammar(pack))
    findings.extend(_inline_not_the_name(pack))
    findings.extend(_holders_named_by_their_view(pack))
    return findings


def front(q: Question) -> str:
    """What a card's front shows: the prompt, or the sentence with its blank."""
    if q.cloze is not None:
        return f"{q.cloze.before}[…]{q.cloze.after}"
    return q.prompt




def _ambiguous(bank: QuestionBank) -> Iterator[Finding]:
    by_front: dict[str, list[Question]] = {}
    for q in bank.questions:
        by_front.setdefault(fold(front(q)), []).append(q)
    for same in by_front.values():
        if len(same) > 1 and len({fold(q.answer) for q in same}) > 1:
            for q in same:
                assert q.asked_at is not None
                yield Finding(q.asked_at, "ambiguous-question",
                              f"{len(same)} cards ask «{front(q)}» with different answers; "
                              "make what they ask differ, or merge the items")


def _given_away(pack: Pack, q: Question) -> Iterator[Finding]:
    if q.cloze is not None:
        return
    assert q.asked_at is not None
    shown = q.prompt
    if q.kind is QuestionKind.ROLE_ACTOR:
        shown = q.facts.role  # not the template's words («О чём идёт речь» for «Речь Посполитая»)
    if q.kind.names_actors:
        ids = q.facts.answer_ids if q.kind is not QuestionKind.CLAIM_HOLDER else (
            (q.facts.holder,) if q.facts.holder else ())
        for actor_id in ids:
            actor = pack.actor(actor_id)
            if names_actor(shown, actor) or spells_acronym(actor.name, shown):
                yield Finding(q.asked_at, "answer-in-question",
                              f"the {q.kind.value} card asks for {actor.name}, whom its "
                              f"question names: «{shown}»")
        return
    if q.kind in (QuestionKind.EVENT_DATE, QuestionKind.DATE_EVENT):
        return
    if shares_stem(q.answer, shown):
        yield Finding(q.asked_at, "answer-in-question",
                      f"the {q.kind.value} card's question contains its answer «{q.answer}»")


def _too_long(q: Question) -> Iterator[Finding]:
    if q.cloze is not None:
        return
    words = word_count(q.answer)
    if words > MAX_ANSWER_WORDS:
        assert q.answered_at is not None
        yield Finding(q.answered_at, "long-answer",
                      f"the {q.kind.value} card's answer has {words} words, more than a learner "
                      f"recalls ({MAX_ANSWER_WORDS} at most); say it shorter")


def _fragments(pack: Pack) -> Iterator[Finding]:
    for dispute in pack.disputes:
        for index, position in enumerate(dispute.positions):
            if word_count(position.claim) < MIN_CLAIM_WORDS:
                yield Finding(("disputes", dispute.id, ("positions", index, "claim")),
                              "not-a-question",
                              f"the claim «{position.claim}» is not a statement on its own: a "
                              "card asking who holds it asks nothing; write it as a sentence")


def _undated(pack: Pack) -> Iterator[Finding]:
    """Dates the quotes do not give, without saying where they come from."""
    for event in pack.events:
        if event.date is None:
            continue
        if event.date_source is DateSource.DERIVED and not event.date_note:
            yield Finding(("events", event.id, ("date_source",)), "undated-event",
                          "a derived date needs a date_note saying how it was worked out")
        elif event.date_source is DateSource.STATED and not event.date_note and not any(
                str(event.date.year) in c.quote for c in event.sources):
            yield Finding(("events", event.id, ("date",)), "undated-event",
                          f"no quote of the event gives its year {event.date.year}; quote where "
                          "the source dates it, or set date_source: derived (with a date_note) "
                          "or outside, or leave the date out")


def _unknown_grammar(pack: Pack) -> Iterator[Finding]:
    language = pack.info.language
    for actor in pack.actors:
        if actor.grammar is None and not name_form(actor, language).known:
            yield Finding(("actors", actor.id, ("name",)), "unknown-grammar",
                          f"the analyser cannot tell the gender and number of «{actor.name}»; "
                          "set grammar: {gender: …, number: …} so prompts agree with it"
                          if language == "ru" else
                          f"the analyser cannot tell whether “{actor.name}” is one or many; "
                          "set grammar: {number: sing} or {number: plur} so prompts agree "
                          "with it")


def _inline_not_the_name(pack: Pack) -> Iterator[Finding]:
    """``grammar.inline`` that is not the name mid-sentence: prompts would name another thing."""
    for actor in pack.actors:
        inline = actor.grammar.inline if actor.grammar else None
        if inline and not same_name_inline(inline, actor.name):
            yield Finding(("actors", actor.id, ("grammar", "inline")), "grammar-inline",
                          f"«{inline}» is not «{actor.name}» with other capitals; write the name "
                          f"as it stands mid-sentence, e.g. «{actor.name[:1].lower()}"
                          f"{actor.name[1:]}», or leave inline out")


def _holders_named_by_their_view(pack: Pack) -> Iterator[Finding]:
    """A holder whose name describes it by the view it holds («Historians who credit the
    budget» for "the budget won the race"): the card asking whose view it is answers itself,
    and the name tells the student nothing the claim does not."""
    for dispute in pack.disputes:
        asked = coarse_lemma_stems(dispute.question)
        for index, position in enumerate(dispute.positions):
            holder = pack.actor(position.holder) if position.holder else None
            if holder is None or holder.kind is ActorKind.PERSON:
                continue
            described = " ".join(w for w in holder.name.split()[1:] if w.islower())
            shared = coarse_lemma_stems(described) & coarse_lemma_stems(position.claim) - asked
            if shared:
                yield Finding(("disputes", dispute.id, ("positions", index, "holder")),
                              "holder-restates-claim",
                              f"the holder «{holder.name}» is named by the view it holds (it "
                              f"shares {', '.join(sorted(shared))}… with the claim); name who "
                              "holds it as the source does, or write held_by: with the "
                              "source's words for holders it does not name (\"some historians\")")
