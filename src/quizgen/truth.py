"""What a pack holds true as a whole, for judging whether an answer is the only right one.

A question is asked about one item, but an option can be right because of another:
a second recorded effect of the same cause, a cause of the same effect recorded
elsewhere, a cause further up the same chain, an actor of the same event, another
name of the right actor. :class:`PackTruth` gathers these across the pack once, so
that the quizzes judge every option against all of it. Pure functions of a
validated :class:`~quizgen.model.Pack`; no I/O.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .answers import actor_names
from .dates import dates_relatively, year_ranges
from .model import ActorKind, DateSource, Event, Pack
from .text import coarse_lemma_stems, coarse_stems as stems, fold, rarest

@dataclass(frozen=True)
class PackTruth:
    """What the pack records across all its items.

    A cause's or effect's *side* is its event id where it names an event, else its
    folded text; ``links`` gives each cause item's two sides.
    """

    links: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    event_actors: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The year of each dated event.
    event_years: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    askable_dates: frozenset[str] = frozenset()
    # Events whose date is approximate, and those whose date is from outside the sources:
    # what the quizzes read, rather than the wording of an answer.
    approximate_dates: frozenset[str] = frozenset()
    outside_dates: frozenset[str] = frozenset()
    # Events a quote of theirs also dates by distance from another date: stated with a
    # date, true or false, they may be argued either way.
    counted_dates: frozenset[str] = frozenset()
    # The last year of each event that lasted for years from the year it is dated to.
    lasted: Mapping[str, int] = field(default_factory=dict)
    # Each person's title: the head of its role, up to the first comma ("Президент Азербайджана").
    titles: Mapping[str, str] = field(default_factory=dict)
    # Each side's direct effects. A chain is followed when a quiz asks about it, not
    # gathered for every side beforehand: a chain of n links would hold n²/2 sides.
    _following: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def effects_of(self, side: str) -> frozenset[str]:
        """Every side the pack says ``side`` leads to, directly or along a chain."""
        found = self._effects.get(side)
        if found is None:
            found = self._effects[side] = _reachable(self._following, side)
        return found

    def causes_of(self, side: str) -> frozenset[str]:
        """Every side the pack says leads to ``side``, directly or along a chain."""
        return _reachable(self._preceding, side)

    @functools.cached_property
    def _effects(self) -> dict[str, frozenset[str]]:
        return {}

    @functools.cached_property
    def _preceding(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for cause, effects in self._following.items():
            for effect in effects:
                found.setdefault(effect, set()).add(cause)
        return {effect: frozenset(causes) for effect, causes in found.items()}

    def linked(self, a: str, b: str) -> bool:
        """Whether one side leads to the other, so either may be named as its cause or effect."""
        return a == b or b in self.effects_of(a) or a in self.effects_of(b)

    def mentions(self, text: str) -> frozenset[str]:
        """The actors ``text`` names, by name or alias, in any form of the word."""
        # as written and in dictionary form: «Индии» is «Индия», whose stem the cut alone
        # does not reach
        found = stems(text) | coarse_lemma_stems(text)
        return frozenset(actor for stem in found for actor, own in self._names_by_stem.get(stem, ())
                         if own <= found)

    @functools.cached_property
    def _names_by_stem(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """Each actor's names as stems, filed under the rarest of their stems: a text can name
        only those whose filed stem it holds."""
        named = [(actor, stems(name)) for actor, names in self.names.items() for name in names]
        named = [(actor, own) for actor, own in named if own]
        index: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for (actor, own), key in zip(named, rarest([own for _, own in named])):
            index.setdefault(key, []).append((actor, own))
        return index

    def had_a_hand_in(self, event_id: str) -> frozenset[str]:
        """The actors of an event and of the events the pack says led straight to it or
        followed straight from it: the operation's side had a hand in the exodus."""
        return self._hands.get(event_id, frozenset())

    @functools.cached_property
    def _hands(self) -> dict[str, frozenset[str]]:
        found = {e: set(actors) for e, actors in self.event_actors.items()}
        for cause, effect in self.links.values():
            if cause in self.event_actors and effect in self.event_actors:
                found[cause] |= self.event_actors[effect]
                found[effect] |= self.event_actors[cause]
        return {e: frozenset(actors) for e, actors in found.items()}

    def active_in_year(self, event_id: str) -> frozenset[str]:
        """The actors of every event of the same year as ``event_id``: the sources may place
        any of them in it, though the pack lists them elsewhere."""
        year = self.event_years.get(event_id)
        return self._by_year.get(year, frozenset()) if year is not None else frozenset()

    @functools.cached_property
    def _by_year(self) -> dict[int, frozenset[str]]:
        found: dict[int, set[str]] = {}
        for event, year in self.event_years.items():
            found.setdefault(year, set()).update(self.event_actors.get(event, ()))
        return {year: frozenset(actors) for year, actors in found.items()}

    @functools.cached_property
    def speaks_for(self) -> dict[str, frozenset[str]]:
        """For each actor, the actors it speaks for or that speak for it.

        A person whose title names a state or an organisation (its president, its aide)
        stands for it: where the state took part, its president may be said to have taken
        part too, and the other way round.
        """
        found: dict[str, set[str]] = {}
        for person, title in self.titles.items():
            for actor in self.mentions(title) - {person}:
                if self.kinds.get(actor) in _REPRESENTED:
                    found.setdefault(person, set()).add(actor)
                    found.setdefault(actor, set()).add(person)
        return {actor: frozenset(others) for actor, others in found.items()}

    def accepted(self, actor_id: str) -> tuple[str, ...]:
        """Every name an answer naming the actor may use: the name first, then the aliases."""
        return self.names.get(actor_id, ())


# The kinds of actor a person may stand for.
_REPRESENTED = frozenset({ActorKind.STATE.value, ActorKind.ORGANIZATION.value})


def side_key(pack: Pack, text: str) -> str:
    """A cause's or effect's identity: an event id, or the text folded for comparison."""
    return text if pack.event(text) is not None else fold(text)


def date_is_asked(event: Event) -> bool:
    """Whether the deck and the quizzes ask the event's date: dated by the sources, unless
    ``ask_date`` says otherwise either way (the author has the last word)."""
    if event.date is None:
        return False
    if event.ask_date is not None:
        return event.ask_date
    return event.date_source is not DateSource.OUTSIDE


def pack_truth(pack: Pack) -> PackTruth:
    """What the whole pack holds true, gathered once."""
    links = {c.id: (side_key(pack, c.cause), side_key(pack, c.effect)) for c in pack.causes}
    return PackTruth(
        links=links,
        event_actors={e.id: frozenset(e.actors) for e in pack.events},
        event_years={e.id: e.date.year for e in pack.events if e.date is not None},
        names=actor_names(pack.actors),
        kinds={a.id: a.kind.value for a in pack.actors},
        titles={a.id: a.role.partition(",")[0] for a in pack.actors
                if a.kind is ActorKind.PERSON and a.role},
        askable_dates=frozenset(e.id for e in pack.events if date_is_asked(e)),
        approximate_dates=frozenset(e.id for e in pack.events
                                    if e.date is not None and e.approximate),
        outside_dates=frozenset(e.id for e in pack.events
                                if e.date is not None and e.date_source is DateSource.OUTSIDE),
        counted_dates=frozenset(e.id for e in pack.events if any(
            dates_relatively(s.quote, pack.info.language) for s in e.sources)),
        lasted=years_lasted(pack),
        _following=_direct(links.values()))


def years_lasted(pack: Pack) -> dict[str, int]:
    """The last year of each event dated to the first year of a range of years its date note
    or summary tells («Голод 1921–1922 годов; здесь дан год его начала»): the event belongs
    to every year of the range. An event dated to the day happened on that day: a range its
    summary tells is of something else (a plan, a term)."""
    lasted: dict[str, int] = {}
    for event in pack.events:
        if event.date is None or event.date.day is not None:
            continue
        lasts = [last for text in (event.date_note or "", event.summary)
                 for first, last in year_ranges(text, pack.info.language)
                 if first == event.date.year]
        if lasts:
            lasted[event.id] = max(lasts)
    return lasted


def _direct(links: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """For each side, the sides a cause → effect link leads to straight from it."""
    following: dict[str, set[str]] = {}
    for cause, effect in links:
        following.setdefault(cause, set()).add(effect)
    return {cause: frozenset(effects) for cause, effects in following.items()}


def _reachable(following: Mapping[str, frozenset[str]], start: str) -> frozenset[str]:
    """Every side reached from ``start`` along ``following``'s links."""
    seen: set[str] = set()
    stack = list(following.get(start, ()))
    while stack:
        side = stack.pop()
        if side not in seen:
            seen.add(side)
            stack.extend(following.get(side, ()))
    return frozenset(seen)
