"""`corrections --since REV`: every article whose words changed since a git revision must have gained a correction.

CI runs it on a pull request against the base revision. An article's words are what a
reader reads of its text: each block's (paragraph, list item, heading) words, compared
in order; a change of whitespace or line wrapping, of Markdown markup alone or of the
front matter alone changes none. A new article needs no correction; a renamed one is
compared with its old file. One that changed must list more corrections than it did at
the revision, or one the revision did not have: else the problem names the article's file,
the line of the first block whose words changed, and the entry to add. All the changed
articles are checked in one run, every problem reported together.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from build_tools.config import ARTICLES_DIR
from build_tools.corrections import Correction
from build_tools.errors import Report, SourceError
from build_tools.link.tokens import plain_text
from build_tools.load.checkout import revision
from build_tools.load.corrections import CORRECTIONS
from build_tools.load.files import read_text, split_front_matter
from build_tools.load.kinds import Where
from build_tools.load.strict_yaml import YamlMap, load_yaml
from build_tools.markdown import parse

HINT = (
    "add an entry to its front matter: `corrections: [{date: YYYY-MM-DD, what: what changed, why: why}]` "
    "(see CONTRIBUTING.md, Corrections)"
)


@dataclass(frozen=True)
class Version:
    """What the rule compares of one version of an article."""

    blocks: tuple[tuple[tuple[str, ...], int], ...]
    """Each block's words, in reading order, with the line it starts on."""
    corrections: tuple[Correction, ...]
    """Its corrections (none when its `corrections:` cannot be read)."""
    end: int
    """The last line of its text, where a change that removed the last blocks is reported."""


def check_corrections(root: Path, since: str) -> tuple[int, Report]:
    """How many changed articles were compared with `since`, and the problems: one for each whose words changed
    without a new correction, and those of reading a changed article."""
    report = Report()
    since = revision(root, since, "corrections")
    pairs = changed_pairs(root, since)
    for old, new in pairs:
        base_text = _git(root, "show", f"{since}:./{old}")
        head = read_version(read_text(root / new, new, report), new, report)
        base = read_version(base_text, old, Report())  # the revision's own problems are not this change's
        if head is None or base is None:
            continue
        line = first_change(base, head)
        if line is not None and not gained(base.corrections, head.corrections):
            message = f"the article's words changed since {since} (first on this line), and it has no new correction"
            report.add(new, line, message, HINT)
    return len(pairs), report


def changed_pairs(root: Path, since: str) -> list[tuple[str, str]]:
    """(path at `since`, path now) of every article changed since `since`, renamed ones too; new, copied and
    deleted ones are not compared."""
    out = _git(root, "diff", "--name-status", "-M", "--relative", since, "--", ARTICLES_DIR)
    pairs = []
    for line in out.splitlines():
        status, *paths = line.split("\t")
        old, new = (paths[0], paths[-1]) if paths else ("", "")
        if status[:1] in "MRT" and new.endswith(".md") and old.endswith(".md") and (root / new).is_file():
            pairs.append((old, new))
    return sorted(pairs, key=lambda pair: pair[1])


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    if done.returncode:
        message = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "git failed"
        raise SystemExit(
            f"corrections: git {args[0]}: {message}\n    hint: give a revision git knows, e.g. origin/main"
        )
    return done.stdout


def read_version(text: str | None, rel: str, report: Report) -> Version | None:
    """The blocks and corrections of an article's `text` (None, with the problem reported, when it has no front
    matter or its front matter is not YAML)."""
    if text is None:
        return None
    try:
        front, body, body_line = split_front_matter(text, rel)
        raw = load_yaml(front, rel, first_line=2)
    except SourceError as error:
        report.errors.append(error)
        return None
    corrections: tuple[Correction, ...] = ()
    if isinstance(raw, YamlMap) and CORRECTIONS.name in raw:
        line = raw.key_lines[CORRECTIONS.name]
        corrections = CORRECTIONS.kind.read(raw[CORRECTIONS.name], line, Where(rel, report)) or ()
    title = raw.get("title") if isinstance(raw, YamlMap) else None
    headline = ((tuple(title.split()), raw.key_lines["title"]),) if isinstance(title, str) else ()
    blocks = tuple(
        (tuple(_words(token)), body_line + token.map[0]) for token in parse(body).tokens if _holds_words(token)
    )
    return Version((*headline, *blocks), corrections, body_line + body.rstrip("\n").count("\n"))


def _holds_words(token: Token) -> bool:
    """A block a reader reads: a paragraph's, heading's or item's words, or a code block's."""
    return token.type in ("inline", "fence", "code_block") and token.map is not None


def _words(token: Token) -> list[str]:
    return plain_text(token.children or []).split() if token.type == "inline" else token.content.split()


def first_change(base: Version, head: Version) -> int | None:
    """The line (in `head`) of the first block whose words differ from the block in the same place in `base`;
    None when every block has the same words."""
    for index, (words, line) in enumerate(head.blocks):
        if index >= len(base.blocks) or base.blocks[index][0] != words:
            return line
    return None if len(base.blocks) == len(head.blocks) else head.end


def gained(base: tuple[Correction, ...], head: tuple[Correction, ...]) -> bool:
    """Whether `head` keeps every correction of `base` as it was and adds one (a correction is a record: one edited
    or removed does not stand for a new one)."""
    return set(base) <= set(head) and bool(set(head) - set(base))
