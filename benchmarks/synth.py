"""Synthetic content packs of any size, with Russian text of realistic lengths.

Used by the benchmark; the same seed gives the same pack.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

_WORDS = ("переговоры соглашение миротворцы граница напряжённость заявление санкции влияние "
          "президент министерство делегация инцидент расследование компенсация регион союз "
          "сотрудничество контингент мандат блокада операция визит саммит инвестиции коридор "
          "диаспора рейды задержание агентство форум партнёрство безопасность поставки").split()
_KINDS = ("person", "state", "organization", "group")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _citation(rng: random.Random, source_words: list[str]) -> dict[str, str]:
    start = rng.randrange(len(source_words) - 12)
    return {"source": "article", "quote": " ".join(source_words[start:start + rng.randint(6, 12)])}


def write_pack(folder: Path, events: int, seed: int = 0) -> Path:
    """Write a pack with ``events`` events and proportional actors, causes and disputes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    source_words = [rng.choice(_WORDS) for _ in range(5000)]
    (folder / "article.txt").write_text(" ".join(source_words) + "\n", encoding="utf-8")
    n_actors, n_causes, n_disputes = max(4, events // 3), max(2, events // 2), max(2, events // 8)
    actors = [{"id": f"actor-{i}", "name": f"Участник {i}", "kind": _KINDS[i % 4],
               "role": _sentence(rng, rng.randint(8, 16)),
               "sources": [_citation(rng, source_words)]} for i in range(n_actors)]
    event_items = [{
        "id": f"event-{i}",
        "date": f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "title": f"Событие номер {i}: " + " ".join(rng.choice(_WORDS) for _ in range(3)),
        "summary": _sentence(rng, rng.randint(25, 45)),
        "actors": sorted({f"actor-{rng.randrange(n_actors)}" for _ in range(rng.randint(1, 3))}),
        "tags": ["synthetic"],
        "sources": [_citation(rng, source_words)],
    } for i in range(events)]
    causes = [{"id": f"cause-{i}", "cause": f"event-{rng.randrange(events)}",
               "effect": _sentence(rng, rng.randint(8, 14)),
               "explanation": _sentence(rng, rng.randint(15, 25)),
               "sources": [_citation(rng, source_words)]} for i in range(n_causes)]
    disputes = [{"id": f"dispute-{i}", "question": _sentence(rng, 10)[:-1] + "?",
                 "positions": [{"claim": _sentence(rng, rng.randint(10, 20)),
                                "sources": [_citation(rng, source_words)]} for _ in range(2)]}
                for i in range(n_disputes)]
    pack = {"id": f"synthetic-{events}", "title": f"Синтетический набор ({events})",
            "language": "ru",
            "sources": [{"id": "article", "title": "Статья", "text": "article.txt"}]}
    for name, data in (("pack", pack), ("events", {"events": event_items}),
                       ("actors", {"actors": actors}), ("causes", {"causes": causes}),
                       ("disputes", {"disputes": disputes})):
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
