"""What the home page lists of the archive: its briefings and its newest articles.

The home page (`docs/index.md`) is written by hand, so the build cannot render a list into
it. The archive index carries the list instead, as one `newest` mapping in its front matter
(JSON, which YAML reads), and `templates/theme/partials/home.html` writes it into the home
page, escaping each value for HTML; the index of briefings carries the briefings the same way.
The values are plain text and the article's page as MkDocs
names it (its source path, which the theme turns into a link in the site's URL style), never
HTML: the theme only prints them.
"""

from __future__ import annotations

import json

from build_tools import urls
from build_tools.escape import text_of
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ArticleCard
from build_tools.values import Markdown

NEWEST = 5
"""How many of the newest articles the home page lists."""


def newest(cards: tuple[ArticleCard, ...]) -> list[dict[str, str]]:
    """The newest articles (`cards` are newest first) as the home page shows them."""
    return [
        {
            "title": text_of(card.title),
            "outlet": text_of(card.outlet),
            "date": card.published.label,
            "summary": text_of(card.summary),
            "src": urls.article(card.slug),
        }
        for card in cards[:NEWEST]
    ]


def front_matter(cards: tuple[ArticleCard, ...]) -> Markdown:
    """The list as one line of JSON for the archive index's front matter."""
    return Markdown(json.dumps(newest(cards), ensure_ascii=False, sort_keys=True))


def briefings(cards: tuple[BriefingCard, ...]) -> Markdown:
    """The newest briefings (`cards` are newest first) as the home page shows them, as one line of JSON for the
    index of briefings' front matter."""
    shown = [
        {"title": text_of(card.title), "date": card.date.label, "summary": text_of(card.summary),
         "src": urls.briefing(card.slug)}
        for card in cards[:NEWEST]
    ]  # fmt: skip
    return Markdown(json.dumps(shown, ensure_ascii=False, sort_keys=True))
