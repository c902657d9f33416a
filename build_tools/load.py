"""Stage 1, load: read every article and the glossary into typed models."""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from functools import partial
from pathlib import Path
from typing import Any

from build_tools import sanitize, schema
from build_tools.errors import Report, SourceError
from build_tools.memo import NONE, Memo, digest
from build_tools.models import Alias, Annotation, Archive, Article, Entity, Event, PublishedDate, Role, Source, Term
from build_tools.progress import SILENT, Progress
from build_tools.schema import Key, Where
from build_tools.strict_yaml import load_yaml
from build_tools.text import normalize

ARTICLES_DIR = "articles"
GLOSSARY_FILE = "glossary.yml"
PEOPLE_FILE = "people.yml"
TIMELINE_FILE = "timeline.yml"
ANNOTATIONS_SUFFIX = ".annotations.yml"
MAX_SOURCE_BYTES = 1_000_000
ANNOTATION_KINDS = ("context", "correction", "clarification", "term", "person")


def load_archive(root: Path, progress: Progress = SILENT, memo: Memo = NONE) -> Archive:
    """Read all sources under `root`; raise BuildFailed listing every problem."""
    report = Report()
    articles = load_articles(root, report, progress, memo)
    terms = load_glossary(root, report)
    entities = load_people(root, report)
    check_entities(entities, terms, {a.slug for a in articles}, Where(PEOPLE_FILE, report))
    events = load_timeline(root, report)
    known = {entry.key for entry in (*terms, *entities)}
    check_events(events, known, {a.slug for a in articles}, Where(TIMELINE_FILE, report))
    report.raise_if_any()
    newest_first = sorted(articles, key=lambda a: (a.published.sort_key, a.slug), reverse=True)
    timeline = sorted((*events, *map(publication_event, articles)), key=lambda e: (e.date.sort_key, e.id))
    return Archive(tuple(newest_first), terms, entities, tuple(timeline))


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


_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _refuse_invisible(text: str, rel: str) -> None:
    """Bidirectional overrides and zero-width characters can hide or reorder what a reader sees."""
    match = _INVISIBLE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group()
        name = unicodedata.name(char, "control character")
        message = f"invisible character U+{ord(char):04X} ({name}) at column {column}"
        raise SourceError(rel, line, message, "delete it: it changes or hides how the text reads")


# --- articles -------------------------------------------------------------------------


def load_articles(root: Path, report: Report, progress: Progress = SILENT, memo: Memo = NONE) -> list[Article]:
    """Load `articles/*.md` and their annotation files, reporting every problem."""
    articles = []
    paths = sorted((root / ARTICLES_DIR).glob("*.md"))
    progress.start("reading articles", len(paths))
    for path in paths:
        progress.advance()
        rel = path.relative_to(root).as_posix()
        key = ("article", rel, path.is_symlink(), digest(path), digest(annotations_path(path)))
        article = memo.get(key, partial(_load_with_notes, root, path, rel, report), report)
        if article is not None:
            articles.append(article)
    _check_orphan_annotations(root, report)
    return articles


def _load_with_notes(root: Path, path: Path, rel: str, report: Report) -> Article | None:
    try:
        article = load_article(path, rel, report)
    except SourceError as error:
        report.errors.append(error)
        return None
    notes = load_annotations(root, annotations_path(path), report)
    return None if article is None else dataclasses.replace(article, annotations=notes)


def annotations_path(article: Path) -> Path:
    """`articles/<slug>.md` -> `articles/<slug>.annotations.yml`."""
    return article.with_name(article.stem + ANNOTATIONS_SUFFIX)


def _check_orphan_annotations(root: Path, report: Report) -> None:
    for path in sorted((root / ARTICLES_DIR).glob("*" + ANNOTATIONS_SUFFIX)):
        article = path.with_name(path.name.removesuffix(ANNOTATIONS_SUFFIX) + ".md")
        if not article.exists():
            rel = path.relative_to(root).as_posix()
            report.add(rel, None, f"no article {article.name} for these annotations", "rename the file to match")


def load_article(path: Path, rel: str, report: Report) -> Article | None:
    """Parse one article file: YAML front matter between `---` lines, then Markdown."""
    slug = path.stem
    if not schema.SLUG.fullmatch(slug):
        hint = "rename it with lower-case a-z, 0-9 and hyphens, e.g. us-rok-talks-2006.md"
        raise SourceError(rel, None, f"file name {path.name!r} is not a valid slug", hint)
    front, body, body_line = split_front_matter(read_text(path, rel), rel)
    raw = load_yaml(front, rel, first_line=2)
    values = schema.read_keys(raw, ARTICLE_KEYS, Where(rel, report), "front matter", 1)
    if not body.strip():
        report.add(rel, body_line, "the article has no text", "paste the article below `---`")
        return None
    for offset, problem in sanitize.body_problems(body):
        report.add(rel, body_line + body.count("\n", 0, offset), problem)
    if values is None:
        return None
    return Article(slug=slug, path=rel, body=body, body_line=body_line, **values)


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


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@schema.accepts({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"})
def published_date(value: Any, line: int, where: Where) -> PublishedDate | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the date only as precisely as it is known."""
    raw = schema.text(value, line, where)
    match = _DATE.fullmatch(raw or "")
    hint = "write 2006, 2006-03 or 2006-03-09 (only as precise as the date is known)"
    if raw is None or not match:
        if raw is not None:
            where.error(line, f"{raw!r} is not a date", hint)
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        where.error(line, f"{raw!r} is not a real date", hint)
        return None
    return PublishedDate(year, month, day)


@schema.accepts({"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"})
def language(value: Any, line: int, where: Where) -> str | None:
    """A BCP 47 language tag such as `en` or `ko`."""
    raw = schema.text(value, line, where)
    if raw is not None and not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", raw):
        where.error(line, f"{raw!r} is not a language tag", "use a code such as en or ko")
        return None
    return raw


ARTICLE_KEYS = (
    Key("title", schema.text, example="title: US, South Korea Discuss Changes"),
    Key("outlet", schema.text, example="outlet: Voice of America"),
    Key("url", schema.https_url, required=False),
    Key("published", published_date, example="published: 2006-03"),
    Key("date_note", schema.text, required=False),
    Key("byline", schema.text, required=False),
    Key("language", language, example="language: en"),
    Key("summary", schema.text, example="summary: Two or three sentences of your own."),
    Key("tags", schema.list_of(schema.slug, min_items=1), example="tags: [opcon]"),
    Key("capture_note", schema.text, required=False),
)


# --- glossary -------------------------------------------------------------------------


def load_glossary(root: Path, report: Report) -> tuple[Term, ...]:
    """Load `glossary.yml`: a `terms:` list of entries."""
    top = read_data_file(root / GLOSSARY_FILE, GLOSSARY_FILE, GLOSSARY_KEYS, "the glossary", report)
    terms = top["terms"] if top else ()
    check_glossary(terms, Where(GLOSSARY_FILE, report))
    return terms


def read_data_file(path: Path, rel: str, keys: tuple[Key, ...], what: str, report: Report) -> dict | None:
    """Load a YAML data file and check its top-level keys; None (with problems reported) if it fails."""
    try:
        raw = load_yaml(read_text(path, rel), rel)
    except SourceError as error:
        report.errors.append(error)
        return None
    except FileNotFoundError:
        report.add(rel, None, f"{what} is missing", f"create {rel}")
        return None
    return schema.read_keys(raw, keys, Where(rel, report), what, 1)


SOURCE_KEYS = (
    Key("title", schema.text, doc="Title of the page or document"),
    Key("url", schema.https_url, doc="Its https:// address"),
)
source = schema.mapping(SOURCE_KEYS, "a source", lambda line, where, **values: Source(**values))
SOURCES = schema.list_of(source, min_items=1)


_case = schema.one_of("case", ("exact", "any"))


ALIAS_KEYS = (Key("text", schema.text), Key("case", _case, required=False))
_alias_mapping = schema.mapping(ALIAS_KEYS, "an alias", lambda line, where, **v: v)


@schema.accepts({"oneOf": [schema.text.json, _alias_mapping.json]})
def alias(value: Any, line: int, where: Where) -> Alias | None:
    """`- SPI` (acronyms match only in capitals) or `- {text: ..., case: exact|any}`."""
    if isinstance(value, str):
        words = schema.text(value, line, where)
        return Alias(words, exact_case=_is_acronym(words)) if words else None
    values = _alias_mapping(value, line, where)
    if values is None:
        return None
    exact = values["case"] == "exact" if values["case"] else _is_acronym(values["text"])
    return Alias(values["text"], exact_case=exact)


def _is_acronym(words: str) -> bool:
    letters = [char for char in words if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


TERM_KEYS = (
    Key("id", schema.slug, example="id: cfc", doc="URL-stable id; the page is glossary/<id>/"),
    Key("name", schema.text, example="name: CFC", doc="Heading of the entry"),
    Key("expansion", schema.text, required=False, doc="Long form of an acronym"),
    Key("short", schema.text, example="short: One sentence for the tooltip.", doc="One sentence, the tooltip"),
    Key("definition", schema.text, example="definition: A longer explanation.", doc="Longer, own words"),
    Key("aliases", schema.list_of(alias, min_items=1), example="aliases: [CFC]", doc="Forms linked in articles"),
    Key("korean", schema.text, required=False, doc="Korean name, where there is one"),
    Key("related", schema.list_of(schema.slug), required=False, doc="Ids of related terms"),
    Key("sources", SOURCES, example="sources: [{title: ..., url: https://...}]", doc="At least one"),
)


def _build_term(line: int, where: Where, **values: Any) -> Term:
    return Term(line=line, **{**values, "related": values["related"] or ()})


term = schema.mapping(TERM_KEYS, "a glossary term", _build_term)
GLOSSARY_KEYS = (Key("terms", schema.list_of(term, min_items=1), doc="The glossary entries"),)


def check_glossary(terms: tuple[Term, ...], where: Where) -> None:
    """Cross-entry rules: unique ids, known related ids, no alias claimed twice."""
    seen: dict[str, Term] = {}
    for entry in terms:
        if entry.id in seen:
            where.error(entry.line, f"duplicate term id {entry.id!r} (first on line {seen[entry.id].line})")
        seen.setdefault(entry.id, entry)
    for entry in terms:
        for other in entry.related:
            if other not in seen or other == entry.id:
                known = ", ".join(sorted(seen))
                where.error(entry.line, f"term {entry.id!r}: unknown related term {other!r}", f"known: {known}")
    _check_aliases(terms, where)


def _check_aliases(entries: tuple[Term | Entity, ...], where: Where, owner: dict | None = None) -> None:
    owner = {} if owner is None else owner
    for entry in entries:
        for item in entry.aliases:
            key = normalize(item.text).casefold()
            first = owner.setdefault(key, entry)
            if first is not entry:
                where.error(
                    entry.line,
                    f"alias {item.text!r} of {entry.key!r} is already an alias of {first.key!r}",
                    "an alias may name only one entry; remove one of them",
                )


# --- annotations ----------------------------------------------------------------------


def load_annotations(root: Path, path: Path, report: Report) -> tuple[Annotation, ...]:
    """Load one `articles/<slug>.annotations.yml`, if there is one."""
    if not path.exists() and not path.is_symlink():
        return ()
    rel = path.relative_to(root).as_posix()
    top = read_data_file(path, rel, ANNOTATIONS_FILE_KEYS, "the annotation file", report)
    notes = top["annotations"] if top else ()
    _check_unique_ids(notes, Where(rel, report))
    return notes


def _check_unique_ids(notes: tuple[Annotation, ...], where: Where) -> None:
    first: dict[str, int] = {}
    for note in notes:
        if note.id in first:
            where.error(note.line, f"duplicate annotation id {note.id!r} (first on line {first[note.id]})")
        first.setdefault(note.id, note.line)


@schema.accepts({"type": "string", "pattern": "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"})
def github_handle(value: Any, line: int, where: Where) -> str | None:
    """A GitHub user name, without the '@'."""
    raw = schema.text(value, line, where)
    handle = (raw or "").removeprefix("@")
    if raw is not None and not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}", handle):
        where.error(line, f"{raw!r} is not a GitHub user name", "write the handle, e.g. octocat")
        return None
    return handle or None


kind = schema.one_of("kind", ANNOTATION_KINDS)


@schema.accepts({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
def full_date(value: Any, line: int, where: Where) -> str | None:
    date = published_date(value, line, where)
    if date is not None and date.precision != "day":
        where.error(line, f"{value!r} is not a full date", "write YYYY-MM-DD")
        return None
    return date.iso if date else None


@schema.accepts(schema.text.json)
def note_text(value: Any, line: int, where: Where) -> str | None:
    """The note's Markdown, refused if it could inject anything into the page."""
    text = schema.text(value, line, where)
    problems = sanitize.note_problems(text) if text else []
    for problem in problems:
        where.error(line, problem)
    return None if problems else text


def _build_annotation(line: int, where: Where, **values: Any) -> Annotation:
    return Annotation(path=where.path, line=line, **values)


ANNOTATION_KEYS = (
    Key("id", schema.slug, example="id: chosun-ilbo", doc="Stable id; the permalink is #note-<id>"),
    Key("quote", schema.text, example="quote: the exact words", doc="The exact words annotated"),
    Key("prefix", schema.text, required=False, doc="Words just before the quote, if it occurs more than once"),
    Key("suffix", schema.text, required=False, doc="Words just after the quote, if it occurs more than once"),
    Key("note", note_text, example="note: Your note, in Markdown.", doc="Markdown; no HTML"),
    Key("author", github_handle, example="author: octocat", doc="GitHub handle"),
    Key("sources", SOURCES, example="sources: [{title: ..., url: https://...}]", doc="At least one"),
    Key("kind", kind, example="kind: context", doc="What sort of note this is"),
    Key("added", full_date, required=False, doc="Date added, YYYY-MM-DD"),
)
annotation = schema.mapping(ANNOTATION_KEYS, "an annotation", _build_annotation)
ANNOTATIONS_FILE_KEYS = (Key("annotations", schema.list_of(annotation, min_items=1), doc="The notes"),)


# --- people and organisations ---------------------------------------------------------


def load_people(root: Path, report: Report) -> tuple[Entity, ...]:
    """Load `people.yml`: `people:` and `organisations:` lists."""
    if not (root / PEOPLE_FILE).exists():
        return ()
    top = read_data_file(root / PEOPLE_FILE, PEOPLE_FILE, PEOPLE_FILE_KEYS, "the people file", report)
    return (*top["people"], *(top["organisations"] or ())) if top else ()


def check_entities(entities: tuple[Entity, ...], terms: tuple[Term, ...], slugs: set[str], where: Where) -> None:
    """Unique ids per kind, roles about real articles, every entry backed, aliases unique overall."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        first = seen.setdefault(entity.key, entity)
        if first is not entity:
            where.error(entity.line, f"duplicate id {entity.id!r} (first on line {first.line})")
        for role in entity.roles:
            if role.article not in slugs:
                where.error(
                    entity.line,
                    f"{entity.id!r}: role for unknown article {role.article!r}",
                    "use the article's file name without .md",
                )
        if not entity.sources and not entity.roles:
            where.error(
                entity.line,
                f"{entity.id!r} has neither sources nor roles",
                "add a source, or the role the article itself gives",
            )
    owner = {normalize(a.text).casefold(): t for t in terms for a in t.aliases}
    _check_aliases(entities, where, owner)


ROLE_KEYS = (
    Key("article", schema.slug, doc="Slug of the article"),
    Key("role", schema.text, doc="The role at the time of that article"),
)
role = schema.mapping(ROLE_KEYS, "a role", lambda line, where, **v: Role(v["article"], v["role"]))


def _entity_keys(example: str) -> tuple[Key, ...]:
    return (
        Key("id", schema.slug, example=f"id: {example}", doc="URL-stable id"),
        Key("name", schema.text, doc="Name as the archive writes it"),
        Key("short", schema.text, doc="One sentence, the tooltip"),
        Key("description", schema.text, required=False, doc="A longer note in your own words"),
        Key("aliases", schema.list_of(alias, min_items=1), doc="Forms linked in articles"),
        Key("roles", schema.list_of(role), required=False, doc="Role at the time of each article"),
        Key("sources", schema.list_of(source), required=False, doc="What backs the description"),
    )


def _entity(kind: str) -> schema.Convert:
    def build(line: int, where: Where, **values: Any) -> Entity:
        values = {**values, "roles": values["roles"] or (), "sources": values["sources"] or ()}
        return Entity(kind=kind, line=line, **values)

    return schema.mapping(
        _entity_keys("jim-mattis" if kind == "person" else "chosun-ilbo"),
        f"an {kind}" if kind[0] in "aeiou" else f"a {kind}",
        build,
    )


PEOPLE_FILE_KEYS = (
    Key("people", schema.list_of(_entity("person")), doc="People mentioned in the articles"),
    Key("organisations", schema.list_of(_entity("organisation")), required=False, doc="Organisations"),
)


# --- timeline -------------------------------------------------------------------------


def load_timeline(root: Path, report: Report) -> tuple[Event, ...]:
    """Load `timeline.yml`: an `events:` list."""
    if not (root / TIMELINE_FILE).exists():
        return ()
    top = read_data_file(root / TIMELINE_FILE, TIMELINE_FILE, TIMELINE_FILE_KEYS, "the timeline", report)
    return top["events"] if top else ()


def publication_event(article: Article) -> Event:
    """An article's publication, as it appears on the timeline."""
    title = f"{article.outlet} publishes “{article.title}”"
    return Event(f"article-{article.slug}", article.published, title, article.summary, (), (), (article.slug,), 0)


def check_events(events: tuple[Event, ...], known: set[str], slugs: set[str], where: Where) -> None:
    """Unique ids; every entry and article an event names exists."""
    first: dict[str, int] = {}
    for event in events:
        if first.setdefault(event.id, event.line) != event.line:
            where.error(event.line, f"duplicate event id {event.id!r} (first on line {first[event.id]})")
        for key in event.keys:
            if key not in known:
                where.error(event.line, f"event {event.id!r}: unknown {key.split('/')[0]} entry {key.split('/')[1]!r}")
        for slug in event.articles:
            if slug not in slugs:
                where.error(event.line, f"event {event.id!r}: unknown article {slug!r}")


def _build_event(line: int, where: Where, **values: Any) -> Event:
    keys = tuple(
        f"{section}/{entry_id}"
        for field, section in (("terms", "glossary"), ("people", "people"), ("organisations", "organisations"))
        for entry_id in values[field] or ()
    )
    return Event(
        values["id"], values["date"], values["title"], values["description"], values["sources"], keys,
        values["articles"] or (), line,
    )  # fmt: skip


EVENT_KEYS = (
    Key("id", schema.slug, example="id: cfc-established", doc="Stable id; the anchor is #event-<id>"),
    Key("date", published_date, example="date: 1978-11-07", doc="Only as precise as the sources say"),
    Key("title", schema.text, doc="What happened, in a few words"),
    Key("description", schema.text, doc="One sentence in your own words"),
    Key("sources", SOURCES, doc="At least one, https://"),
    Key("terms", schema.list_of(schema.slug), required=False, doc="Glossary ids it concerns"),
    Key("people", schema.list_of(schema.slug), required=False, doc="People ids it concerns"),
    Key("organisations", schema.list_of(schema.slug), required=False, doc="Organisation ids it concerns"),
    Key("articles", schema.list_of(schema.slug), required=False, doc="Article slugs it concerns"),
)
event = schema.mapping(EVENT_KEYS, "an event", _build_event)
TIMELINE_FILE_KEYS = (Key("events", schema.list_of(event, min_items=1), doc="The events, in any order"),)
