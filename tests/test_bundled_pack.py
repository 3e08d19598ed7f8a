"""The bundled pack: every item cited, every quote verified, written in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.model import Dispute, Event
from quizgen.quotes import normalize
from quizgen.text import word_count
from quizgen.validate import citations, validate_pack

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "content" / "az-ru-2025"
ARTICLES = ROOT.parent / "shared" / "articles"


@pytest.fixture(scope="module")
def validation(articles: Path):
    return validate_pack(PACK, articles)


def _items(pack):
    return [*pack.events, *pack.actors, *pack.causes, *pack.disputes]


def test_pack_validates_strictly_with_every_quote_verified(validation) -> None:
    assert [p.format() for p in validation.problems] == []
    assert validation.pack is not None
    total = sum(1 for item in _items(validation.pack) for _ in citations(item))
    assert validation.quotes_unchecked == 0
    assert validation.quotes_verified == total


def test_every_item_has_a_verified_source(validation) -> None:
    pack = validation.pack
    assert pack.verified_sources == {s.id for s in pack.info.sources}
    for item in _items(pack):
        cited = {c.source for _, c in citations(item)}
        assert cited & pack.verified_sources, item.id
    for dispute in pack.disputes:
        assert all(position.sources for position in dispute.positions), dispute.id


def test_every_actor_id_used_is_defined(validation) -> None:
    pack = validation.pack
    defined = {a.id for a in pack.actors}
    used = {a for e in pack.events for a in e.actors}
    used |= {p.holder for d in pack.disputes for p in d.positions if p.holder}
    assert used - defined == set()


def test_pack_covers_the_articles_at_the_promised_breadth(validation) -> None:
    pack = validation.pack
    assert len(pack.events) > 15
    assert len(pack.actors) > 15
    assert len(pack.disputes) >= 6
    assert len(pack.causes) >= 10


def test_quotes_are_short(validation) -> None:
    long = [(item.id, word_count(c.quote)) for item in _items(validation.pack)
            for _, c in citations(item) if word_count(c.quote) > 30]
    assert long == []


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", normalize(text))
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def _own_words(item) -> list[str]:
    if isinstance(item, Event):
        return [item.title, item.summary]
    if isinstance(item, Dispute):
        return [item.question, *(p.claim for p in item.positions)]
    return [getattr(item, name) for name in ("role", "cause", "effect", "explanation")
            if getattr(item, name, None)]


def test_summaries_are_in_our_own_words(validation, articles: Path) -> None:
    """No summary, role, claim or explanation repeats ten words in a row of an article."""
    article = set().union(*(_shingles(p.read_text("utf-8"), 10) for p in articles.glob("*.txt")))
    copied = [item.id for item in _items(validation.pack)
              for text in _own_words(item) if _shingles(text, 10) & article]
    assert copied == []


def test_articles_are_not_in_the_repository(articles: Path) -> None:
    """Only short quotes: no tracked file holds forty words in a row of an article."""
    article = set().union(*(_shingles(p.read_text("utf-8"), 40) for p in articles.glob("*.txt")))
    leaked = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*")
              if path.is_file() and path.suffix in {".yaml", ".txt", ".md", ".html", ".json", ".py"}
              and ".venv" not in path.parts and _shingles(path.read_text("utf-8", "ignore"), 40) & article]
    assert leaked == []
