"""When each page's content last changed, as far as the sources date it: the sitemap's `lastmod`.

A page's date is the newest date of what it shows: an article's publication and the
day each of its notes was added; for an entry's page, the articles and notes it lists
and the events that concern it; and the day of each correction the page shows. The
sources date nothing else (an article's arrival in the archive, an edit recorded by no
correction), so a page showing nothing dated gets no `lastmod`, rather than the day of
the build. The same sources give the same dates.
"""

from __future__ import annotations

from collections.abc import Iterable

from build_tools.corrections import Correction
from build_tools.intervals import Dated
from build_tools.link.models import AnchoredNote, LinkedArticle
from build_tools.models import Event
from build_tools.render.cards import ArticleCard


def newest(dates: Iterable[Dated | None]) -> str | None:
    """The newest of `dates`, in ISO 8601 at its known precision ('2006', '2006-03', '2006-03-09'), or None; an
    interval counts as its end, the latest its content can date from."""
    known = [date.ends[-1] for date in dates if date is not None]
    return max(known, key=lambda date: date.sort_key).iso if known else None


def of_article(item: LinkedArticle) -> str | None:
    """An article page: its publication, or the day its last note was added, or its (or a note's) last correction."""
    notes = [anchored.annotation for anchored in item.notes]
    corrections = [*item.article.corrections, *(each for note in notes for each in note.corrections)]
    return newest([item.article.published, *(note.added for note in notes), *(each.date for each in corrections)])


def of_lists(
    cards: Iterable[ArticleCard] = (),
    notes: Iterable[AnchoredNote] = (),
    events: Iterable[Event] = (),
    corrections: Iterable[Correction] = (),
) -> str | None:
    """A page listing articles, notes and events (and showing its own corrections): the newest of their dates."""
    dates = [card.published for card in cards]
    dates += [anchored.annotation.added for anchored in notes]
    return newest(dates + [event.date for event in events] + [correction.date for correction in corrections])


def dated(markdown: str, lastmod: str | None) -> str:
    """The page with `lastmod` in its front matter (after the generated-page marker on its second line)."""
    if lastmod is None or not markdown.startswith("---\n"):
        return markdown
    first, _, rest = markdown[4:].partition("\n")
    return f"---\n{first}\nlastmod: '{lastmod}'\n{rest}"
