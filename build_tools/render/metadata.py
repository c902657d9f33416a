"""What reference managers read from an article's page: Highwire `citation_*` tags and schema.org JSON-LD.

The build puts one `citation` mapping in the page's front matter (as JSON, which YAML
reads); `templates/theme/main.html` writes it into the page's <head>, escaping each value
for where it goes: HTML attributes for the meta tags, `tojson` (no `<`, `>`, `&` or `'`
left) inside the JSON-LD script. The values are the article's plain text, URLs and date,
never HTML; a date is only as precise as it is known.

The tags are read by Zotero's "Embedded Metadata" translator (and its RDF translator, to which it
hands the `DC.*` and `prism.*` tags), and by Google Scholar (the `citation_*` ones):
`citation_title`, `citation_author`, `citation_publication_date` and `citation_date`
(YYYY/MM/DD), `citation_public_url` (the archived copy's address), `citation_language`;
`DC.type` (`newspaperArticle`, a Zotero item type, which the RDF translator takes as the item's
type) and `prism.publicationName` (the outlet: Zotero's "Publication"). `DC.identifier` is the article's
permanent identifier (`identifiers`), also the JSON-LD `@id`: the RDF translator takes a `dc:identifier` only
as an ISBN, ISSN or DOI, which an identifier cannot look like unless its slug is digits and hyphens alone, so
Zotero saves the same item with it as without it (tests/test_zotero.py). There is no
`citation_journal_title` or `citation_publisher`: the first makes Zotero save a journal article
whatever else the page says, and a newspaper article has no publisher field. How this was
checked against the translators' code: README, "Metadata reference managers read".

A briefing's page carries a report's tags instead (`briefing_citation`): one `citation_author` per author,
`citation_technical_report_institution` (the site), `DC.type` `report`, and schema.org `Report` JSON-LD.
"""

from __future__ import annotations

import json

from build_tools import identifiers, urls
from build_tools.config import SITE_NAME, site_url
from build_tools.escape import inert, text_of
from build_tools.intervals import Dated
from build_tools.models import Article
from build_tools.render import briefing_references
from build_tools.render.briefings import BriefingCard
from build_tools.values import Markdown

ITEM_TYPE = "newspaperArticle"
"""The Zotero item type of every archived article (`DC.type`): VOA's and Asia Times' articles are
news reports, and Zotero's own site translators save broadcasters' and online outlets' news
stories (BBC, NPR, Reuters, RFE/RL) as `newspaperArticle`, as the CSL-JSON download
(`article-newspaper`) and RIS (`NEWS`) already do."""


def highwire_date(date: Dated) -> str:
    """'2006/03/09', '2006/03' or '2006': Highwire's form, at the known precision (an interval's covering date:
    Highwire's dates are single dates, `intervals`)."""
    return date.covering.iso.replace("-", "/")


def citation(article: Article) -> dict:
    """The `citation` mapping of the article's front matter."""
    page = urls.article_url(article.slug)
    title, outlet = inert(text_of(article.title)), inert(text_of(article.outlet))  # Zotero's title is rich text
    found = {"title": title, "outlet": outlet, "date": highwire_date(article.published), "page": page,
             "item_type": ITEM_TYPE, "language": str(article.language), "identifier": identifiers.article(article.slug),
             "jsonld": _news_article(article, page)}  # fmt: skip
    if article.byline:
        found["author"] = inert(text_of(article.byline))
    return found


def _news_article(article: Article, page: str) -> dict:
    """schema.org `NewsArticle`: the archived copy, based on the original."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": identifiers.article(article.slug),
        "headline": text_of(article.title),
        "publisher": {"@type": "Organization", "name": text_of(article.outlet)},
        "datePublished": article.published.covering.iso,  # schema.org's Date is one date
        "inLanguage": str(article.language),
        "url": page,
    }
    if article.url:
        data["isBasedOn"] = str(article.url)
    if article.byline:
        data["author"] = {"@type": "Person", "name": text_of(article.byline)}
    return data


def front_matter(article: Article) -> Markdown:
    """The mapping as one line of JSON for the front matter (YAML reads JSON)."""
    return Markdown(json.dumps(citation(article), ensure_ascii=False, sort_keys=True))


REPORT = "report"
"""The Zotero item type of a briefing (`DC.type`): the archive's own report, as its CSL-JSON (`report`), RIS
(`RPRT`) and BibTeX (`@techreport`) say (`briefing_references`)."""


def briefing_citation(card: BriefingCard) -> dict:
    """The `citation` mapping of a briefing page's front matter: its authors one tag each, and the site as
    `citation_technical_report_institution`, which makes Zotero's Embedded Metadata translator save a report (its
    `hwType`) with the site as institution; `citation_publisher` would only set the same field, and a
    `prism.publicationName` would give a report a publication it does not have."""
    page = briefing_references.page_url(card)
    found = {"title": inert(text_of(card.title)), "authors": [inert(text_of(author)) for author in card.authors],
             "date": highwire_date(card.date), "page": page, "item_type": REPORT, "language": "en",
             "institution": inert(SITE_NAME), "identifier": identifiers.briefing(card.slug),
             "jsonld": _report(card, page)}  # fmt: skip
    return found


def _report(card: BriefingCard, page: str) -> dict:
    """schema.org `Report`: the briefing, by its authors' GitHub accounts, published by the archive."""
    return {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": identifiers.briefing(card.slug),
        "headline": text_of(card.title),
        "description": text_of(card.summary),
        "author": [_account(author) for author in card.authors],
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": site_url()},
        "datePublished": card.date.iso,
        "inLanguage": "en",
        "url": page,
    }


def _account(author: str) -> dict:
    """An author as schema.org gives it: a GitHub account (a person's or an organisation's: `Person` is the
    type readers of `author` expect), its name and its profile."""
    return {"@type": "Person", "name": text_of(author), "url": f"https://github.com/{author}"}


def briefing_front_matter(card: BriefingCard) -> Markdown:
    """The briefing's mapping as one line of JSON for the front matter (YAML reads JSON)."""
    return Markdown(json.dumps(briefing_citation(card), ensure_ascii=False, sort_keys=True))
