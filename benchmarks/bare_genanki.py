"""The benchmark's baseline: bare genanki writing the notes quizgen writes.

Reads notes already rendered by quizgen (note type, field strings, tags, GUID, deck,
position) from a JSON file, builds them with quizgen's own note types and writes
the package with ``genanki.Package(...).write_to_file``. It prints, as JSON, the
seconds genanki itself took (making the notes and writing the package), which
leaves out starting Python and reading the JSON.

    python benchmarks/bare_genanki.py NOTES.json OUT.apkg
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import genanki

from quizgen.render.note_types import note_types as make_note_types


def main(notes_file: Path, apkg: Path) -> None:
    data = json.loads(notes_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    note_types = make_note_types()
    decks = {deck["id"]: genanki.Deck(deck["id"], deck["name"]) for deck in data["decks"]}
    for note in data["notes"]:
        decks[note["deck"]].add_note(genanki.Note(
            model=note_types[note["type"]], fields=note["fields"], tags=note["tags"],
            guid=note["guid"], due=note["due"]))
    genanki.Package(list(decks.values())).write_to_file(str(apkg), timestamp=data["time"])
    print(json.dumps({"genanki": time.perf_counter() - started}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
