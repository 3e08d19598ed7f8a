"""Packs the quiz tests draw on: the bundled pack, and a small one full of hostile strings."""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path
from typing import Any

import yaml

from quizgen.bank import QuestionBank, build_bank
from quizgen.model import Language, Pack
from quizgen.problems import has_errors
from quizgen.validate import validate_pack

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "content" / "az-ru-2025"
ARTICLES = ROOT.parent / "shared" / "articles"

SCRIPT = '<script>alert("x")</script>'
HOSTILE = (SCRIPT, '<img src=x onerror="alert(1)">', "</style><style>body{display:none}</style>",
           "Tom & Jerry's \"quoted\" {{ braces }} {% raw %}")

_STATES = ["Arland", "Borvia", "Cestia", "Dorania", "Elbonia", "Freedonia", "Grand Fenwick",
           f"Hostile {SCRIPT}"]
_PEOPLE = ["Ada Quill", "Ben Rook", "Cy Marsh"]


def load(directory: Path, sources: Path | None = None) -> Pack:
    result = validate_pack(directory, sources)
    assert result.pack is not None and not has_errors(result.problems), [
        p.format() for p in result.problems]
    return result.pack


@functools.lru_cache(maxsize=None)
def bundled_pack() -> Pack:
    return load(BUNDLED, ARTICLES if ARTICLES.is_dir() else None)


@functools.lru_cache(maxsize=None)
def bundled_bank() -> QuestionBank:
    return build_bank(bundled_pack())


def write_hostile_pack(folder: Path, language: Language = "en") -> Path:
    """A pack of every item kind whose text tries to break out of HTML, CSS and templates."""
    folder.mkdir(parents=True, exist_ok=True)
    cite = lambda source="source-a": [{"source": source, "quote": "as the article says"}]  # noqa: E731
    actors: list[dict[str, Any]] = [
        {"id": f"state-{i}", "name": name, "kind": "state",
         "role": f"State number {i} of the story, {HOSTILE[i % len(HOSTILE)]}.", "sources": cite()}
        for i, name in enumerate(_STATES)]
    actors += [{"id": f"person-{i}", "name": name, "kind": "person",
                "role": f"Envoy number {i}, who {HOSTILE[i % len(HOSTILE)]}.", "sources": cite()}
               for i, name in enumerate(_PEOPLE)]
    events = []
    for i in range(14):
        year = 1990 + 2 * i
        date = f"{year}-{i % 12 + 1:02d}" if i % 3 == 1 else str(year)
        hostile = HOSTILE[i % len(HOSTILE)]
        summary = (f"{_STATES[i % 8]} signed pact {i} with its neighbour; {hostile}."
                   if i % 2 else f"A quiet year for treaty {i}, worth {10 + i} million; {hostile}.")
        events.append({"id": f"event-{i}", "date": date, "title": f"Pact {i}: {HOSTILE[i % 4]}",
                       "summary": summary, "actors": [f"state-{i % 8}", f"state-{(i + 3) % 8}"],
                       "sources": cite("source-b" if i % 2 else "source-a")})
    events.append({"id": "event-approx", "date": "2019-06", "approximate": True,
                   "date_note": "A guess.", "title": "Approximate pact", "summary": "Nobody knows.",
                   "sources": cite()})
    causes = [{"id": f"cause-{i}", "cause": f"event-{i}", "effect": f"outcome {i} {HOSTILE[i]}",
               "sources": cite()} for i in range(4)]
    disputes = [{"id": f"dispute-{i}", "question": f"What happened in round {i}? {HOSTILE[i]}",
                 "positions": [
                     {"claim": f"Round {i} went one way {HOSTILE[i]}", "sources": cite("source-a")},
                     {"holder": "person-0", "claim": f"Round {i} went the other way",
                      "sources": cite("source-b")}]}
                for i in range(3)]
    pack = {"id": "hostile", "title": f"Hostile pack {SCRIPT}", "language": language,
            "sources": [{"id": "source-a", "title": f"Article A {HOSTILE[1]}"},
                        {"id": "source-b", "title": f"Article B {HOSTILE[3]}"}],
            "quiz": {"questions": 12, "seed": 5, "variants": 2}}
    _dump(folder / "pack.yaml", pack)
    _dump(folder / "content.yaml", {"events": events, "actors": actors, "causes": causes,
                                    "disputes": disputes})
    return folder


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_pack_files(folder: Path, files: dict[str, str]) -> Path:
    """A pack folder from inline file texts (dedented), for tests that edit packs."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, failing if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_rules_pack(folder: Path) -> Path:
    """A pack that provokes each way a quiz question can go wrong.

    * two effects of one cause (heavy rain → soaked curtains, → the river burst its
      banks), two causes of one effect (a grain tariff, a rail strike → bread prices
      rose), and a chain (rain → curtains → the session moved to the theatre) whose
      middle step is both a cause and an effect, all dated events; and links whose ends
      are prose, which are not asked;
    * an event whose actors are a part of another's (the summit's two states, the
      treaty's three);
    * an event named after its actor (the loyalist commentators' calls) and one named
      after an actor's alias (Quill's visit, where Ada Quill is also "Quill");
    * events the sources do not date, one dated from outside the sources, and one
      dated from outside but asked all the same;
    * an event whose quote also counts its date from another one ("two years later");
    * a person who speaks for a state (Borvia's king), beside events the state took part in;
    * two states whose roles say much the same (Arland and Halvia hosted summits);
    * a group known by no other name (the loyalist commentators) and one with an alias;
    * a group whose name shares a word with an event it took no part in (the people of
      the valley; the ceasefire in the valley);
    * an event that led to another (the blockade to the ceasefire), their actors apart;
    * an event dated only about a month (the border talks);
    * an event whose story tells another date (the blockade, which ended in November 2000,
      when the upset election was held);
    * a dispute only one source takes sides in (who paid for the port);
    * a dispute where a source reports someone's answer (the admiral's, whom both sources
      name), not its own, and one where it reports the answer of someone only it names
      (the union leader's).
    """
    folder.mkdir(parents=True, exist_ok=True)

    def cite(source: str = "gazette") -> list[dict[str, str]]:
        return [{"source": source, "quote": "as the paper says"}]

    states = ["Arland", "Borvia", "Cestia", "Dorania", "Elbonia", "Freedonia"]
    roles = ["The kingdom that hosted the summit.", "The republic across the strait.",
             "The duchy that joined the treaty late.", "The island that opened a new port.",
             "The mountain state under blockade.", "The federation rumoured to face a coup."]
    cast: list[dict[str, Any]] = [
        {"id": name.lower(), "name": name, "kind": "state", "role": role, "sources": cite()}
        for name, role in zip(states, roles)]
    cast += [
        {"id": "ada", "name": "Ada Quill", "kind": "person", "aliases": ["Quill"],
         "role": "The envoy who travelled to the island.", "sources": cite()},
        {"id": "ben", "name": "Ben Rook", "kind": "person",
         "role": "The candidate who won the upset election.", "sources": cite()},
        {"id": "cy", "name": "Cy Marsh", "kind": "person", "aliases": ["Marsh"],
         "role": "The union leader who called the rail strike.", "sources": cite()},
        {"id": "dee", "name": "Dee Fenn", "kind": "person",
         "role": "The admiral who lifted the blockade.", "sources": cite() + cite("courier")},
        {"id": "halvia", "name": "Halvia", "kind": "state",
         "role": "The kingdom that hosted the second summit.", "sources": cite()},
        {"id": "olaf", "name": "Olaf Brand", "kind": "person",
         "role": "King of Borvia, who toured the north.", "sources": cite()},
        {"id": "commentators", "name": "Loyalist commentators", "kind": "group",
         "role": "Voices on state television calling for a strike.", "sources": cite()},
        {"id": "dockers", "name": "Dock workers", "kind": "group", "aliases": ["Dockers"],
         "role": "The crews who loaded the first ships.", "sources": cite()},
        {"id": "valley-folk", "name": "People of the valley", "kind": "group",
         "aliases": ["Valley folk"], "role": "Farmers who sheltered the envoys.",
         "sources": cite()},
    ]

    def event(eid: str, title: str, date: str | None, actors: list[str], **more: Any
              ) -> dict[str, Any]:
        item: dict[str, Any] = {"id": eid, "title": title}
        if date is not None:
            item["date"] = date
        names = [next(a["name"] for a in cast if a["id"] == actor) for actor in actors]
        # a list, not a pair joined by "and", which would tell one of the other
        told = f"The paper names {', '.join(names)} there." if names else "The paper tells of it."
        item.update({"summary": told,
                     "actors": actors, "sources": cite()})
        item.update(more)
        return item

    events = [
        event("summit", "Summit at the lake", "1990", ["arland", "borvia"]),
        event("treaty", "Treaty of the strait", "1992-05", ["arland", "borvia", "cestia"]),
        event("calls", "Calls by loyalist commentators for a strike", "1994", ["commentators"]),
        event("visit", "Quill's visit to the island", "1996-02", ["ada", "dorania"]),
        event("blockade", "Blockade of the passes", "1998", ["elbonia", "dee"],
              summary="Elbonia closed the passes in 1998; the blockade ended in November 2000."),
        event("election", "Upset election", "2000-11", ["cestia", "ben"]),
        event("port", "Opening of the deep-water port", "2003", ["dorania", "borvia"]),
        event("strike", "Rail strike", "2005-07", ["cy", "elbonia"]),
        event("ceasefire", "Ceasefire in the valley", "2007-03-02", ["freedonia", "dee"]),
        event("games", "Games of the isles", "2009", ["dorania", "elbonia", "ben"]),
        event("fair", "Trade fair in the south", "2011-06", ["freedonia", "cy", "dee"]),
        event("review", "Naval review", "2013-08", ["elbonia", "freedonia", "ada"]),
        event("harbour", "Closing of the old harbour", "2016", ["dorania"],
              sources=[{"source": "gazette", "quote": "closed two years later"}]),
        event("tour", "Royal tour of the north", "2018", ["olaf"]),
        event("talks", "Border talks", "2015-04", ["arland", "halvia"], approximate=True),
        event("flood", "Flood in the lowlands", None, ["arland", "cestia"]),
        event("rumour", "Rumours of a coup", None, ["freedonia"]),
        event("founding", "Founding of the league", "1900", ["arland", "dorania"],
              date_source="outside"),
        event("crowning", "Crowning of the old king", "1991", ["borvia"],
              date_source="outside", ask_date=True),
        # a chain of causes, dated: a link is asked for an end the sources date
        event("rain", "Heavy rain in the capital", "2004-01", []),
        event("curtains", "Soaked curtains hung in Parliament", "2004-02", []),
        event("session", "The session moved to the theatre", "2004-03", []),
        event("river", "The river burst its banks", "2004-04", []),
        event("bread", "Bread prices rose", "2006-01", []),
        event("border", "A border dispute", "1995", []),
        event("troops", "Troops massed at the frontier", "1995-06", []),
        event("winter", "A cold winter", "1997-01", []),
        event("gas", "Gas imports doubled", "1997-03", []),
        event("crash", "A currency crash", "2008", []),
        event("savings", "Savings were wiped out", "2008-05", []),
    ]
    links = [
        ("rain-curtains", "rain", "curtains"),
        ("curtains-session", "curtains", "session"),
        ("rain-river", "rain", "river"),
        ("tariff-bread", "a grain tariff", "bread"),
        ("strike-bread", "strike", "bread"),
        ("border-troops", "border", "troops"),
        ("winter-gas", "winter", "gas"),
        ("port-trade", "port", "trade across the strait grew"),
        ("election-cabinet", "election", "the cabinet resigned"),
        ("crash-savings", "crash", "savings"),
        ("blockade-ceasefire", "blockade", "ceasefire"),
    ]
    causes = [{"id": cid, "cause": cause, "effect": effect, "sources": cite()}
              for cid, cause, effect in links]
    disputes = [
        {"id": f"dispute-{i}", "question": question,
         "positions": [{"claim": first, "sources": cite("gazette")},
                       {"claim": second, "sources": cite("courier")}]}
        for i, (question, first, second) in enumerate([
            ("Why did the summit fail?", "The hosts asked too much", "The guests came unready"),
            ("Who ended the blockade?", "The admiral acted alone", "The treaty forced it"),
            ("Was the election fair?", "The count was clean", "The count was rigged"),
        ])]
    disputes.append({"id": "dispute-port", "question": "Who paid for the port?",
                     "positions": [{"claim": f"The {payer} paid for it", "sources": cite()}
                                   for payer in ("crown", "guilds")]})  # the Gazette's alone
    disputes[1]["positions"][0]["holder"] = "dee"  # the Gazette reports the admiral's answer
    disputes[2]["positions"][0]["holder"] = "cy"  # and the union leader's, whom only it names
    pack = {"id": "rules", "title": "Rules pack", "language": "en",
            "sources": [{"id": "gazette", "title": "The Gazette"},
                        {"id": "courier", "title": "The Courier"}],
            "quiz": {"questions": 12, "seed": 3, "variants": 2}}
    _dump(folder / "pack.yaml", pack)
    _dump(folder / "content.yaml", {"events": events, "actors": cast, "causes": causes,
                                    "disputes": disputes})
    return folder


def write_two_source_pack(folder: Path, events: int = 16) -> Path:
    """A pack of two sources and ``events`` events a year apart, each with two actors of
    their own; disputes both sources take sides in, one of whose claims both hold (a
    position citing both) — the pack that can say "both sources" — and actors with roles.

    With forty questions its default mix starves chronologies: the dates go to
    true-or-false statements, matchings and multiple choice first.
    """
    folder.mkdir(parents=True, exist_ok=True)

    def cite(*sources: str) -> list[dict[str, str]]:
        return [{"source": s, "quote": "as the paper says"} for s in sources or ("north",)]

    towns = ["Ashford", "Brigg", "Colne", "Dunmow", "Eye", "Frome", "Goole", "Hythe", "Ilkley",
             "Jarrow", "Keswick", "Leek", "Malton", "Nairn", "Oundle", "Penrith", "Quorn",
             "Ripon", "Selby", "Thirsk"]
    mayors = [f"Mayor {name}" for name in ("Abel", "Bligh", "Crane", "Dale", "Eade", "Ford",
                                           "Gale", "Hale", "Ince", "Jory")]
    actors: list[dict[str, Any]] = [
        {"id": f"town-{i}", "name": town, "kind": "organization",
         "role": f"The market town that hosted fair number {i + 1}.", "sources": cite()}
        for i, town in enumerate(towns[:events])]
    actors += [{"id": f"mayor-{i}", "name": name, "kind": "person",
                "role": f"The mayor who opened bridge number {i + 1}.", "sources": cite("south")}
               for i, name in enumerate(mayors)]
    items = [{"id": f"fair-{i}", "date": str(1950 + 3 * i),
              "title": f"Fair at {towns[i]}", "summary": f"The fair at {towns[i]} opened.",
              "actors": [f"town-{i}", f"mayor-{i % len(mayors)}"],
              "sources": cite("north" if i % 2 else "south")} for i in range(events)]
    claims = [("Who paid for the bridges?", "The county paid", "The towns paid"),
              ("Why did the fairs grow?", "The railway came", "The roads improved"),
              ("Were the fairs profitable?", "They made money", "They lost money"),
              ("Who ran the markets?", "The guilds ran them", "The mayors ran them")]
    disputes = [{"id": f"dispute-{i}", "question": question,
                 "positions": [{"claim": first, "sources": cite("north")},
                               {"claim": second, "sources": cite("south")}]}
                for i, (question, first, second) in enumerate(claims)]
    disputes.append({"id": "dispute-shared", "question": "Did the fairs outlast the war?",
                     "positions": [{"claim": "The fairs outlived the war",
                                    "sources": cite("north", "south")},
                                   {"claim": "The fairs ended with the war",
                                    "sources": cite("south")}]})
    pack = {"id": "fairs", "title": "Fairs of the shires", "language": "en",
            "sources": [{"id": "north", "title": "The Northern Chronicle of Fairs and Markets",
                         "label": "The Chronicle"},
                        {"id": "south", "title": "Southern Gazette, market supplement",
                         "label": "The Gazette"}],
            "quiz": {"questions": 40, "seed": 1, "variants": 1}}
    _dump(folder / "pack.yaml", pack)
    _dump(folder / "content.yaml", {"events": items, "actors": actors, "disputes": disputes})
    return folder
