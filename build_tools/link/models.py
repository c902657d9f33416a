"""What linking makes of an article: its body with notes marked and entries linked, and where each is."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.link.amend import Landing
from build_tools.models import Annotation, Article, Briefing, Footnote, cached_hash
from build_tools.values import Markdown


@dataclass(frozen=True)
class Mention:
    """Where an entry first appears in an article, with its neighbourhood."""

    __hash__ = cached_hash

    key: str
    """The entry mentioned (`glossary/cfc`, `people/jim-mattis`)."""
    article_slug: str
    """The article it appears in."""
    anchor: str
    """Id of the linked first mention on the article page."""
    before: str
    """Plain text just before the mention."""
    words: str
    """The words that matched, as written."""
    after: str
    """Plain text just after the mention."""
    count: int
    """How many times the entry is mentioned in the article's text."""


@dataclass(frozen=True)
class LinkDecision:
    """What linking decided about one occurrence of an alias, for a reviewer to read."""

    line: int
    """Line of the article file the words are on."""
    key: str
    """The entry the words would name."""
    words: str
    """The words as written."""
    outcome: str
    """`link` (its first mention, linked), `mention` (a later one) or `no link`."""
    reason: str
    """Why: the alias, the cue found, the exclusion or article rule that refused it."""
    sentence: str
    """The sentence the words are in."""


@dataclass(frozen=True)
class TextSpan:
    """Where a note's quoted words are in the page's text, for other tools to find them (W3C selectors)."""

    exact: str
    """The quoted words as the page shows them."""
    prefix: str
    """Up to `CONTEXT` characters of the paragraph just before them."""
    suffix: str
    """Up to `CONTEXT` characters of the paragraph just after them."""
    passage: str | None
    """Id of the paragraph holding them (None in a list item, which has none)."""
    start: int
    """Offset of their first character in the paragraph's text as the page shows it (the article's words only)."""
    end: int
    """Offset just past their last character."""


@dataclass(frozen=True)
class AnchoredNote:
    """An annotation placed in its article."""

    __hash__ = cached_hash

    number: int
    """1-based position among the article's notes, in reading order."""
    annotation: Annotation
    """The annotation."""
    keys: tuple[str, ...]
    """Keys of the entries (terms, people, organisations) the quote or the note mentions."""
    span: TextSpan | None = None
    """Where the quoted words are in the page's text."""


@dataclass(frozen=True)
class LinkedArticle:
    """An article after anchoring its notes and linking its terms."""

    __hash__ = cached_hash

    article: Article
    """The source article."""
    body: Markdown
    """Body Markdown with notes marked and the first mention of each entry linked; its plain paragraphs written
    as HTML blocks where the build converts the page (`link/html.py`), their text escaped as the Markdown's."""
    mentions: tuple[Mention, ...]
    """One entry per entry mentioned, in order of first appearance."""
    notes: tuple[AnchoredNote, ...] = ()
    """The article's annotations, in reading order."""
    passages: tuple[str, ...] = ()
    """Its paragraphs' ids, in reading order (what `python -m build_tools passages` records)."""
    amended: tuple[Landing, ...] = ()
    """Its paragraphs that old ids in the record land on, or that were amended (`link/amend.py`)."""


@dataclass(frozen=True)
class Quotation:
    """Words a briefing quotes from an article, found there once."""

    slug: str
    """The article quoted."""
    words: str
    """The words as the briefing writes them."""
    passage: str | None
    """Id of the article's paragraph that holds them (None in a tight list's item, which has none)."""
    line: int
    """Line of the briefing file the quotation is on."""
    block: bool
    """True for a block quotation (a `>` block holding only the quotation), False for one in running text."""
    at: str | None
    """Id of the briefing's paragraph that quotes them, where "Discussed in" links (None in a list item)."""


@dataclass(frozen=True)
class NumberedFootnote:
    """A briefing's footnote with its number: the order of its first citation in the text."""

    number: int
    """1-based."""
    footnote: Footnote
    """The footnote."""


@dataclass(frozen=True)
class LinkedBriefing:
    """A briefing after its quotations were found and linked, its footnotes numbered and its entries linked."""

    __hash__ = cached_hash

    briefing: Briefing
    """The source briefing."""
    body: Markdown
    """Body Markdown: quotations linked to their passages, footnote references numbered, first mentions linked."""
    mentions: tuple[str, ...]
    """Keys of the entries it mentions, in order of first mention."""
    quotations: tuple[Quotation, ...]
    """Every quotation, in reading order."""
    footnotes: tuple[NumberedFootnote, ...]
    """Every footnote, by number."""
