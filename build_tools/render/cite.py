"""Ready-made citations of an article and of its archive copy, in Chicago and APA style.

Each is formatted from the article's CSL-JSON item (the one `cite/<slug>.json` publishes)
by the official CSL style (`citeproc`): Chicago Manual of Style 18th edition, notes and
bibliography (its bibliography entry), and APA 7th edition. The archive copy is the same
item with the archive's name (CSL `archive`) and the copy's address as its URL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from build_tools import identifiers, urls
from build_tools.config import SITE_NAME
from build_tools.models import Article
from build_tools.render import briefing_references
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ReferenceCard
from build_tools.render.citeproc import format_items
from build_tools.render.references import csl_item

STYLES = {"chicago": "chicago-notes-bibliography", "apa": "apa"}
"""The official style (file name in the CSL styles repository) behind each citation."""


@dataclass(frozen=True)
class Citations:
    """The four citations shown under "Cite this page": plain text, escaped where shown."""

    chicago: str
    """The original article, Chicago 18th edition (bibliography entry)."""
    apa: str
    """The original article, APA 7th edition (reference list entry)."""
    archive_chicago: str
    """The archive's copy, Chicago."""
    archive_apa: str
    """The archive's copy, APA."""


@dataclass(frozen=True)
class BriefingCitations:
    """A briefing's two citations under "Cite this page": plain text, escaped where shown."""

    chicago: str
    """Chicago 18th edition (bibliography entry)."""
    apa: str
    """APA 7th edition (reference list entry)."""


def _archived(original: dict, slug: str) -> dict:
    """The archive's copy as a CSL-JSON item: the original, kept in the archive at the page's address."""
    return {**original, "id": f"archive:{slug}", "URL": urls.article_url(slug), "archive": SITE_NAME}


def items(article: Article) -> tuple[dict, dict]:
    """The two CSL-JSON items the citations are formatted from: the original and the archive's copy."""
    original = csl_item(ReferenceCard.of(article))
    return original, _archived(original, article.slug)


def briefing_item(card: BriefingCard) -> dict:
    """The CSL-JSON item a briefing's citations are formatted from (`briefing_references.csl_item`)."""
    return briefing_references.csl_item(card)


def cite_all(articles: Sequence[Article]) -> dict[str, Citations]:
    """The citations of every article, by slug, each formatted as if cited alone."""
    return cite_every(articles, ())[0]


def cite_every(
    articles: Sequence[Article], briefings: Sequence[BriefingCard]
) -> tuple[dict[str, Citations], dict[str, BriefingCitations]]:
    """The citations of every article and of every briefing, by slug, formatted in one set of pandoc runs."""
    found = [item for article in articles for item in items(article)] + [briefing_item(b) for b in briefings]
    texts = format_items(found, tuple(STYLES.values())) if found else {style: {} for style in STYLES.values()}
    chicago, apa = texts[STYLES["chicago"]], texts[STYLES["apa"]]
    ids = {card.slug: briefing_item(card)["id"] for card in briefings}
    cited = {slug: BriefingCitations(chicago[key], apa[key]) for slug, key in ids.items()}
    return {article.slug: _citations(article.slug, texts) for article in articles}, cited


def _citations(slug: str, texts: Mapping[str, Mapping[str, str]]) -> Citations:
    """The article `slug`'s four texts out of all the formatted ones (by style, then item id)."""
    chicago, apa = texts[STYLES["chicago"]], texts[STYLES["apa"]]
    original, archived = identifiers.article(slug), f"archive:{slug}"
    return Citations(chicago[original], apa[original], chicago[archived], apa[archived])
