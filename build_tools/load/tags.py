"""The articles' topic tags and what readers see for them.

A tag is declared in the `tags:` register of glossary.yml with its label ("Wartime
operational control"), or is the id of a glossary term, whose name is then its label (a
tag `spi` reads "SPI"): a label is never made up from the slug, which would spell `opcon`
as "Opcon". The register's label wins over the term's name; each id is declared once. An
article's tag that is neither is a problem at the article's `tags:` line. Readers see the
labels (lists, related reading, feeds); the ids stay in addresses and anchors.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from build_tools.config import GLOSSARY_FILE
from build_tools.entries import Term
from build_tools.errors import Report
from build_tools.models import Article, Tag
from build_tools.values import Identifier, PlainText


def tag_labels(tags: Iterable[Tag], terms: Iterable[Term], report: Report) -> dict[str, PlainText]:
    """Every tag an article may carry, with its label: the terms' names, then the register's labels over them;
    a tag declared twice is a problem at its second line."""
    labels: dict[str, PlainText] = {str(term.id): term.name for term in terms}
    first: dict[str, int] = {}
    for tag in tags:
        if tag.id in first:
            report.add(GLOSSARY_FILE, tag.line, f"tag {tag.id!r} is declared twice (first on line {first[tag.id]})",
                       "keep one of them")  # fmt: skip
            continue
        first[tag.id] = tag.line
        labels[str(tag.id)] = tag.label
    return labels


def check_tags(articles: Iterable[Article], known: set[str], report: Report) -> None:
    """Each article's tags are `known`: declared in the register or a glossary term's id."""
    for article in articles:
        for tag in article.tags:
            if tag not in known:
                close = difflib.get_close_matches(tag, sorted(known), n=3)
                declare = f"declare it under `tags:` in {GLOSSARY_FILE} (`- id: {tag}` and `label: ...`)"
                hint = f"did you mean {', '.join(close)}? or {declare}" if close else declare.capitalize()
                report.add(article.path, article.tags_line or None, f"unknown tag {tag!r}", hint)


def sorted_labels(labels: dict[str, PlainText]) -> tuple[tuple[Identifier, PlainText], ...]:
    """The labels as the archive keeps them: sorted by tag."""
    return tuple((Identifier(tag), label) for tag, label in sorted(labels.items()))
