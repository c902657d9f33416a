"""CSL-JSON items formatted by official CSL styles, with pandoc's citeproc.

The styles are the Citation Style Language project's own files (`csl/`, see its README);
the processor is the citeproc library inside the pandoc binary that pypandoc-binary
installs (that binary, never another pandoc on the machine). citeproc-py 0.11 was tried
first and printed our newspaper articles wrongly ("Edition." after each, hyphenated given
names broken, an unsigned article's title twice).

Two options of the styles are switched off for every run:
- what relates one entry of a reference list to another (APA's "2006a" and "2006b" for
  two articles of one author and year, Chicago's dash for a repeated author): many items
  go through one run, but each is formatted as if cited alone;
- the automatic title case: it printed "Roh Moo-Hyun", "Kim Jong-Un" and "U.S. And ROK",
  and a source cannot protect a word from it, so titles are printed as published.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from build_tools.parallel import cores

STYLES_DIR = Path(__file__).parent / "csl"
"""The official styles, one `<name>.csl` each."""

CHUNK = 1000
"""Items per pandoc run. A run of 1,000 takes under a second and about 200 MB, most of it pandoc's own."""

MAX_RUNS = 4
"""pandoc runs at once, at most: each holds about 200 MB."""

TIMEOUT = 600
"""Seconds a pandoc run may take (1,000 items take about one) before the build gives up on it."""

STAND_INS = {"<": "\uffff", "'": "\ufffe"}
"""What stands for some characters in what pandoc reads, and is turned back after: CSL-JSON strings
take <i>, <b>, <sup> and <span> as markup, with no escape for it, and straight single quotes as
quotation marks (it printed "Rock “n” roll"), so titles come back as published. No source can hold
U+FFFE or U+FFFF (`text.HIDDEN`), so a stand-in cannot be confused with a character of a source."""

_HIDE = str.maketrans(STAND_INS)
_SHOW = str.maketrans({stand_in: char for char, stand_in in STAND_INS.items()})

_SWITCHED_OFF = re.compile(
    rb'\s(?:disambiguate-add-[a-z-]+|subsequent-author-substitute(?:-rule)?)="[^"]*"|\stext-case="title"'
)
"""The style options removed for every run (see the module's docstring)."""

_NOCITE = b'---\nnocite: "@*"\n---\n'
"""The document pandoc formats: no text, a bibliography of every item."""


INSTALL = "install the pinned requirements (every make target does, such as `make build`)"
"""The fix when pandoc is missing."""


class CiteprocError(RuntimeError):
    """pandoc is missing or could not format the items (not a problem of the sources)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint
        """How to fix it, where known."""


def format_items(items: Sequence[Mapping], styles: Sequence[str]) -> dict[str, dict[str, str]]:
    """Each item's bibliography entry in each of `styles` (file names in `csl/` without `.csl`), as
    plain text on one line: by style, then by the item's `id`. The pandoc runs share the cores."""
    pandoc = pandoc_binary()
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    runs = [(style, number, chunk) for style in styles for number, chunk in enumerate(chunks)]
    out: dict[str, dict[str, str]] = {style: {} for style in styles}
    with tempfile.TemporaryDirectory(prefix="bx-citeproc-") as name:
        folder = Path(name)
        for style in styles:
            (folder / f"{style}.csl").write_bytes(standalone_style(style))
        with ThreadPoolExecutor(max(1, min(len(runs), cores(), MAX_RUNS))) as pool:
            done = pool.map(lambda run: _run(pandoc, folder, *run), runs)
            for (style, _, _), entries in zip(runs, done, strict=True):
                out[style].update(entries)
    return out


def style_file(style: str) -> Path:
    """The official style `style` (`chicago-notes-bibliography`, `apa`)."""
    return STYLES_DIR / f"{style}.csl"


@cache
def standalone_style(style: str) -> bytes:
    """The style `style` with the options named in the module's docstring switched off."""
    return _SWITCHED_OFF.sub(b"", style_file(style).read_bytes())


@cache
def pandoc_binary() -> str:
    """The pandoc binary pypandoc-binary installs; CiteprocError, with the fix, when it is not there."""
    try:
        import pypandoc  # only to find the folder of the binary; its own search would take any pandoc
    except ImportError as error:
        raise CiteprocError("pypandoc-binary, which brings pandoc, is not installed", INSTALL) from error
    binary = Path(pypandoc.__file__).parent / "files" / ("pandoc.exe" if sys.platform == "win32" else "pandoc")
    if not binary.is_file():
        raise CiteprocError(f"pandoc is missing from {binary.parent}", INSTALL)
    return str(binary)


def pandoc_release() -> str:
    """pypandoc-binary's version: one version of the wheel is one pandoc binary (1.17 brings pandoc 3.9)."""
    try:
        return package_version("pypandoc-binary")
    except PackageNotFoundError as error:
        raise CiteprocError("pypandoc-binary, which brings pandoc, is not installed", INSTALL) from error


def _run(pandoc: str, folder: Path, style: str, number: int, items: Sequence[Mapping]) -> dict[str, str]:
    """One pandoc run over `items` (chunk `number`) in `style`: their entries, by id."""
    bibliography = folder / f"items-{style}-{number}.json"
    bibliography.write_text(json.dumps([_hidden(item) for item in items], ensure_ascii=False), "utf-8")
    csl = folder / f"{style}.csl"
    command = [pandoc, "--from=markdown", "--to=html", "--wrap=none", "--citeproc", f"--data-dir={folder}",
               f"--bibliography={bibliography}", f"--csl={csl}", "--metadata=lang:en-US"]  # fmt: skip
    try:
        done = subprocess.run(command, input=_NOCITE, capture_output=True, check=False, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CiteprocError(f"pandoc could not run: {error}") from error
    said = done.stderr.decode(errors="replace").strip()
    if done.returncode:
        raise CiteprocError(f"pandoc failed (exit status {done.returncode}): {said}")
    entries = _entries(done.stdout.decode())
    missing = [item["id"] for item in items if item["id"] not in entries]
    if missing:
        raise CiteprocError(f"pandoc gave no entry for {', '.join(missing[:3])}: {said}")
    return entries


def _hidden(value: object) -> object:
    """`value` with every character of STAND_INS in its strings replaced by its stand-in."""
    if isinstance(value, str):
        return value.translate(_HIDE)
    if isinstance(value, Mapping):
        return {key: _hidden(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_hidden(inner) for inner in value]
    return value


def _entries(html: str) -> dict[str, str]:
    """The text of each `<div id="ref-ID" class="csl-entry">` of pandoc's output, by ID."""
    reader = _EntryReader()
    reader.feed(html)
    reader.close()
    return {key: _text(parts) for key, parts in reader.entries.items()}


def _text(parts: Iterable[str]) -> str:
    """An entry's text on one line (line ends and runs of spaces one space; a no-break space stays),
    each stand-in (STAND_INS) its character again."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(parts)).strip(" ").translate(_SHOW)


class _EntryReader(HTMLParser):
    """Collects the text inside each bibliography entry."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, list[str]] = {}
        self._open: list[str | None] = []  # for each open div: the entry it starts, if any

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A div opens: an entry when its class is `csl-entry` (its id is `ref-` and the item's)."""
        if tag == "div":
            found = dict(attrs)
            entry = found.get("id") if "csl-entry" in (found.get("class") or "").split() else None
            self._open.append(entry.removeprefix("ref-") if entry else None)
            if entry:
                self.entries[entry.removeprefix("ref-")] = []

    def handle_endtag(self, tag: str) -> None:
        """A div closes."""
        if tag == "div" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        """Text: part of the innermost open entry, if any."""
        current = next((entry for entry in reversed(self._open) if entry), None)
        if current is not None:
            self.entries[current].append(data)
