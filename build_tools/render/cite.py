"""Ready-made citations of an article and of its archive page (Chicago and APA)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from build_tools import urls
from build_tools.config import SITE_NAME
from build_tools.models import Article
from build_tools.values import PublishedDate


@dataclass(frozen=True)
class Citations:
    """The four citations shown under "Cite this page"."""

    chicago: str
    """The original article, Chicago notes-bibliography style."""
    apa: str
    """The original article, APA 7th edition."""
    archive_chicago: str
    """The archive's copy, Chicago."""
    archive_apa: str
    """The archive's copy, APA."""


def chicago_date(date: PublishedDate) -> str:
    """'October 28, 2017', 'October 2017' or '2017'."""
    if date.month is None:
        return str(date.year)
    month = calendar.month_name[date.month]
    return f"{month} {date.day}, {date.year}" if date.day else f"{month} {date.year}"


def apa_date(date: PublishedDate) -> str:
    """'2017, October 28', '2017, October' or '2017'."""
    parts = [str(date.year)]
    if date.month:
        parts.append(calendar.month_name[date.month] + (f" {date.day}" if date.day else ""))
    return ", ".join(parts)


def cite(article: Article) -> Citations:
    """Citations of `article` and of its page in the archive."""
    url = f" {article.url}" if article.url else ""
    page = urls.public_url(urls.article(article.slug))
    when = chicago_date(article.published)
    if article.byline:
        chicago = f'{article.byline}. "{article.title}." {article.outlet}, {when}.{url}'
        apa = f"{article.byline}. ({apa_date(article.published)}). {article.title}. {article.outlet}.{url}"
    else:
        chicago = f'{article.outlet}. "{article.title}." {when}.{url}'
        apa = f"{article.title}. ({apa_date(article.published)}). {article.outlet}.{url}"
    about = f"archived copy of an article from {article.outlet}, {when}"
    return Citations(
        chicago=chicago.rstrip(".") + ("" if url else "."),
        apa=apa,
        archive_chicago=f'{SITE_NAME}. "{article.title}." {about[0].upper() + about[1:]}. {page}',
        archive_apa=f"{SITE_NAME}. (n.d.). {article.title} [{about[0].upper() + about[1:]}]. {page}",
    )
