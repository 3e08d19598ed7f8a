"""Packs the study page's tests draw on: a small English pack to edit between builds, and
the same with markup in every text field."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

# If any of this reached the page as markup, a script would run and set the global.
MARKUP = ("<script>window.owned=1</script><img src=x onerror=\"window.owned=2\">"
          "<svg onload=\"window.owned=3\"></svg></textarea></title></style><b>bold</b> &amp;")


def small_pack(hostile: bool = False) -> dict[str, Any]:
    """Eight dated events (one approximate, two in one month), six actors, causes, a dispute."""
    mark = (lambda text: f"{text} {MARKUP}") if hostile else (lambda text: text)
    def cite(source: str = "chronicle", year: str = "") -> list[dict[str, str]]:
        return [{"source": source, "quote": mark(f"as the paper says {year}".strip())}]

    states = ["Arland", "Borvia", "Cestia", "Dorania", "Elbonia", "Freedonia"]
    actors = [{"id": f"state-{i}", "name": mark(name), "kind": "state",
               "role": mark(f"The state that signed treaty number {i + 1}."), "sources": cite()}
              for i, name in enumerate(states)]
    dates = ["1990", "1993-04", "1996-07-14", "1999", "2002-02", "2002-02-20", "2005-09", "2008"]
    events = [{"id": f"treaty-{i}", "date": date, "title": mark(f"Treaty number {i + 1}"),
               "summary": mark(f"{states[i % 6]} signed treaty {i + 1} with {states[(i + 1) % 6]}, "
                               f"costing {100 * (i + 2)} crowns."),
               "actors": [f"state-{i % 6}", f"state-{(i + 1) % 6}"],
               "sources": cite("gazette" if i % 2 else "chronicle", date[:4])}
              for i, date in enumerate(dates)]
    events[3].update(approximate=True, date_note=mark("The chronicle says only 'about then'."))
    causes = [{"id": f"cause-{i}", "cause": f"treaty-{i}", "effect": mark(f"border number {i} opened"),
               "explanation": mark(f"Treaty {i + 1} opened a border."), "sources": cite()}
              for i in range(3)]
    disputes = [{"id": "who-won", "question": mark("Who gained most from the treaties?"),
                 "explanation": mark("The two papers disagree."),
                 "positions": [{"holder": "state-0", "claim": mark("Arland gained the most of all."),
                                "sources": cite()},
                               {"claim": mark("Nobody gained anything at all from them."),
                                "sources": cite("gazette")}]}]
    pack = {"id": "treaties", "title": mark("Treaties"), "language": "en",
            "sources": [{"id": "chronicle", "title": mark("The Chronicle"), "label": mark("Chronicle")},
                        {"id": "gazette", "title": mark("The Gazette")}],
            "quiz": {"questions": 8}}
    return {"pack": pack, "content": {"events": events, "actors": actors, "causes": causes,
                                      "disputes": disputes}}


def write_pack(folder: Path, pack: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dump = functools.partial(yaml.safe_dump, allow_unicode=True, sort_keys=False)
    (folder / "pack.yaml").write_text(dump(pack["pack"]), encoding="utf-8")
    (folder / "content.yaml").write_text(dump(pack["content"]), encoding="utf-8")
    return folder
