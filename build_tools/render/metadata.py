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
type) and `prism.publicationName` (the outlet: Zotero's "Publication"). There is no
`citation_journal_title` or `citation_publisher`: the first makes Zotero save a journal article
whatever else the page says, and a newspaper article has no publisher field. How this was
checked against the translators' code: README, "Metadata reference managers read".
"""

from __future__ import annotations

import json

from build_tools import urls
from build_tools.escape import inert, text_of
from build_tools.models import Article
from build_tools.values import Markdown, PublishedDate

ITEM_TYPE = "newspaperArticle"
"""The Zotero item type of every archived article (`DC.type`): VOA's and Asia Times' articles are
news reports, and Zotero's own site translators save broadcasters' and online outlets' news
stories (BBC, NPR, Reuters, RFE/RL) as `newspaperArticle`, as the CSL-JSON download
(`article-newspaper`) and RIS (`NEWS`) already do."""


def highwire_date(date: PublishedDate) -> str:
    """'2006/03/09', '2006/03' or '2006': Highwire's form, at the known precision."""
    return date.iso.replace("-", "/")


def citation(article: Article) -> dict:
    """The `citation` mapping of the article's front matter."""
    page = urls.article_url(article.slug)
    title, outlet = inert(text_of(article.title)), inert(text_of(article.outlet))  # Zotero's title is rich text
    found = {"title": title, "outlet": outlet, "date": highwire_date(article.published), "page": page,
             "item_type": ITEM_TYPE, "language": str(article.language),
             "jsonld": _news_article(article, page)}  # fmt: skip
    if article.byline:
        found["author"] = inert(text_of(article.byline))
    return found


def _news_article(article: Article, page: str) -> dict:
    """schema.org `NewsArticle`: the archived copy, based on the original."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text_of(article.title),
        "publisher": {"@type": "Organization", "name": text_of(article.outlet)},
        "datePublished": article.published.iso,
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
