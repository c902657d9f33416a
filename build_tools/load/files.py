"""Reading source files: regular files only, within the size limit, UTF-8, no hidden characters; front
matter split off."""

from __future__ import annotations

from pathlib import Path

from build_tools.config import MAX_SOURCE_BYTES
from build_tools.disk import NotRegular, read_regular
from build_tools.errors import Report, SourceError
from build_tools.load.strict_yaml import YamlList, YamlMap, load_yaml
from build_tools.text import MAX_SHOWN, describe, find_hidden

HIDDEN_HINT = "delete it: it changes or hides how the text reads"


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """A UTF-8 source file's text (BOM dropped, line endings made LF), or None with its problems reported:
    not a regular file, over the size limit (both found before reading), not UTF-8, or holding invisible
    characters (every line that holds one is reported)."""
    try:
        data = _read(path, rel)
        text = data.decode("utf-8")
    except SourceError as error:
        report.errors.append(error)
        return None
    except UnicodeDecodeError as exc:
        report.add(rel, None, f"not UTF-8: byte {exc.start} cannot be decoded", "save the file as UTF-8")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return None if _refuse_invisible(text, rel, report) else text


def _read(path: Path, rel: str) -> bytes:
    try:
        return read_regular(path, MAX_SOURCE_BYTES)
    except NotRegular as refused:
        if refused.kind == "too large":
            size = f"{(refused.size or 0) / 1_000_000:.1f} MB"
            raise SourceError(rel, None, f"file is {size}, over the 1 MB limit", "split it or shorten it") from None
        hint = "copy the file here" if refused.kind == "a symbolic link" else "replace it with a regular text file"
        raise SourceError(rel, None, f"is {refused.kind}; only regular files are read", hint) from None
    except OSError as error:
        raise SourceError(rel, None, f"cannot be read: {error.strerror}", "make it readable") from None


def _refuse_invisible(text: str, rel: str, report: Report) -> bool:
    """Report every line holding bidirectional overrides, zero-width, format or control characters, which
    can hide or reorder what a reader sees (after `MAX_SHOWN` lines, a count of the rest); True if any."""
    by_line: dict[int, list[str]] = {}
    counts: dict[int, int] = {}
    line, last, line_start = 1, 0, 0
    for match in find_hidden(text):
        offset = match.start()
        breaks = text.count("\n", last, offset)
        if breaks:
            line, line_start = line + breaks, text.rfind("\n", last, offset) + 1
        last = offset
        found = by_line.setdefault(line, [])
        counts[line] = counts.get(line, 0) + 1
        if len(found) < MAX_SHOWN and len(by_line) <= MAX_SHOWN:
            found.append(f"{describe(match.group())} at column {offset - line_start + 1}")
    for number in sorted(by_line)[:MAX_SHOWN]:
        found, more = by_line[number], counts[number] - len(by_line[number])
        what = "invisible character" if counts[number] == 1 else "invisible characters"
        report.add(rel, number, f"{what} {', '.join(found)}" + (f" and {more} more" if more else ""), HIDDEN_HINT)
    if len(by_line) > MAX_SHOWN:
        report.add(rel, None, f"and {len(by_line) - MAX_SHOWN} more lines with invisible characters", HIDDEN_HINT)
    return bool(by_line)


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
    """A YAML file's data, or None with its problems reported."""
    text = read_text(path, rel, report)
    if text is None:
        return None
    try:
        return load_yaml(text, rel)
    except SourceError as error:
        report.errors.append(error)
    return None
