"""The content format: typed models of a pack, and the JSON Schema derived from them.

These pydantic models are the single definition of what content may say. The
validator checks YAML against them, and ``quizgen schema`` exports their JSON
Schema for editors, so the two can never disagree.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Sequence, TypeVar

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic import GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .problems import CONTROL_RANGES

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
MAX_SLUG = 80
MAX_TEXT = 2000
MAX_QUOTE = 1000

# A text field's pattern: no control character anywhere. pydantic checks it in Rust,
# and the JSON Schema carries it to editors (the same syntax in ECMAScript).
TEXT_PATTERN = f"^[^{CONTROL_RANGES}]*$"


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_SLUG)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT,
                                        pattern=TEXT_PATTERN)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUOTE,
                                         pattern=TEXT_PATTERN)]
Language = Literal["ru", "en"]


def is_slug(text: str) -> bool:
    """Whether ``text`` is an id as :data:`Slug` accepts it (``$`` in pydantic's pattern ends
    the text: no final newline, which :meth:`re.Pattern.match` would allow)."""
    return len(text) <= MAX_SLUG and SLUG_RE.fullmatch(text) is not None


_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2024``, ``2024-12``, ``2024-12-25``."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        # A year written as 0x7E8 or +2024 is a number, but no date as the format writes one.
        spelled = getattr(value, "spelling", None)
        text = (spelled if isinstance(spelled, str) else str(value).strip()
                if isinstance(value, (str, int)) and not isinstance(value, bool) else None)
        match = _DATE_RE.match(text) if text is not None else None
        if match is None:
            raise PydanticCustomError(
                "date_format", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value}",
                {"value": repr(spelled) if isinstance(spelled, str) else repr(value)})
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError("date_impossible",
                                      "impossible date '{text}': month must be 1 to 12", {"text": text})
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PydanticCustomError(
                    "date_impossible", "impossible date '{text}': that month has days 1 to {last}",
                    {"text": text, "last": last})
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }


class _Model(BaseModel):
    # Unknown keys are reported by the validator as warnings with a did-you-mean,
    # so the models ignore them rather than failing the whole item; the JSON Schema
    # still forbids them so that editors flag them as they are typed.
    model_config = ConfigDict(
        extra="ignore", frozen=True, json_schema_extra={"additionalProperties": False})


class Citation(_Model):
    """A source and a short verbatim quote from it that backs an item."""

    source: Slug = Field(description="id of a source declared in pack.yaml")
    quote: Quote = Field(description="a short verbatim excerpt of the source's text")


Citations = Annotated[list[Citation], Field(min_length=1, description="at least one citation")]
Tags = Annotated[list[Slug], Field(default_factory=list, description="slugs used as Anki tags")]
# The question kinds each kind of item yields, which its ``skip:`` may name.
SKIPPABLE: dict[str, tuple[str, ...]] = {
    "events": ("event-date", "date-event", "event-actors", "event-cloze"),
    "actors": ("actor-role", "role-actor"),
    "causes": ("cause-effect", "effect-cause"),
    "disputes": ("dispute-position", "claim-holder"),
}


def _skip(kind: str) -> Any:
    """An item's ``skip:``: question kinds it is not to yield, each with the author's reason.

    Keys are checked by the validator (with a did-you-mean); the JSON Schema lists them for
    editors."""
    return Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"enum": list(SKIPPABLE[kind])}},
        description="question kinds this item is not to yield, each with the author's reason, "
                    "e.g. {role-actor: the sources do not tell him from Aldrin}")


# What `quizgen init` marks its examples with: `validate` warns about each until it is deleted
# (or, rewritten as the author's own, loses the mark).
ExampleMark = Annotated[bool, Field(
    default=False, description="an example written by quizgen init: delete it when the pack "
                               "has its own (validate warns until then)")]


# What `quizgen draft` marks the wording it proposed with (an event's title and summary, an
# actor's role): `validate` warns about each name until the author, having confirmed or
# rewritten the text, removes it.
EventWording = Literal["title", "summary"]
ActorWording = Literal["role"]
_PROPOSED = ("wording quizgen draft proposed from the source's words: check it against the "
             "source, rewrite it if need be, then remove its name here (validate warns until then)")


class Source(_Model):
    """An article the pack was built from."""

    id: Slug
    title: Text
    label: Optional[Text] = Field(
        default=None, description="a short label shown on cards and quizzes instead of the title, "
                                  "e.g. «Новый этап»; without it the title is shown")
    description: Optional[Text] = Field(
        default=None, description="what kind of source it is: genre, publisher or its absence, tone")
    publisher: Optional[Text] = None
    published: Optional[PartialDate] = None
    url: Optional[Text] = None
    text: Optional[Text] = Field(
        default=None, description="the article's plain text, a path inside the pack folder")
    example: ExampleMark


class QuestionType(str, Enum):
    """Question types a printed quiz can contain."""

    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    MATCHING = "matching"
    CHRONOLOGY = "chronology"
    SHORT_ANSWER = "short_answer"
    ATTRIBUTION = "attribution"


ExportFormat = Literal["moodle", "gift", "qti"]
# The question-bank formats ``quizgen build`` can write, in the order it writes them.
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("moodle", "gift", "qti")


class QuizSettings(_Model):
    """Defaults for printed quizzes; command-line options override them."""

    questions: int = Field(default=20, ge=1, le=500)
    seed: int = Field(default=1, ge=0)
    variants: int = Field(default=1, ge=1, le=26)
    types: Optional[dict[QuestionType, Annotated[int, Field(ge=0, le=500)]]] = Field(
        default=None, description="how many questions of each type; the rest are spread evenly")
    paper: Optional[Literal["a4", "letter"]] = Field(
        default=None, description="paper size of printed quizzes; without it, Letter for English "
                                  "packs and A4 for the others")
    export: Optional[list[ExportFormat]] = Field(
        default=None, description="question banks to write beside the printed quizzes, for "
                                  "learning platforms: moodle (Moodle XML), gift, qti (QTI 2.1)")
    class_field: bool = Field(default=False, description="print a Class field on the student copy")
    time_limit: Optional[int] = Field(
        default=None, ge=1, le=600, description="minutes the quiz takes, printed on the student copy")
    grades: Optional[dict[Annotated[str, StringConstraints(min_length=1, max_length=20)],
                          Annotated[int, Field(ge=0, le=100)]]] = Field(
        default=None, description="each grade and the lowest percentage of the points that earns "
                                  "it, e.g. {'5': 85, '4': 70, '3': 50, '2': 0}; without it, the "
                                  "language's usual scale")


class PackInfo(_Model):
    """What ``pack.yaml`` holds."""

    id: Slug = Field(description="identity of everything built from the pack; never change it")
    title: Text
    language: Language = Field(description="language of generated prompts and quiz labels")
    description: Optional[Text] = None
    sources: Annotated[list[Source], Field(min_length=1)]
    quiz: QuizSettings = Field(default_factory=QuizSettings)


class DateSource(str, Enum):
    """Where an event's date comes from."""

    STATED = "stated"  # a source states it
    DERIVED = "derived"  # worked out from what a source says; date_note says how
    OUTSIDE = "outside"  # outside knowledge, not the sources'


class Event(_Model):
    """An event, dated where the sources date it."""

    id: Slug
    date: Optional[PartialDate] = Field(
        default=None, description="when it happened; leave it out when the sources do not date it")
    approximate: bool = Field(default=False, description="the date is approximate")
    date_note: Optional[Text] = Field(default=None, description="how the date was derived")
    date_source: DateSource = Field(
        default=DateSource.STATED,
        description="stated: a source states the date; derived: worked out from what a source says "
                    "(date_note says how); outside: outside knowledge, shown as such and not asked "
                    "unless ask_date is true")
    ask_date: Optional[bool] = Field(
        default=None, description="true: ask for the date although it is from outside the sources; "
                                  "false: do not ask it, though the sources give it")
    title: Text
    summary: Text
    actors: Annotated[list[Slug], Field(default_factory=list, description="actor ids")]
    tags: Tags
    skip: dict[str, Text] = _skip("events")
    example: ExampleMark
    proposed: list[EventWording] = Field(default_factory=list, description=_PROPOSED)
    sources: Citations


class ActorKind(str, Enum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    GROUP = "group"


class Gender(str, Enum):
    MASC = "masc"
    FEMN = "femn"
    NEUT = "neut"


class Number(str, Enum):
    SING = "sing"
    PLUR = "plur"


class Grammar(_Model):
    """How an actor's name behaves in a sentence, where the analyser cannot know it."""

    gender: Optional[Gender] = None
    number: Optional[Number] = None
    animate: Optional[bool] = Field(default=None, description="true for people and groups of people")
    inline: Optional[Text] = Field(
        default=None, description="the name as it stands mid-sentence, where only its capitals "
                                  "or an English \"the\" differ («российский воинский контингент», "
                                  "\"the Royal Navy\")")


class Actor(_Model):
    """A person, state, organisation or group."""

    id: Slug
    name: Text
    kind: ActorKind
    role: Text = Field(description="what the actor is or did in this story, without its name")
    aliases: Annotated[list[Text], Field(default_factory=list)]
    reading: Optional[Slug] = Field(
        default=None, description="id of the source whose reading the role is; cards attribute it")
    grammar: Optional[Grammar] = Field(
        default=None, description="gender, number and animacy of the name, overriding the analyser")
    tags: Tags
    skip: dict[str, Text] = _skip("actors")
    example: ExampleMark
    proposed: list[ActorWording] = Field(default_factory=list, description=_PROPOSED)
    sources: Citations


class Cause(_Model):
    """A cause-and-effect link; ``cause`` and ``effect`` are free text or an event id."""

    id: Slug
    cause: Text
    effect: Text
    explanation: Optional[Text] = Field(default=None, description="the pack author's own words")
    reading: Optional[Slug] = Field(
        default=None, description="id of the source whose reading the link is; cards attribute it")
    tags: Tags
    skip: dict[str, Text] = _skip("causes")
    example: ExampleMark
    sources: Citations


class Position(_Model):
    """One reading in a dispute."""

    holder: Optional[Slug] = Field(default=None, description="id of the actor holding it")
    held_by: Optional[Text] = Field(
        default=None,
        description="who holds it, as the source words holders it does not name (\"some "
                    "historians\", «одни историки»); leave out both this and holder for the "
                    "source's own view")
    claim: Text
    sources: Citations


class Dispute(_Model):
    """A point where sources disagree, or where one source weighs two readings."""

    id: Slug
    question: Text
    explanation: Optional[Text] = Field(default=None, description="the pack author's own words")
    positions: Annotated[list[Position], Field(min_length=2)]
    tags: Tags
    skip: dict[str, Text] = _skip("disputes")
    example: ExampleMark


class ContentFile(_Model):
    """What a content file (any ``*.yaml`` beside ``pack.yaml``) holds."""

    events: list[Event] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    causes: list[Cause] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)


def looks_like_reference(text: str) -> bool:
    """A cause or effect written as an id (``plane-shootdown``) rather than as prose."""
    return bool(SLUG_RE.match(text)) and "-" in text


ITEM_MODELS: dict[str, type[_Model]] = {
    "events": Event, "actors": Actor, "causes": Cause, "disputes": Dispute,
}

_ItemT = TypeVar("_ItemT", Source, Event, Actor, Cause)


@dataclass(frozen=True)
class Pack:
    """A validated pack: its metadata and every item, in file order."""

    info: PackInfo
    directory: Path
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    causes: tuple[Cause, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    verified_sources: frozenset[str] = field(default_factory=frozenset)
    # Where the sources' texts were found: each date they tell, as the first and last day it
    # may mean, with its sentence (folded as quotes are), in order of the first day.
    told: tuple[tuple[int, int, str], ...] = ()

    @property
    def id(self) -> str:
        return self.info.id

    def items_by_kind(self) -> tuple[tuple[str, Sequence[Event | Actor | Cause | Dispute]], ...]:
        """Each kind of item (``events``, ``actors``, ``causes``, ``disputes``) with its items."""
        return (("events", self.events), ("actors", self.actors), ("causes", self.causes),
                ("disputes", self.disputes))

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def actor(self, actor_id: str) -> Actor:
        return self._actors_by_id[actor_id]

    def event(self, event_id: str) -> Optional[Event]:
        return self._events_by_id.get(event_id)

    def cause(self, cause_id: str) -> Optional[Cause]:
        return self._causes_by_id.get(cause_id)

    def side(self, text: str) -> str:
        """A cause or effect as shown: an event id becomes the event's title."""
        event = self.event(text)
        return event.title if event else text

    # Looked up once per question: dicts keep building a bank of any size linear.
    @functools.cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return _by_id(self.info.sources)

    @functools.cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return _by_id(self.actors)

    @functools.cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return _by_id(self.events)

    @functools.cached_property
    def _causes_by_id(self) -> dict[str, Cause]:
        return _by_id(self.causes)


def _by_id(items: Sequence[_ItemT]) -> dict[str, _ItemT]:
    """Items by id; the first of any repeated id wins, as a search from the start would."""
    found: dict[str, _ItemT] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def json_schema(kind: Literal["pack", "content"]) -> dict[str, Any]:
    """The JSON Schema of ``pack.yaml`` or of a content file."""
    model = PackInfo if kind == "pack" else ContentFile
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"quizgen {kind} file"
    return schema
