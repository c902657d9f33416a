"""Each article's notes as a W3C Web Annotation collection (JSON-LD), for other annotation tools.

One `AnnotationCollection` per article (`annotations/<slug>.jsonld`), its notes in
one embedded `AnnotationPage`. Each note is an `Annotation` (motivation
`commenting`): its author as a `Person` (the GitHub account), its text as a
`TextualBody` in plain text (a note's Markdown is shown as words, never passed on as
markup), its kind as a `tagging` body, its sources as `linking` bodies, and a target
on the article's page with two selectors for the quoted words: a `TextQuoteSelector`
(exact, prefix, suffix) and a `CssSelector` naming the paragraph, refined by a
`TextPositionSelector` of the words in that paragraph's text. A source with an archived
copy names it in its own `linking` body as schema.org's `archivedAt`, a node with the copy's
address and the day it was made (`dateCreated`): one body per source, as a reader counts them,
where a second `linking` body would pass the copy off as another source. The day a note was
added is given as schema.org's `dateCreated`: the model's `created` must be a
date-time, and the time of day is not known.

The collection's `id` and each note's are permanent identifiers (`identifiers.notes`, `identifiers.note`), the
same whatever SITE_URL the build has, so an annotation exported from one build is the same annotation in the
next; the target's `source` is the article's page on the published site, where the selectors find the words.
"""

from __future__ import annotations

from build_tools import identifiers, urls
from build_tools.config import SITE_NAME
from build_tools.escape import json_document, text_of
from build_tools.link.models import AnchoredNote, LinkedArticle, TextSpan
from build_tools.models import Source

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"schema": "https://schema.org/"}]
"""The Web Annotation context, and schema.org's for `schema:dateCreated`, sources' names and archived copies."""


def collection(item: LinkedArticle) -> str:
    """The article's notes as an AnnotationCollection (JSON-LD text)."""
    article = item.article
    address = identifiers.notes(article.slug)
    notes = [annotation(note, article.slug) for note in item.notes]
    return json_document({
        "@context": CONTEXT,
        "id": address,
        "type": "AnnotationCollection",
        "label": f"Notes on “{article.title}” ({article.outlet}), {SITE_NAME}",
        "total": len(notes),
        "first": {"id": f"{address}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": notes},
    })  # fmt: skip


def annotation(anchored: AnchoredNote, slug: str) -> dict:
    """One note of the article `slug` as a Web Annotation, its target on the article's page."""
    note, page = anchored.annotation, urls.article_url(slug)
    made = {
        "id": identifiers.note(slug, note.id),
        "type": "Annotation",
        "motivation": "commenting",
        "creator": {"id": f"https://github.com/{note.author}", "type": "Person", "nickname": str(note.author)},
    }
    if note.added is not None:
        made["schema:dateCreated"] = note.added.iso
    made["body"] = [
        {"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": text_of(note.note)},
        {"type": "TextualBody", "purpose": "tagging", "value": str(note.kind)},
        *(_linking(source) for source in note.sources),
    ]
    made["target"] = {"type": "SpecificResource", "source": page, "selector": _selectors(anchored.span)}
    return made


def _linking(source: Source) -> dict:
    """A source as a `linking` body, naming its archived copy where it has one."""
    body = {
        "type": "SpecificResource",
        "purpose": "linking",
        "source": str(source.url),
        "schema:name": str(source.title),
    }
    if source.archived is not None:
        copy = source.archived
        body["schema:archivedAt"] = {"id": str(copy.url), "schema:dateCreated": copy.date.iso}
    return body


def _selectors(span: TextSpan | None) -> list[dict]:
    if span is None:
        return []
    quote = {"type": "TextQuoteSelector", "exact": span.exact, "prefix": span.prefix, "suffix": span.suffix}
    if span.passage is None:
        return [quote]
    position = {"type": "TextPositionSelector", "start": span.start, "end": span.end}
    return [quote, {"type": "CssSelector", "value": f"#{span.passage}", "refinedBy": position}]
