"""Reading source files: UTF-8 only, within the size limit, no hidden characters; front matter split off."""

from __future__ import annotations

from pathlib import Path

from build_tools.config import MAX_SOURCE_BYTES
from build_tools.errors import Report, SourceError
from build_tools.load.strict_yaml import YamlList, YamlMap, load_yaml
from build_tools.text import hidden_character

HIDDEN_HINT = "delete it: it changes or hides how the text reads"


def read_text(path: Path, rel: str) -> str:
    """Read a UTF-8 source file; BOM dropped, line endings made LF."""
    if path.is_symlink():
        raise SourceError(rel, None, "symlinked source files are not read", "copy the file here")
    data = path.read_bytes()
    if len(data) > MAX_SOURCE_BYTES:
        size = f"{len(data) / 1_000_000:.1f} MB"
        raise SourceError(rel, None, f"file is {size}, over the 1 MB limit", "split it or shorten it")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8: byte {exc.start} cannot be decoded"
        raise SourceError(rel, None, msg, "save the file as UTF-8") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _refuse_invisible(text, rel)
    return text


def _refuse_invisible(text: str, rel: str) -> None:
    """Bidirectional overrides, zero-width and control characters can hide or reorder what a reader sees."""
    found = hidden_character(text)
    if found:
        offset, char = found
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise SourceError(rel, line, f"invisible character {char} at column {column}", HIDDEN_HINT)


def split_front_matter(text: str, rel: str) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        hint = "start the file with a line `---`, the front matter, and another `---`"
        raise SourceError(rel, 1, "missing YAML front matter", hint)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            rest = lines[index + 1 :]
            body = "\n".join(rest).strip("\n") + "\n"
            first = index + 2 + (_leading_blank_lines(rest) if body.strip() else 0)
            return "\n".join(lines[1:index]), body, first
    raise SourceError(rel, 1, "front matter is not closed", "add a line `---` after it")


def _leading_blank_lines(lines: list[str]) -> int:
    count = 0
    while count < len(lines) and not lines[count].strip():
        count += 1
    return count


def read_data_file(path: Path, rel: str, report: Report) -> YamlMap | YamlList | str | None:
    """A YAML file's data, or None with its problem reported."""
    try:
        return load_yaml(read_text(path, rel), rel)
    except SourceError as error:
        report.errors.append(error)
    return None
