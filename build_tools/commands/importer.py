"""`import SOURCE... [--url URL] [--slug NAME] [--published DATE]`: saved pages or captured text -> new articles.

HTML goes through trafilatura (main text only, comments dropped, metadata from the
page); captured text goes through the site-chrome rules below. The article's words
are kept as they are (Markdown-significant characters are escaped, never changed).
Fields the source does not give are left out, so `make check` names each one until
an editor fills it in. The date, the page's or `--published` (a date or an EDTF interval,
`2006-03-20/2006-03-21`), is checked as `make check` checks `published:` (`load.edtf`).
An existing article is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import disk
from build_tools.config import ARTICLES_DIR, MAX_ID_LENGTH
from build_tools.disk import entry_kind
from build_tools.errors import BuildFailed, Report, SourceError
from build_tools.escape import escape_markdown
from build_tools.load import edtf
from build_tools.load.articles import is_slug
from build_tools.progress import SILENT, Progress
from build_tools.text import one_line

CHROME_LINES = re.compile(
    r"^(Accessibility links|Breaking News|Skip to (main )?content|Share this( article)?|Advertisement"
    r"|Comments are closed\.?|Leave a (reply|comment)|Related( articles| stories)?|Print|Email)$",
    re.I,
)
COMMENT_TRAILER = re.compile(r"^(\d+|One|Two|Three|No) (reply|replies|comments?) (on|to) ", re.I)
SUBHEADING_MAX = 60


@dataclass
class Imported:
    """What an import produced, and what it left for the editor."""

    title: str | None = None
    """Headline, if the source gives one."""
    outlet: str | None = None
    """Publication name, if known."""
    url: str | None = None
    """Canonical address, if known."""
    published: str | None = None
    """YYYY, YYYY-MM or YYYY-MM-DD, if the source gives a date; or the interval `--published` gives."""
    byline: str | None = None
    """Author, if named."""
    paragraphs: list[str] = field(default_factory=list)
    """The text, one Markdown block each (sub-headings as `## ...`)."""
    dropped: list[str] = field(default_factory=list)
    """Site chrome and comments left out."""


def import_text(text: str) -> Imported:
    """Captured page text: drop chrome, keep paragraphs and sub-headings, find the headline."""
    result = Imported()
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    blocks = [line for line in lines if line]
    kept: list[str] = []
    for index, line in enumerate(blocks):
        if CHROME_LINES.match(line):
            result.dropped.append(line)
        elif COMMENT_TRAILER.match(line):
            result.dropped.append(line)
            result.dropped += [f"(and everything after it: {len(blocks) - index - 1} line(s))"]
            break
        elif kept and line == kept[-1]:
            result.dropped.append(f"repeated line: {line[:60]}")
        else:
            kept.append(line)
    if kept and _looks_like_heading(kept[0]) and len(kept) > 1:
        result.title = kept.pop(0)
    result.paragraphs = [("## " + escape_markdown(line)) if _looks_like_heading(line) else escape_markdown(line)
                         for line in kept]  # fmt: skip
    return result


def _looks_like_heading(line: str) -> bool:
    return len(line) <= SUBHEADING_MAX + 40 and not line.endswith((".", "?", "!", ":", "”", '"')) and " " in line


def import_html(html: str, url: str | None = None) -> Imported:
    """A saved web page: trafilatura finds the main text and the metadata."""
    import trafilatura  # imported here: only importing HTML needs it

    result = Imported()
    metadata = trafilatura.extract_metadata(html, default_url=url)
    markdown = trafilatura.extract(
        html, output_format="markdown", include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True, url=url,
    ) or ""  # fmt: skip
    if metadata is not None:
        result.title, result.byline = metadata.title, metadata.author
        result.outlet, result.url = metadata.sitename, metadata.url or url
        result.published = _date(metadata.date, result.dropped)
    for block in (b.strip() for b in markdown.split("\n\n")):
        if not block or block.lstrip("# ").strip() == (result.title or "").strip():
            continue
        heading = re.match(r"#+\s+(.*)", block)
        result.paragraphs.append(("## " + escape_markdown(heading.group(1))) if heading else block)
    result.dropped.append("everything outside the main text (menus, sidebars, comments), as trafilatura judged it")
    return result


def _date(value: str | None, dropped: list[str]) -> str | None:
    """The page's date, if it is one the archive takes; else None, and why in `dropped`."""
    match = re.match(r"[0-9]{4}(-[0-9]{2})?(-[0-9]{2})?", value or "")
    if not match:
        return None
    found = edtf.parse(match.group(0))
    if isinstance(found, edtf.Problem):
        dropped.append(f"the page's date: {found.message}")
        return None
    return found.iso


def checked_date(value: str) -> str:
    """`--published`: a date or an interval, as `published:` takes it (its EDTF form), or the problem raised."""
    found = edtf.parse(value.strip(), interval=True)
    if isinstance(found, edtf.Problem):
        raise BuildFailed((SourceError("--published", None, found.message, found.hint),))
    return found.iso


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, at most about 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)
    return slug[:80].rsplit("-", 1)[0] if len(slug) > 80 else slug


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (a JSON string is one): the source keeps the
    words as they are; escaping for pages is the build's job."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def front_matter(article: Imported) -> tuple[str, list[str]]:
    """The YAML front matter, and the fields still to fill in."""
    missing = []
    lines = ["---", "# yaml-language-server: $schema=../build_tools/schemas/article.schema.json"]
    known = {"title": article.title, "outlet": article.outlet, "url": article.url,
             "published": article.published, "byline": article.byline}  # fmt: skip
    for key, value in known.items():
        if value:
            lines.append(f"{key}: {yaml_string(value)}")
        elif key in ("title", "outlet", "published"):
            missing.append(key)
    lines.append("language: en")
    missing += ["summary (two or three sentences of your own)", "tags"]
    if not article.url:
        missing.append("url, if the original address is known")
    if not article.published:
        missing.append("date_note, saying what is and is not established about the date")
    lines.append(
        "capture_note: "
        + yaml_string("Imported; dropped: " + "; ".join(article.dropped) if article.dropped else "Imported.")
    )
    lines.append("---")
    return "\n".join(lines) + "\n", missing


def plan_article(root: Path, article: Imported, slug: str | None, taken: set[str]) -> Path:
    """Where the article will go: a new file directly in articles/, never over an article (or a link where one
    could be), nor twice in one run."""
    slug = slug or slugify(article.title or "") or "imported-article"
    rel = f"{ARTICLES_DIR}/{slug}.md"
    if not is_slug(slug):
        hint = f"lower-case a-z, 0-9 and single hyphens, at most {MAX_ID_LENGTH} characters, e.g. us-rok-talks-2006"
        raise BuildFailed((SourceError(rel, None, f"{slug!r} is not a valid slug", hint),))
    target = root / ARTICLES_DIR / f"{slug}.md"
    if os.path.lexists(target) or rel in taken:
        why = "already exists" if os.path.lexists(target) else "would be written twice in this import"
        raise BuildFailed((SourceError(rel, None, f"{why}; the import never overwrites an article",
                                       "pass --slug NAME to import under another name"),))  # fmt: skip
    if not article.paragraphs:
        raise BuildFailed((SourceError(rel, None, "no article text was found in the source"),))
    taken.add(rel)
    return target


def write_article(target: Path, article: Imported) -> list[str]:
    """Write the new article to `target`, a new regular file: an existing file, or a link (dangling or not)
    that would lead elsewhere, is never written through. Return the fields to fill in."""
    head, missing = front_matter(article)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, 0o644), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(head + "\n" + "\n\n".join(article.paragraphs) + "\n")
    return missing


def _check_articles_folder(root: Path) -> None:
    """articles/ is a plain folder inside the project (or not there yet), never a link leading out of it."""
    kind = entry_kind(root / ARTICLES_DIR)
    if kind not in (None, "a folder"):
        hint = "make articles/ a plain folder: the import writes only inside the project"
        raise BuildFailed((SourceError(ARTICLES_DIR, None, f"is {kind}, not a folder", hint),))


def read_source(source: Path, url: str | None, published: str | None = None) -> Imported:
    """Extract an article from a saved HTML page or captured text; `published` (checked) replaces its date."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BuildFailed((SourceError(source.as_posix(), None, f"cannot be read: {exc.strerror}"),)) from None
    is_html = source.suffix.lower() in (".html", ".htm") or "<html" in text[:2000].lower()
    article = import_html(text, url) if is_html else import_text(text)
    if url and not article.url:
        article.url = url
    if published:
        article.published = published
    return article


def run_import(
    root: Path, sources: list[Path], url: str | None, slug: str | None, progress: Progress = SILENT,
    published: str | None = None,
) -> str:  # fmt: skip
    """Import every file in `sources`; return the report for the editor.

    All sources are read and checked before anything is written: if one fails,
    no article is written and every failure is reported.
    """
    if len(sources) > 1 and (url or slug or published):
        hint = "import that file on its own to give it --url, --slug or --published"
        which = "--url and --slug name" if url or slug else "--published names"
        raise BuildFailed((SourceError(sources[0].as_posix(), None, f"{which} a single article", hint),))
    published = checked_date(published) if published is not None else None
    _check_articles_folder(root)
    report, taken, planned = Report(), set[str](), []
    progress.start("reading sources", len(sources))
    for source in sources:
        progress.advance()
        try:
            article = read_source(source, url, published)
            planned.append((source, article, plan_article(root, article, slug, taken)))
        except BuildFailed as failed:
            report.errors.extend(failed.errors)
    report.raise_if_any()
    progress.start("writing articles", len(planned))
    lines = []
    for source, article, target in planned:
        progress.advance()
        try:
            target.parent.mkdir(exist_ok=True)
            missing = write_article(target, article)
        except OSError as error:
            raise BuildFailed((disk.problem(error, root, "write the article"),)) from None
        lines.append(f"imported {source} -> {target.relative_to(root).as_posix()} ({len(article.paragraphs)} blocks)")
        lines += [f"  dropped: {item}" for item in article.dropped]
        lines += [f"  to fill in: {item}" for item in missing]
    progress.finish()
    lines.append(f"{len(planned)} article{'s' if len(planned) != 1 else ''} imported")
    lines.append("then run `make check`: it names every field still missing")
    lines.append("once it passes, `python -m build_tools passages` records the new articles' passages (passages.jsonl)")
    return "\n".join(map(one_line, lines))
