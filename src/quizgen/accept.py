"""``quizgen accept``: move candidates from a pack's draft files into its content files.

The files are edited as text, never re-dumped, so that every comment and every way of
writing a value stays as the author left it: an item's lines (with the comment lines just
above it) are cut from the draft and appended to the list of its kind in the pack's file
for that kind (the first content file that holds the kind, else ``<kind>.yaml``),
re-indented to match it. A draft left without items is deleted.

Only a pack with no error is edited, and nothing is written unless the pack, with the
moved items, still has none: an id the pack already has, a reference to a draft item left
behind, a target file that cannot be appended to are each refused with a located error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from .load import Document, PathPart, load_document
from .problems import Level, Problem, UsageError, display_path
from .scaffold import EXAMPLES_NOTE
from .validate import (DRAFT_SUFFIX, PACK_FILE, Validation, name_path, references,
                       validate_pack)

KINDS = ("events", "actors", "causes", "disputes")


@dataclass(frozen=True)
class Block:
    """One drafted item as written: its lines (comments above it included) in its draft."""

    kind: str
    ident: str
    draft: Path
    first: int  # index of its first line (a comment line above it, or the item's own)
    end: int  # index after its last line
    line: int  # 1-based line of the item's id, for messages
    col: int
    item_indent: int  # the column of its "- "


@dataclass
class AcceptResult:
    """The files to write and to delete, what moved where, and the problems that stop it."""

    files: dict[Path, bytes] = field(default_factory=dict)
    deleted: list[Path] = field(default_factory=list)
    moved: list[tuple[str, str, Path]] = field(default_factory=list)  # (kind, id, target)
    dropped: list[tuple[str, str, Path]] = field(default_factory=list)  # init's examples
    problems: list[Problem] = field(default_factory=list)


def accept(pack_dir: Path, ids: Sequence[str], everything: bool,
           sources_dir: Optional[Path] = None, drop_examples: bool = False) -> AcceptResult:
    """Plan the move of the drafted items ``ids`` (or all of them) into the pack; with
    ``drop_examples``, the removal of the examples ``quizgen init`` wrote as well."""
    if not ids and not everything and not drop_examples:
        raise UsageError("name the ids to accept, or pass --all (or --drop-examples alone)")
    drafts = sorted(pack_dir.glob(f"*{DRAFT_SUFFIX}"))
    if not drafts and (ids or everything):
        raise UsageError(f"{display_path(pack_dir)} has no draft (*{DRAFT_SUFFIX}) to accept from")
    result = AcceptResult()
    before = validate_pack(pack_dir, sources_dir)
    # Files are edited as text: only a pack whose files all read and validate is edited.
    result.problems.extend(p for p in before.problems if p.level is Level.ERROR)
    if result.problems:
        return result
    texts = {path: path.read_text(encoding="utf-8-sig") for path in drafts}
    blocks: dict[str, Block] = {}
    for path in drafts:
        doc, _ = load_document(path, display_path(path))
        assert doc is not None  # it validated
        for block in _blocks(doc, path, texts[path]):
            blocks.setdefault(block.ident, block)
    chosen = list(blocks.values()) if everything else _chosen(blocks, ids, pack_dir)
    # An id taken twice (the pack's and a drafted item's) is an error of validation, above.
    result.problems.extend(_left_behind(chosen, blocks, {b.ident for b in chosen}, pack_dir))
    if result.problems:
        return result
    current: dict[Path, Optional[str]] = {}
    if drop_examples:
        _drop_examples(pack_dir, before, current, result)
        if result.problems:
            return result
    _plan(pack_dir, chosen, texts, current, result)
    if not result.problems:
        result.problems.extend(_new_errors(pack_dir, result, before, sources_dir))
    return result


def _chosen(blocks: dict[str, Block], ids: Sequence[str], pack_dir: Path) -> list[Block]:
    missing = [i for i in ids if i not in blocks]
    if missing:
        known = ", ".join(sorted(blocks)) or "none"
        raise UsageError(f"no drafted item with id {', '.join(repr(i) for i in missing)} in "
                         f"{display_path(pack_dir)}'s drafts (drafted ids: {known})")
    return [blocks[i] for i in dict.fromkeys(ids)]


def _blocks(doc: Document, path: Path, text: str,
            kinds: Sequence[str] = KINDS) -> list[Block]:
    """Every item with an id of the lists ``kinds`` of a file, as the lines it takes."""
    lines = text.splitlines(keepends=True)
    data = doc.data if isinstance(doc.data, dict) else {}
    found = []
    for kind in kinds:
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            line, col = doc.locate((kind, index))
            dash = _dash_column(lines[line - 1], col)
            if dash is None:
                continue  # a flow-style item ({id: …}): left in the draft
            end = _item_end(lines, line, dash)
            first = line - 1
            while first > 0 and lines[first - 1].strip().startswith("#") and (
                    _indent(lines[first - 1]) >= dash):
                first -= 1
            id_line, id_col = doc.locate((kind, index, "id"))
            found.append(Block(kind, item["id"], path, first, end, id_line, id_col, dash))
    return found


def _dash_column(line: str, col: int) -> Optional[int]:
    """The column (0-based) of the "- " that opens the item whose first key is at ``col``."""
    head = line[:col - 1]
    stripped = head.rstrip()
    if not stripped.endswith("-") or stripped[:-1].strip():
        return None
    return len(stripped) - 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_end(lines: list[str], line: int, dash: int) -> int:
    """The index after the last line of the item that starts on ``line`` (1-based); comment
    lines after it belong to what follows."""
    end = line
    for index in range(line, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent(lines[index]) <= dash:
            break
        end = index + 1
    return end


def _left_behind(chosen: list[Block], blocks: dict[str, Block], moving: set[str],
                 pack_dir: Path) -> list[Problem]:
    """References from moved items to drafted items that stay in the draft."""
    problems = []
    loaded: dict[Path, Document] = {}
    for block in chosen:
        doc = loaded.get(block.draft)
        if doc is None:
            doc, _ = load_document(block.draft, display_path(block.draft))
            assert doc is not None  # it was loaded before
            loaded[block.draft] = doc
        for suffix, ident, what in _raw_references(doc, block):
            if ident in blocks and ident not in moving:
                line, col = doc.locate(suffix)
                problems.append(Problem(
                    display_path(block.draft), line, col, "unknown-reference",
                    f"{what} '{ident}' is only in the draft: accept it too (quizgen accept "
                    f"{display_path(pack_dir)} {block.ident} {ident})", path=name_path(doc, suffix)))
    return problems


def _raw_references(doc: Document, block: Block) -> list[tuple[tuple[PathPart, ...], str, str]]:
    """The ids a drafted item refers to, with their paths in the draft."""
    from .model import ITEM_MODELS

    data = doc.data
    assert isinstance(data, dict)
    items = data[block.kind]
    index = next(i for i, item in enumerate(items)
                 if isinstance(item, dict) and item.get("id") == block.ident)
    try:
        item = ITEM_MODELS[block.kind].model_validate(items[index])
    except ValueError:
        return []  # a broken item: validation reports it
    return [((block.kind, index, *suffix), ident, what)
            for suffix, ident, what in references(item) if what != "source"]


def _plan(pack_dir: Path, chosen: list[Block], texts: dict[Path, str],
          current: dict[Path, Optional[str]], result: AcceptResult) -> None:
    """The new texts of the targets and the drafts, in ``result``; ``current`` holds the
    texts already changed (``None``: deleted)."""
    for block in chosen:
        target = _target(pack_dir, block.kind, current)
        text = current.get(target)
        if text is None:
            text = (target.read_text(encoding="utf-8-sig") if target.exists() and target not in current
                    else _new_file(block.kind))
        lines = texts[block.draft].splitlines(keepends=True)[block.first:block.end]
        appended = _append(text, block.kind, lines, block.item_indent)
        if appended is None:
            result.problems.append(Problem(
                display_path(target), 1, 1, "accept",
                f"cannot append to the '{block.kind}' list of this file as text (it is not a "
                f"block list under a top-level '{block.kind}:'); move {block.kind}"
                f"[{block.ident}] from {display_path(block.draft)} by hand"))
            return
        current[target] = appended
        result.moved.append((block.kind, block.ident, target))
    for draft, text in texts.items():
        mine = [b for b in chosen if b.draft == draft]
        if mine:
            current[draft] = _without(text, mine)
    for path, text in current.items():
        if text is not None and path.name != PACK_FILE and not _has_items(text):
            current[path] = None  # comments only: a file with no content
    result.files = {path: text.encode("utf-8") for path, text in current.items()
                    if text is not None}
    result.deleted += [path for path, text in sorted(current.items()) if text is None]


def _target(pack_dir: Path, kind: str, current: dict[Path, Optional[str]]) -> Path:
    """The first content file of the pack with a top-level ``kind:``; else ``<kind>.yaml``."""
    key = re.compile(rf"^{kind}\s*:", re.MULTILINE)
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name == PACK_FILE or path.name.endswith(DRAFT_SUFFIX):
            continue
        text = current[path] if path in current else path.read_text(encoding="utf-8-sig")
        if text is not None and key.search(text):
            return path
    return pack_dir / f"{kind}.yaml"


def _drop_examples(pack_dir: Path, before: Validation, current: dict[Path, Optional[str]],
                   result: AcceptResult) -> None:
    """Init's examples out of the pack: items and sources marked ``example: true``, and the
    example article no source names any more. A file left with no item is deleted."""
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name.endswith(DRAFT_SUFFIX):
            continue
        text = path.read_text(encoding="utf-8-sig")
        doc, _ = load_document(path, display_path(path))
        if doc is None:
            continue
        pack_file = path.name == PACK_FILE
        found = [b for b in _blocks(doc, path, text, ("sources",) if pack_file else KINDS)
                 if _marked(doc, b)]
        if not found:
            continue
        if pack_file and before.pack is not None and len(found) == len(before.pack.info.sources):
            result.problems.append(Problem(
                display_path(path), found[0].line, found[0].col, "example",
                "the example source is the pack's only source: draft your article into the pack "
                "first (quizgen draft ARTICLE.txt --pack …), then drop the examples",
                path=f"sources[{found[0].ident}]"))
            return
        result.dropped.extend((b.kind, b.ident, path) for b in found)
        if pack_file:
            current[path] = _without_lines(text, found)
        else:  # init's comments stay, but for the note on its examples
            current[path] = _without_items(text, found).replace(EXAMPLES_NOTE, "")
    if before.pack is None:
        return
    dropped = {ident for kind, ident, _ in result.dropped if kind == "sources"}
    kept = {s.text for s in before.pack.info.sources if s.id not in dropped and s.text}
    for source in before.pack.info.sources:
        if source.id in dropped and source.text and source.text not in kept:
            article = pack_dir / source.text
            if article.is_file() and article.parent == pack_dir:
                result.deleted.append(article)


def _marked(doc: Document, block: Block) -> bool:
    data = doc.data
    assert isinstance(data, dict)
    return any(isinstance(item, dict) and item.get("id") == block.ident
               and item.get("example") is True for item in data[block.kind])


def _without_lines(text: str, blocks: list[Block]) -> str:
    lines = text.splitlines(keepends=True)
    cut = {index for block in blocks for index in range(block.first, block.end)}
    return "".join(line for index, line in enumerate(lines) if index not in cut)


def _new_file(kind: str) -> str:
    return f"{kind}:\n"


def _append(text: str, kind: str, item: list[str], indent: int) -> Optional[str]:
    """``text`` with ``item`` (lines indented from ``indent``) at the end of its ``kind`` list."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    at = next((i for i, line in enumerate(lines) if re.match(rf"{kind}\s*:", line)), None)
    if at is None:
        tail = "" if not lines or lines[-1].endswith(("\n", "\r")) else newline
        return text + tail + f"{kind}:{newline}" + "".join(_reindent(item, indent, 2, newline))
    rest = lines[at].split(":", 1)[1].strip()
    if rest and not rest.startswith("#"):
        if re.fullmatch(r"\[\s*\]\s*(#.*)?", rest) is None:
            return None
        lines[at] = f"{kind}:{newline}"
    end = at + 1
    wanted: Optional[int] = None
    for index in range(at + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent(lines[index]) == 0 and not stripped.startswith("-"):
            break  # the next top-level key
        if wanted is None and stripped.startswith("- "):
            wanted = _indent(lines[index])
        end = index + 1
    if end > 0 and lines and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    moved = _reindent(item, indent, 2 if wanted is None else wanted, newline)
    return "".join(lines[:end] + moved + lines[end:])


def _reindent(lines: list[str], was: int, wanted: int, newline: str) -> list[str]:
    shift = wanted - was
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        if body.strip():
            body = " " * max(_indent(body) + shift, 0) + body.lstrip(" ")
        out.append(body + newline)
    return out


def _without(text: str, blocks: list[Block]) -> Optional[str]:
    """The draft without ``blocks``; a list left empty loses its key; ``None`` when no item
    is left at all."""
    left = _without_items(text, blocks)
    return left if _has_items(left) else None


def _has_items(text: str) -> bool:
    return re.search(rf"^(?:{'|'.join(KINDS)})\s*:", text, re.MULTILINE) is not None


def _without_items(text: str, blocks: list[Block]) -> str:
    """``text`` without ``blocks``, and without the key of a list left empty."""
    lines = text.splitlines(keepends=True)
    cut: set[int] = set()
    for block in blocks:
        cut.update(range(block.first, block.end))
    kept = [line for index, line in enumerate(lines) if index not in cut]
    out: list[str] = []
    index = 0
    while index < len(kept):
        line = kept[index]
        key = re.match(rf"({'|'.join(KINDS)})\s*:\s*$", line)
        if key is None:
            out.append(line)
            index += 1
            continue
        following = index + 1
        has_items = False
        while following < len(kept) and (not kept[following].strip()
                                         or _indent(kept[following]) > 0
                                         or kept[following].lstrip().startswith("-")):
            if kept[following].strip().startswith("- "):
                has_items = True
            following += 1
        if has_items:
            out.extend(kept[index:following])
        index = following
    return "".join(out)


def _new_errors(pack_dir: Path, result: AcceptResult, before: Validation,
                sources_dir: Optional[Path]) -> list[Problem]:
    """The errors the pack would have after the move that it has not now (none, normally)."""
    import tempfile

    from .draft import copy_read_files

    with tempfile.TemporaryDirectory(prefix="quizgen-accept-") as scratch:
        copy = Path(scratch) / pack_dir.name
        copy_read_files(pack_dir, before.read, copy)
        for path, data in result.files.items():
            (copy / path.name).write_bytes(data)
        for path in result.deleted:
            (copy / path.name).unlink(missing_ok=True)
        after = validate_pack(copy, sources_dir)
        prefix = display_path(copy)
    known = {(p.code, p.message) for p in before.problems}
    real = display_path(pack_dir)
    return [Problem(real + p.file[len(prefix):], p.line, p.col, p.code,
                    p.message.replace(prefix, real), p.level, p.path)
            for p in after.problems
            if p.level is Level.ERROR and (p.code, p.message.replace(prefix, real)) not in known]
