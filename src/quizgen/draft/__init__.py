"""``quizgen draft``: from an article's plain text to a draft the author reviews.

The pipeline: read the article → validate the pack it joins → find candidates
(:mod:`.compose`: dates by :mod:`quizgen.dates`, names by :mod:`.language`) → write them as a
``<source>.draft.yaml`` content file (:mod:`.emit`), adding the source to ``pack.yaml``
when it is new. Before anything is written, the pack with its draft is validated in a
scratch copy, quotes included: a draft that would not validate is never written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Optional

from ..files import MAX_FILE_BYTES, read_regular
from ..load import Document, load_document, read_text
from ..model import Actor, Cause, Dispute, Event, Language, Pack, is_slug
from ..problems import Level, Problem, UsageError, display_path
from ..validate import DRAFT_SUFFIX, PACK_FILE, validate_pack
from .compose import Draft, compose
from .emit import draft_yaml, source_entry
from .language import StackMissing, analyser, install_hint
from .slugs import slug

TITLE_CHARACTERS = 120


@dataclass(frozen=True)
class DraftResult:
    """What drafting found and the files it would write; ``problems`` stop the writing."""

    draft: Optional[Draft]
    draft_path: Path
    files: dict[Path, bytes]
    problems: list[Problem]
    source_added: bool = False

    def batches(self) -> list[dict[Path, bytes]]:
        """The files in the order to write them, each batch all or nothing.

        ``pack.yaml`` with its new source comes first: a run killed before the draft is
        written leaves a pack that builds (a draft citing a source the pack lacks would not),
        and the next run writes the draft alone.
        """
        first = {path: data for path, data in self.files.items() if path.name == PACK_FILE}
        rest = {path: data for path, data in self.files.items() if path.name != PACK_FILE}
        return [batch for batch in (first, rest) if batch]


def draft_article(article: Path, pack_dir: Path, source: Optional[str] = None,
                  language: Optional[Language] = None, sources_dir: Optional[Path] = None,
                  replace_draft: bool = False,
                  progress: Optional[Callable[[int, int], None]] = None) -> DraftResult:
    """Draft ``article`` into the pack at ``pack_dir``; return the files to write."""
    source = source or slug(article.stem)
    if not is_slug(source):
        raise UsageError(f"'{source}' is not a valid source id: name it with --source "
                         "(lowercase latin letters and digits joined by hyphens)")
    draft_path = pack_dir / f"{source}{DRAFT_SUFFIX}"
    if draft_path.exists() and not replace_draft:
        raise UsageError(f"{display_path(draft_path)} exists: move what you keep into the pack "
                         f"(quizgen accept {display_path(pack_dir)} ID… or --all) and delete the "
                         "rest, or pass --force to draft it anew")
    text, problems = read_text(article, display_path(article))
    if text is not None and "\x00" in text:
        problems = [Problem(display_path(article), 0, 0, "binary-file",
                            "file holds NUL bytes: a binary file, not a plain-text article")]
        text = None
    if text is None:
        return DraftResult(None, draft_path, {}, problems)
    validation = validate_pack(pack_dir, sources_dir or article.parent)
    pack = validation.pack
    if pack is None:
        return DraftResult(None, draft_path, {}, validation.problems)
    items: tuple[Event | Actor | Cause | Dispute, ...] = (
        *pack.events, *pack.actors, *pack.causes, *pack.disputes)
    taken = {item.id for item in items}
    if source in taken:
        raise UsageError(f"'{source}' is the id of an item of the pack; name the source "
                         "with --source")
    language = language or pack.info.language
    try:
        words = analyser(language)
    except StackMissing as exc:
        raise UsageError(f"quizgen draft needs its language libraries for '{language}' "
                         f"({exc}); install them with: {install_hint()}") from None
    others = _other_texts(pack, pack_dir, sources_dir or article.parent, source)
    mine = display_path(draft_path)  # a draft being replaced does not count
    drafted = [item for file, item in validation.drafts if file != mine]
    draft = compose(text, source, language, words, pack, others, progress, drafted)
    if not (draft.events or draft.new_actors or draft.causes or draft.disputes):
        return DraftResult(draft, draft_path, {}, [])  # the pack cites all that was found
    files = {draft_path: draft_yaml(draft, pack.info.language, source).encode()}
    added = source not in {s.id for s in pack.info.sources}
    inside = added and article.resolve().parent == pack_dir.resolve()
    if added:
        files[pack_dir / PACK_FILE] = _with_source(pack_dir, source, _title(text, article),
                                                   article.name if inside else None)
    problems = _check(pack_dir, validation.read, files, {**others, source: text},
                      validation.problems, {article.name: text} if inside else {})
    return DraftResult(draft, draft_path, files, problems, added)


def _other_texts(pack: Pack, pack_dir: Path, sources_dir: Path, source: str) -> dict[str, str]:
    """The texts of the pack's other sources that can be found, for comparing sources."""
    found = {}
    for other in pack.info.sources:
        if other.id == source:
            continue
        path = pack_dir / other.text if other.text else sources_dir / f"{other.id}.txt"
        if path.is_file():
            text, _ = read_text(path, display_path(path))
            if text is not None and "\x00" not in text:
                found[other.id] = text
    return found


def _title(text: str, article: Path) -> str:
    """The article's first line when it reads as a title; else its file name, in brackets
    as a descriptive title is written."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 0 < len(first) <= TITLE_CHARACTERS and not first.endswith((".", "!", "?", ":")):
        return first
    return f"[{article.stem}]"


def _with_source(pack_dir: Path, source: str, title: str, text: Optional[str]) -> bytes:
    """pack.yaml with one more entry at the end of its ``sources:`` list, as written."""
    path = pack_dir / PACK_FILE
    raw = path.read_bytes()
    doc, _ = load_document(path, display_path(path))
    sources = doc.data.get("sources") if doc is not None and isinstance(doc.data, dict) else None
    lines = raw.decode("utf-8-sig").splitlines(keepends=True)
    if doc is None or not isinstance(sources, list) or not sources or "[" in _key_line(doc, lines):
        raise UsageError(f"cannot add source '{source}' to {display_path(path)}: write it there "
                         f"yourself (- id: {source}) under sources:, then draft again")
    line, col = doc.locate(("sources", len(sources) - 1))
    indent = " " * max(col - 3, 0)
    end = _block_end(lines, line, col - 3)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    if not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    entry = [f"{row}{newline}" for row in source_entry(source, title, indent, text)]
    return "".join(lines[:end] + entry + lines[end:]).encode()


def _key_line(doc: Document, lines: list[str]) -> str:
    line, _ = doc.key_position((), "sources")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _block_end(lines: list[str], first_line: int, dash_column: int) -> int:
    """The index after the last line of the list item that starts at ``first_line``."""
    end = first_line
    for index in range(first_line, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(lines[index]) - len(lines[index].lstrip())
        if indent <= dash_column:
            break
        end = index + 1
    return end


def _check(pack_dir: Path, read: Mapping[str, Optional[str]], files: dict[Path, bytes],
           texts: dict[str, str], before: list[Problem],
           inside: Mapping[str, str]) -> list[Problem]:
    """Validate the pack with its draft in a scratch copy, the source texts beside it.

    The copy holds the files of the pack that validation ``read``, and ``inside``: the
    drafted article by its name, where it lies in the pack's folder as its source's text.

    Every error or warning the pack did not have ``before`` is the draft's doing, wherever
    it is reported (an id the draft takes again is reported in the file that had it first);
    it is returned with the real folder's name. An empty list means the draft validates.
    """
    with tempfile.TemporaryDirectory(prefix="quizgen-draft-") as scratch:
        copy = Path(scratch) / "pack"
        copy_read_files(pack_dir, read, copy)
        for path, data in files.items():
            (copy / path.name).write_bytes(data)
        for name, text in inside.items():
            (copy / name).write_text(text, encoding="utf-8")
        folder = Path(scratch) / "sources"
        folder.mkdir()
        for source, text in texts.items():
            (folder / f"{source}.txt").write_text(text, encoding="utf-8")
        validation = validate_pack(copy, folder)
        prefix, real = display_path(copy), display_path(pack_dir)
    drafts = {display_path(pack_dir / path.name) for path in files
              if path.name.endswith(DRAFT_SUFFIX)}
    # What pack.yaml had before (init's example source) is not the draft's doing; all that
    # a draft being replaced had is.
    known = {(p.file, p.code, p.message) for p in before if p.file not in drafts}
    found = [replace(p, file=real + p.file[len(prefix):],
                     message=p.message.replace(prefix, real))
             for p in validation.problems if p.level in (Level.ERROR, Level.WARNING)]
    return [p for p in found if p.file in drafts or (p.file, p.code, p.message) not in known]


def copy_read_files(pack_dir: Path, read: Mapping[str, Optional[str]], copy: Path) -> None:
    """The pack's files that validation read, copied into ``copy`` at the same places.

    Only these: whatever else lies in the pack folder (a named pipe, a video of gigabytes)
    is neither opened nor copied. Each is read as a regular file within the size limit, as
    validation read it; a file it could not read is left out, and stays unread.
    """
    copy.mkdir()
    top = pack_dir.absolute()
    for name, digest in sorted(read.items()):
        path = Path(name)
        if digest is None or not path.is_relative_to(top):
            continue  # unread, or a source text from the sources folder (given separately)
        relative = path.relative_to(top)
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            continue
        if data is None or ".." in relative.parts:
            continue
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_bytes(data)


def next_steps(result: DraftResult, article: Path, sources_dir: Optional[Path]) -> list[str]:
    """What the author does next, with the commands to run."""
    pack = display_path(result.draft_path.parent)
    folder = sources_dir or article.parent
    source = result.draft_path.name[:-len(DRAFT_SUFFIX)]
    # An article in the pack's folder is the source's text: added so, its quotes are checked.
    inside = folder.resolve() == result.draft_path.parent.resolve()
    found = (folder / f"{source}.txt").is_file()
    check = (f"quizgen validate {pack}" if inside else
             f"quizgen validate --sources {display_path(folder)} {pack}" if found else
             f"quizgen validate {pack}  (to check quotes, copy the article to "
             f"{pack}/{source}.txt)")
    lines = ["next:",
             f"  1. read {display_path(result.draft_path)}, delete what is wrong, move the rest "
             f"into the pack (quizgen accept {pack} --all, or name ids), rewrite each "
             "placeholder in your own words, and check each text named in proposed: against "
             "the source, then remove its name",
             f"  2. {check}",
             f"  3. quizgen build {pack}"]
    if result.source_added:
        lines.insert(1, f"  0. source '{source}' was added to {pack}/{PACK_FILE}: give it its "
                        "real title")
    return lines
