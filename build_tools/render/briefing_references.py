"""A briefing as a reference to import: CSL-JSON, RIS and BibTeX files under `cite/briefings/`.

A briefing is the archive's own work: its authors' GitHub accounts as literal names, the site
as publisher, its day, its page's public address. It is typed as a report throughout, so every
reference manager files it alike: CSL `report`, RIS `RPRT`, BibTeX `@techreport` (institution:
the site), Zotero `report` (the page's `DC.type` and Highwire tags: `metadata.briefing_citation`).
CSL `article` was the other choice, but Zotero imports it as a preprint and the Chicago style
prints it without its publisher; `report` is formatted by both styles with the site as publisher.
Values are escaped for each format as `references` escapes an article's; its CSL-JSON `id` and RIS `ID` are the
briefing's permanent identifier (`identifiers`), its BibTeX key the slug.
"""

from __future__ import annotations

from build_tools import identifiers, urls
from build_tools.config import SITE_NAME
from build_tools.escape import inert, json_document
from build_tools.render.briefings import BriefingCard
from build_tools.render.references import MONTHS, _bibtex, _bibtex_url, _one_line, _shown

CSL_TYPE = "report"
"""The CSL type of a briefing (see the module's docstring)."""


def page_url(card: BriefingCard) -> str:
    """The public address of the briefing's page."""
    return urls.public_url(urls.briefing(card.slug))


def csl_item(card: BriefingCard) -> dict:
    """The briefing as one CSL-JSON item (also what the page's Chicago and APA texts are formatted from)."""
    date = card.date
    return {
        "id": identifiers.briefing(card.slug),
        "type": CSL_TYPE,
        "title": _one_line(card.title),
        "author": [{"literal": _one_line(author)} for author in card.authors],
        "publisher": SITE_NAME,
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "language": "en",
        "URL": page_url(card),
    }


def csl_json(card: BriefingCard) -> str:
    """CSL-JSON: a list holding the briefing, with its summary as abstract; text fields inert (see `references`)."""
    item = {key: inert(value) if key == "title" else value for key, value in csl_item(card).items()}
    item["author"] = [{"literal": inert(name["literal"])} for name in item["author"]]
    return json_document([{**item, "abstract": inert(_one_line(card.summary))}])


def ris(card: BriefingCard) -> str:
    """RIS: `TY  - RPRT` (a report), one line per tag, ending with `ER  -`."""
    date = card.date
    lines = [("TY", "RPRT"), ("ID", identifiers.briefing(card.slug)), ("TI", _shown(card.title))]
    lines += [("AU", _shown(author)) for author in card.authors]
    lines += [("PY", str(date.year)), ("DA", f"{date.year:04d}/{date.month:02d}/{date.day:02d}/")]
    lines += [("PB", _shown(SITE_NAME)), ("UR", page_url(card)), ("AB", _shown(card.summary)), ("LA", "en")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"


def bibtex(card: BriefingCard) -> str:
    """BibTeX: a `@techreport` whose institution is the site; each account one author, in braces (no first and
    last name to split)."""
    date = card.date
    authors = " and ".join("{" + _bibtex(author) + "}" for author in card.authors)
    fields = [("title", "{{" + _bibtex(card.title) + "}}"), ("author", "{" + authors + "}")]
    fields += [("institution", "{" + _bibtex(SITE_NAME) + "}"), ("year", f"{{{date.year}}}")]
    fields += [("month", MONTHS[date.month - 1]), ("url", "{" + _bibtex_url(page_url(card)) + "}")]
    fields += [("abstract", "{" + _bibtex(card.summary) + "}"), ("langid", "{english}")]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@techreport{{{card.slug},\n{body}\n}}\n"


WRITERS = {"json": csl_json, "ris": ris, "bib": bibtex}
"""How each format is written (the formats of `references.FORMATS`)."""
