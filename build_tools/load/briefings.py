"""Reading the briefings: `briefings/<slug>.md`, front matter (`fields.BRIEFING_FIELDS`), then the essay.

The folder holds briefings and nothing else: a file that is not `<slug>.md` would not be
read, so it is a problem naming what it was likely meant to be. A briefing's quotations
are found in the articles when it is linked (`link.briefings`), once every article is read.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.config import BRIEFINGS_DIR
from build_tools.disk import entry_kind, listing
from build_tools.errors import Report, SourceError
from build_tools.load.articles import SLUG_HINT, is_slug, read_front_matter
from build_tools.load.fields import BRIEFING_FIELDS, BRIEFING_TEXT
from build_tools.load.files import read_text, split_front_matter
from build_tools.load.folders import ARTICLE_SUFFIX, Lister, is_leftover, markdown_files
from build_tools.load.kinds import Where
from build_tools.markdown import Parsed
from build_tools.models import Briefing
from build_tools.values import Identifier, Markdown


def briefing_files(root: Path, editing: bool = False, listed: Lister = listing) -> list[Path]:
    """Every `briefings/*.md` that is not a folder, in name order (while `editing`, not an editor's leftover)."""
    return markdown_files(root / BRIEFINGS_DIR, editing, listed)


def check_briefings_folder(root: Path, report: Report, editing: bool = False, listed: Lister = listing) -> None:
    """Every entry of `briefings/` that is not a briefing (`<slug>.md`, a regular file) is a problem: it would
    not be read. While `editing`, an editor's leftovers are passed over."""
    folder = root / BRIEFINGS_DIR
    kind = entry_kind(folder)
    if kind is None:
        return
    if kind != "a folder":
        report.add(BRIEFINGS_DIR, None, f"is {kind}, not a folder", "make briefings/ a plain folder of briefings")
        return
    for name, what in sorted(listed(folder).items()):
        rel = f"{BRIEFINGS_DIR}/{name}"
        if editing and is_leftover(name):
            continue
        if what == "a folder":
            report.add(rel, None, "is a folder; briefings/ holds only files", "move its files into briefings/ itself")
        elif not name.endswith(ARTICLE_SUFFIX):
            stem = name.split(".", 1)[0]
            hint = f"rename it to {stem}{ARTICLE_SUFFIX}" if stem else "move it out of briefings/, or delete it"
            hint = "delete it: it is an editor's or a merge tool's leftover" if is_leftover(name) else hint
            report.add(rel, None, "is not a briefing (<slug>.md): it is not read", hint)


def read_briefing(root: Path, path: Path, report: Report) -> tuple[Briefing | None, Parsed | None, bool]:
    """One briefing, the parse of its essay the checks read (linking reads it next), and whether the essay passed
    the rules of briefings. A briefing whose essay did not (a draft: `link.briefings.check_briefing` looks for its
    quotations and footnotes, so their problems show in the same run) is never rendered. (None, None, False)
    when the front matter has problems or the file cannot be read, after reporting them."""
    rel = path.relative_to(root).as_posix()
    if not is_slug(path.stem):
        report.add(rel, None, f"file name {path.name!r} is not a valid slug", SLUG_HINT.replace("us-rok-", "opcon-"))
        return None, None, False
    text = read_text(path, rel, report)
    if text is None:
        return None, None, False
    try:
        front, body, body_line = split_front_matter(text, rel)
    except SourceError as error:
        report.errors.append(error)
        return None, None, False
    where = Where(rel, report)
    values = read_front_matter(front, where, BRIEFING_FIELDS)
    if not body.strip():
        where.error(body_line, "the briefing has no text", "write the essay below `---`")
        return None, None, False
    parsed, passed = BRIEFING_TEXT.read_block(body, body_line, where)
    if values is None or parsed is None:
        return None, None, False
    slug = Identifier(path.stem)
    return Briefing(slug=slug, path=rel, body=Markdown(body), body_line=body_line, **values), parsed, passed
