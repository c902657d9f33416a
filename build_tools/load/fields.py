"""The declaration of every field of every source file, each with its kind.

`DOCUMENTS` lists the kinds of source file. The loader reads each with these
declarations, the editors' JSON Schemas are generated from them, and the
injection test walks them to put hostile text into every field there is: a field
added here is checked, escaped and tested without another line of code.
"""

from __future__ import annotations

from typing import Any

from build_tools import config
from build_tools.entries import Alias, Entity, Role, Sense, Term
from build_tools.load import sanitize
from build_tools.load.archived import ARCHIVED_FIELD, build_source
from build_tools.load.corrections import CORRECTIONS
from build_tools.load.kinds import (
    Choice,
    DateKind,
    Field,
    IdentifierKind,
    PlainTextKind,
    RestrictedMarkdown,
    UrlKind,
    Where,
)
from build_tools.load.placeholders import AUTHOR, unfilled
from build_tools.load.shapes import Document, Either, ListOf, Record, Then
from build_tools.models import Annotation, Event, Footnote, LinkRule, Tag
from build_tools.text import is_acronym
from build_tools.values import PlainText

PLAIN_TEXT = PlainTextKind()
ID = IdentifierKind()
URL = UrlKind()
DATE = DateKind(interval=True)
LANGUAGE = IdentifierKind(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", "is not a language tag", "use a code such as en or ko")
ANNOTATION_KINDS = ("context", "correction", "clarification", "term", "person")


def prose(what: str) -> RestrictedMarkdown:
    """Restricted Markdown under the note rules; `what` names it in messages ("definitions")."""
    return RestrictedMarkdown(sanitize.note_problems, what, sanitize.MAX_NOTE_BYTES)


# --- shared ---------------------------------------------------------------------------

SOURCE_FIELDS = (
    Field("title", unfilled(PLAIN_TEXT, "title"), doc="Title of the page or document"),
    Field("url", unfilled(URL, "url"), doc="Its https:// (or http://) address"),
    ARCHIVED_FIELD,
)
SOURCE = Record(SOURCE_FIELDS, "a source", build_source)
SOURCES = ListOf(SOURCE, min_items=1)


def _phrase(what: str, *, weak: bool = False) -> Either:
    """`- SPI` (acronyms match only in capitals) or `- {text: ..., case: exact|any}`."""

    def build(line: int, where: Where, text: PlainText, case: str | None) -> Alias:
        return Alias(text, case == "exact" if case else is_acronym(text), weak, line)

    fields = (Field("text", PLAIN_TEXT), Field("case", Choice("case", ("exact", "any")), required=False))
    return Either(
        Then(PLAIN_TEXT, lambda text, line: Alias(text, is_acronym(text), weak, line)),
        Record(fields, what, build),
    )


ALIAS, WEAK_ALIAS = _phrase("an alias"), _phrase("a weak alias", weak=True)
PHRASE = _phrase("a phrase")
"""A cue or an exclusion: words matched by the same case and punctuation rules as aliases."""

SENSE_FIELDS = (
    Field("weak_aliases", ListOf(WEAK_ALIAS), required=False,
          doc="Forms that name the entry only sometimes: linked only where a cue is near"),
    Field("cues", ListOf(PHRASE), required=False,
          doc="Words showing a weak alias means this entry, in its paragraph or the article's title, summary, tags"),
    Field("not", ListOf(PHRASE), required=False, doc="Phrases inside which an alias is not linked: other names"),
)  # fmt: skip
"""What tells an entry's mentions from the same words meaning something else (see `Sense`)."""


def _with_sense(line: int, values: dict[str, Any]) -> dict[str, Any]:
    """The entry's values with its weak aliases after the strong ones, and its cues and exclusions as a Sense."""
    weak, cues, exclusions = (values.pop(name) or () for name in ("weak_aliases", "cues", "not"))
    return {**values, "aliases": (*values["aliases"], *weak), "sense": Sense(cues, exclusions, line)}


# --- articles -------------------------------------------------------------------------

ENTRY_KEY = IdentifierKind(
    r"(?:(?:glossary|people|organisations)/)?[a-z0-9]+(?:-[a-z0-9]+)*", "is not an entry id",
    "write the id of a glossary term, person or organisation, e.g. cfc (or glossary/cfc)", section=True,
)  # fmt: skip
LINK_TO_FIELDS = (
    Field("words", PLAIN_TEXT, doc="The phrase, as it appears in the article"),
    Field("to", ENTRY_KEY, doc="The entry it names: cfc, or glossary/cfc, people/<id>, organisations/<id>"),
)
LINK_RULES = Record(
    (
        Field("skip", ListOf(Then(PLAIN_TEXT, lambda words, line: LinkRule(words, None, line))), required=False,
              doc="Phrases never linked in this article"),
        Field("link", ListOf(Record(LINK_TO_FIELDS, "a link rule", lambda line, where, words, to: LinkRule(
              words, to, line))), required=False, doc="Phrases linked to a given entry in this article"),
    ),
    "`links:`",
    lambda line, where, skip, link: (*(skip or ()), *(link or ())),
)  # fmt: skip
"""`links: {skip: [words, ...], link: [{words: ..., to: <entry>}, ...]}`: the article's own linking decisions."""

ARTICLE_FIELDS = (
    Field("title", PLAIN_TEXT, example="title: The headline, as published", doc="Headline as published"),
    Field("outlet", PLAIN_TEXT, example="outlet: Voice of America", doc="Publication that ran it"),
    Field("url", URL, required=False, doc="Address of the original"),
    Field("published", DATE, example="published: 2006-03", doc="As precise as known, or an interval: 2006-03/2006-04"),
    Field("date_note", PLAIN_TEXT, required=False, doc="What is and is not established about the date"),
    Field("byline", PLAIN_TEXT, required=False, doc="Author as credited"),
    Field("language", LANGUAGE, example="language: en", doc="Language of the text"),
    Field("summary", PLAIN_TEXT, example="summary: Two or three sentences of your own.", doc="Your own words"),
    Field("tags", ListOf(ID, min_items=1, max_items=config.MAX_TAGS), example="tags: [opcon]", doc="Topic tags"),
    Field("capture_note", PLAIN_TEXT, required=False, doc="What was dropped from the captured page"),
    Field("photo_caption", PLAIN_TEXT, required=False,
          doc="Caption of a photo the capture showed and the archive does not keep, as published"),
    Field("links", LINK_RULES, required=False, doc="Phrases this article never links, or links to a given entry"),
    CORRECTIONS,
)  # fmt: skip
ARTICLE_TEXT = RestrictedMarkdown(sanitize.article_problems, "articles")
"""The kind of an article's body: the words as published, under the article rules."""
ARTICLE_BODY = Field("body", ARTICLE_TEXT, doc="The words as published, after the front matter")


def _annotation(line: int, where: Where, **values: Any) -> Annotation:
    return Annotation(path=where.path, line=line, **values)


ANNOTATION_FIELDS = (
    Field("id", ID, example="id: chosun-ilbo", doc="Stable id; the permalink is #note-<id>"),
    Field("quote", PLAIN_TEXT, example="quote: the exact words", doc="The exact words annotated"),
    Field("prefix", PLAIN_TEXT, required=False, doc="Words just before the quote, if it occurs more than once"),
    Field("suffix", PLAIN_TEXT, required=False, doc="Words just after the quote, if it occurs more than once"),
    Field("note", unfilled(prose("notes"), "note"), example="note: Your note, in Markdown.", doc="Markdown; no HTML"),
    Field("author", AUTHOR, example="author: octocat", doc="GitHub handle"),
    Field("sources", SOURCES, example="sources: [{title: ..., url: https://...}]", doc="At least one"),
    Field("kind", Choice("kind", ANNOTATION_KINDS), example="kind: context", doc="What sort of note this is"),
    Field("added", DateKind(full=True), required=False, doc="Date added, YYYY-MM-DD"),
    CORRECTIONS,
)
ANNOTATIONS_FILE = (
    Field(
        "annotations",
        ListOf(Record(ANNOTATION_FIELDS, "an annotation", _annotation), min_items=1, entries=True),
        doc="The notes",
    ),
)

# --- glossary -------------------------------------------------------------------------


def _term(line: int, where: Where, **values: Any) -> Term:
    return Term(line=line, **_with_sense(line, {**values, "related": values["related"] or ()}))


TERM_FIELDS = (
    Field("id", ID, example="id: cfc", doc="URL-stable id; the page is glossary/<id>/"),
    Field("name", PLAIN_TEXT, example="name: CFC", doc="Heading of the entry"),
    Field("expansion", PLAIN_TEXT, required=False, doc="Long form of an acronym"),
    Field("short", PLAIN_TEXT, example="short: One sentence for the tooltip.", doc="One sentence, the tooltip"),
    Field("definition", prose("definitions"), example="definition: A longer explanation.", doc="Longer, own words"),
    Field("aliases", ListOf(ALIAS, min_items=1), example="aliases: [CFC]", doc="Forms linked in articles"),
    *SENSE_FIELDS,
    Field("korean", PLAIN_TEXT, required=False, doc="Korean name, where there is one"),
    Field("related", ListOf(ID), required=False, doc="Ids of related terms"),
    Field("sources", SOURCES, example="sources: [{title: ..., url: https://...}]", doc="At least one"),
    CORRECTIONS,
)
TAG_FIELDS = (
    Field("id", ID, example="id: opcon", doc="The tag as articles write it (`tags: [opcon]`)"),
    Field("label", PLAIN_TEXT, example="label: Wartime operational control", doc="What readers see for it"),
)
GLOSSARY_FILE = (
    Field(
        "terms",
        ListOf(Record(TERM_FIELDS, "a glossary term", _term), min_items=1, entries=True),
        doc="The glossary entries",
    ),
    Field(
        "tags",
        ListOf(Record(TAG_FIELDS, "a tag", lambda line, where, **v: Tag(v["id"], v["label"], line))),
        required=False,
        doc="Labels of the articles' topic tags (a tag that is a term's id is labelled with its name otherwise)",
    ),
)

# --- people and organisations ---------------------------------------------------------

ROLE_FIELDS = (
    Field("article", ID, doc="Slug of the article"),
    Field("role", PLAIN_TEXT, doc="The role at the time of that article"),
)
ROLE = Record(ROLE_FIELDS, "a role", lambda line, where, **v: Role(v["article"], v["role"]))


def entity_fields(example: str) -> tuple[Field, ...]:
    return (
        Field("id", ID, example=f"id: {example}", doc="URL-stable id"),
        Field("name", PLAIN_TEXT, doc="Name as the archive writes it"),
        Field("short", PLAIN_TEXT, doc="One sentence, the tooltip"),
        Field("description", prose("descriptions"), required=False, doc="A longer note in your own words"),
        Field("aliases", ListOf(ALIAS, min_items=1), doc="Forms linked in articles"),
        *SENSE_FIELDS,
        Field("roles", ListOf(ROLE), required=False, doc="Role at the time of each article"),
        Field("sources", ListOf(SOURCE), required=False, doc="What backs the description"),
        CORRECTIONS,
    )


def _entity(kind: str) -> Record:
    def build(line: int, where: Where, **values: Any) -> Entity:
        values = {**values, "roles": values["roles"] or (), "sources": values["sources"] or ()}
        return Entity(kind=kind, line=line, **_with_sense(line, values))  # type: ignore[arg-type]

    example = "jim-mattis" if kind == "person" else "chosun-ilbo"
    return Record(entity_fields(example), f"an {kind}" if kind[0] in "aeiou" else f"a {kind}", build)


PEOPLE_FILE = (
    Field("people", ListOf(_entity("person"), entries=True), doc="People mentioned in the articles"),
    Field("organisations", ListOf(_entity("organisation"), entries=True), required=False, doc="Organisations"),
)

# --- timeline -------------------------------------------------------------------------

EVENT_SECTIONS = (("terms", "glossary"), ("people", "people"), ("organisations", "organisations"))
"""Keys of an event that name entries, and the section of each."""


def _event(line: int, where: Where, **values: Any) -> Event:
    keys = tuple(f"{section}/{entry_id}" for key, section in EVENT_SECTIONS for entry_id in values[key] or ())
    return Event(
        values["id"], values["date"], values["title"], values["description"], values["sources"], keys,
        values["articles"] or (), line,
    )  # fmt: skip


EVENT_FIELDS = (
    Field("id", ID, example="id: cfc-established", doc="Stable id; the anchor is #event-<id>"),
    Field("date", DATE, example="date: 1978-11-07", doc="As precise as the sources say, or an interval"),
    Field("title", PLAIN_TEXT, doc="What happened, in a few words"),
    Field("description", PLAIN_TEXT, doc="One sentence in your own words"),
    Field("sources", SOURCES, doc="At least one"),
    Field("terms", ListOf(ID), required=False, doc="Glossary ids it concerns"),
    Field("people", ListOf(ID), required=False, doc="People ids it concerns"),
    Field("organisations", ListOf(ID), required=False, doc="Organisation ids it concerns"),
    Field("articles", ListOf(ID), required=False, doc="Article slugs it concerns"),
)
TIMELINE_FILE = (
    Field(
        "events",
        ListOf(Record(EVENT_FIELDS, "an event", _event), min_items=1, entries=True),
        doc="The events, in any order",
    ),
)

# --- briefings -----------------------------------------------------------------------

FOOTNOTE_FIELDS = (
    Field("id", ID, example="id: spi-talks", doc="What the text cites it by: [^spi-talks]; the anchor is #fn-<id>"),
    Field("sources", SOURCES, example="sources: [{title: ..., url: https://...}]", doc="At least one"),
    Field("note", prose("footnotes"), required=False, doc="What in the sources backs the statements, in your words"),
)
FOOTNOTE = Record(FOOTNOTE_FIELDS, "a footnote", lambda line, where, **values: Footnote(line=line, **values))
BRIEFING_FIELDS = (
    Field("title", PLAIN_TEXT, example="title: The briefing's title", doc="The briefing's title"),
    Field("authors", ListOf(AUTHOR, min_items=1), example="authors: [octocat]", doc="GitHub accounts of its authors"),
    Field("date", DateKind(full=True), example="date: 2026-12-07", doc="Day it is published, YYYY-MM-DD"),
    Field("summary", PLAIN_TEXT, example="summary: Two or three sentences of your own.", doc="Your own words"),
    Field("tags", ListOf(ID, min_items=1, max_items=config.MAX_TAGS), example="tags: [opcon]", doc="Topic tags"),
    Field("footnotes", ListOf(FOOTNOTE, min_items=1), example="footnotes: [{id: ..., sources: [...]}]",
          doc="The numbered notes with the sources of every statement, cited in the text as [^id]"),
)  # fmt: skip
BRIEFING_TEXT = RestrictedMarkdown(sanitize.briefing_problems, "briefings")  # note rules, `##` and quotations
BRIEFING_BODY = Field("body", BRIEFING_TEXT, doc="The essay, after the front matter")

# --- every kind of source file --------------------------------------------------------

ARTICLES, BRIEFINGS = f"{config.ARTICLES_DIR}/*.md", f"{config.BRIEFINGS_DIR}/*.md"
DOCUMENTS = (
    Document("Article front matter", "article.schema.json", ARTICLES, ARTICLE_FIELDS, ARTICLE_BODY),
    Document("Briefing front matter", "briefing.schema.json", BRIEFINGS, BRIEFING_FIELDS, BRIEFING_BODY),
    Document("Glossary (glossary.yml)", "glossary.schema.json", config.GLOSSARY_FILE, GLOSSARY_FILE),
    Document("People and organisations (people.yml)", "people.schema.json", config.PEOPLE_FILE, PEOPLE_FILE),
    Document("Timeline (timeline.yml)", "timeline.schema.json", config.TIMELINE_FILE, TIMELINE_FILE),
    Document("Annotations (articles/<slug>.annotations.yml)", "annotations.schema.json",
             f"{config.ARTICLES_DIR}/*{config.ANNOTATIONS_SUFFIX}", ANNOTATIONS_FILE),
)  # fmt: skip
"""Every kind of source file the build reads."""
