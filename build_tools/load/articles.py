"""Reading one article file (front matter, then the text) and its annotation file."""

from __future__ import annotations

from pathlib import Path

from build_tools.config import ANNOTATIONS_SUFFIX, ARTICLES_DIR, MAX_ID_LENGTH
from build_tools.errors import Report, SourceError
from build_tools.load.corrections import check_dates
from build_tools.load.fields import ANNOTATIONS_FILE, ARTICLE_FIELDS, ARTICLE_TEXT
from build_tools.load.files import read_data_file, read_text, split_front_matter
from build_tools.load.kinds import Field, Where
from build_tools.load.shapes import read_fields
from build_tools.load.strict_yaml import YamlMap, load_yaml
from build_tools.markdown import Parsed
from build_tools.models import Annotation, Article, ArticleText
from build_tools.values import SLUG, Identifier, Markdown

SLUG_HINT = "rename it with lower-case a-z, 0-9 and hyphens, e.g. us-rok-talks-2006.md"


def source_name(article: Path) -> str:
    """`articles/<name>`, the place of an article file (one `article_files` listed) relative to the root."""
    return f"{ARTICLES_DIR}/{article.name}"


def notes_file(article: Path) -> Path:
    """`articles/<slug>.md` -> `articles/<slug>.annotations.yml`."""
    return article.with_name(article.stem + ANNOTATIONS_SUFFIX)


def is_slug(name: str) -> bool:
    """Lower-case ASCII words joined by single hyphens, at most `MAX_ID_LENGTH` characters: a valid article
    slug or entry id."""
    return bool(SLUG.fullmatch(name)) and len(name) <= MAX_ID_LENGTH


def read_article(root: Path, path: Path, report: Report) -> Article | ArticleText | None:
    """One article and its notes, every problem reported.

    An article with problems in its front matter or its text still gives its text and
    notes (an ArticleText, a draft), so the notes are anchored in the same run.
    """
    return read_parsed(root, path, report)[0]


def read_parsed(root: Path, path: Path, report: Report) -> tuple[Article | ArticleText | None, Parsed | None]:
    """`read_article`'s article, and the parse of its text that the checks read, for linking (or placing a
    draft's notes) to read it too: an article's one parse (`markdown.Parsed`)."""
    rel = path.relative_to(root).as_posix()
    if not is_slug(path.stem):
        too_long = SLUG.fullmatch(path.stem) is not None
        problem = f"is {len(path.stem)} characters long, over {MAX_ID_LENGTH}" if too_long else "is not a valid slug"
        report.add(rel, None, f"file name {path.name!r} {problem}", "shorten it" if too_long else SLUG_HINT)
        return None, None
    notes = read_annotations(root, notes_file(path), report)
    text = read_text(path, rel, report)
    if text is None:
        return None, None
    try:
        front, body, body_line = split_front_matter(text, rel)
    except SourceError as error:
        report.errors.append(error)
        return None, None
    where = Where(rel, report)
    values = read_front_matter(front, where)
    if not body.strip():
        where.error(body_line, "the article has no text", "paste the article below `---`")
        return None, None
    parsed, passed = ARTICLE_TEXT.read_block(body, body_line, where)
    if values is None or not passed:
        return ArticleText(Identifier(path.stem), rel, body, body_line, notes), parsed
    values["links"] = values["links"] or ()
    check_dates(values["corrections"], values["published"], "the article's publication", where)
    slug, text = Identifier(path.stem), Markdown(body)
    return Article(slug=slug, path=rel, body=text, body_line=body_line, annotations=notes, **values), parsed


def read_front_matter(front: str, where: Where, fields: tuple[Field, ...] = ARTICLE_FIELDS) -> dict | None:
    """A file's front matter read with `fields` (an article's, or a briefing's), with the line of its `tags:`."""
    try:
        raw = load_yaml(front, where.path, first_line=2)
    except SourceError as error:
        where.report.errors.append(error)
        return None
    values = read_fields(raw, fields, where, "front matter", 1)
    if values is not None and isinstance(raw, YamlMap):
        values["tags_line"] = raw.key_lines.get("tags", 1)
    return values


def read_annotations(root: Path, path: Path, report: Report) -> tuple[Annotation, ...]:
    """The notes of one `articles/<slug>.annotations.yml`, if there is one."""
    if not path.exists() and not path.is_symlink():
        return ()
    rel = path.relative_to(root).as_posix()
    top = read_data_file(path, rel, report)
    values = read_fields(top, ANNOTATIONS_FILE, Where(rel, report), "the annotation file", 1) if top else None
    notes = values["annotations"] if values else ()
    _check_unique_ids(notes, Where(rel, report))
    for note in notes:
        check_dates(note.corrections, note.added, "the note was added", Where(rel, report))
    return notes


def _check_unique_ids(notes: tuple[Annotation, ...], where: Where) -> None:
    first: dict[str, int] = {}
    for note in notes:
        if note.id in first:
            where.error(note.line, f"duplicate annotation id {note.id!r} (first on line {first[note.id]})")
        first.setdefault(note.id, note.line)
