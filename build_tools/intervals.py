"""A date known only as lying between two dates: an EDTF interval (`2006-03-20/2006-03-21`).

`published:` (articles) and `date:` (timeline events) take either one date of known
precision (`values.PublishedDate`) or an interval of two, written in the Library of
Congress's Extended Date/Time Format, level 1: `start/end`, each end a date of known
precision (`2006-03-20/2006-03-21`, `2006-03/2006-04`, `2006/2007`), the start not after
the end (`load.edtf` checks it). Open (`..`) and unknown (empty) ends and the qualifiers
`?`, `~` and `%` are refused: what is uncertain is said in `date_note`.

A `DateInterval` answers what a `PublishedDate` answers, so most code reads either
without asking which it has. What every output does with an interval, decided here once:

- **Order** (the archive newest first, the timeline, the feeds): by start, then end
  (`sort_key`); a date sorts as the interval from it to itself, so before the intervals
  that start on it.
- **Labels** (article pages and cards, the home page, lists, the timeline): the ends
  joined by an en dash, with what they share written once: "20–21 March 2006",
  "30 March – 2 April 2006", "March–April 2006", "2006–2007", "30 December 2006 –
  2 January 2007". The dash is spaced when either side holds a space, and only then.
  `precision` is never "day", so an article page adds "(exact day not established)".
- **Years** (list pages by year, the timeline's year headings, related reading's
  nearby events): `year` is the start's year; an interval across years is listed under
  its first year, where its label shows both.
- **`iso`**: the EDTF form, `2006-03-20/2006-03-21`.
- **Ranges** where a format has them: CSL-JSON `issued` holds two `date-parts` (so the
  Chicago and APA texts print "March 20–21, 2006"). The .bib file gets no biblatex `date`
  range: Zotero's BibTeX import prefers `date`, and its parser long took an interval's
  first day for the date (see `render.references.bibtex`).
- **One date** where a format takes only one (Highwire `citation_publication_date` and
  `citation_date`, JSON-LD `datePublished`, RIS `PY`/`DA`, BibTeX `year`/`month`, the
  feeds' dates): `covering`, the most precise date that holds the whole interval
  (`2006-03-20/2006-03-21` gives `2006-03`, `2006-03/2006-04` gives `2006`), so no
  output claims more than is known. When the ends' years differ, no date holds it and
  the start's year stands in (`2006-12-30/2007-01-02` gives `2006`), the year it is
  listed under. The feeds date only a known day, so an interval's item has no date.
- **`lastmod`** (the sitemap): the end, the latest the page's content can date from.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.values import Precision, PublishedDate


@dataclass(frozen=True)
class DateInterval:
    """A date known to lie between two dates, both included (`start/end` in EDTF)."""

    start: PublishedDate
    """The earliest it can be, at its own precision."""
    end: PublishedDate
    """The latest it can be, at its own precision; never before `start`, never equal to it."""

    @property
    def ends(self) -> tuple[PublishedDate, PublishedDate]:
        """Start and end: what a range in CSL-JSON is made of."""
        return (self.start, self.end)

    @property
    def year(self) -> int:
        """The start's year: where lists by year put it."""
        return self.start.year

    @property
    def covering(self) -> PublishedDate:
        """The one date single-date outputs take: the most precise date holding the whole interval, or the
        start's year when the ends' years differ."""
        start, end = self.start, self.end
        if start.year == end.year and start.month is not None and start.month == end.month:
            return PublishedDate(start.year, start.month)
        return PublishedDate(start.year)

    @property
    def precision(self) -> Precision:
        """The precision of `covering`: month or year, never day."""
        return self.covering.precision

    @property
    def label(self) -> str:
        """The interval as readers see it: '20–21 March 2006', 'March–April 2006', '2006–2007'."""
        start, end = self.start, self.end
        if start.precision != end.precision or start.year != end.year or start.precision == "year":
            return _joined(start.label, end.label)
        if start.month == end.month:  # days of one month
            return f"{_joined(str(start.day), str(end.day))} {start.label.partition(' ')[2]}"
        year = f" {start.year}"
        return f"{_joined(start.label.removesuffix(year), end.label.removesuffix(year))}{year}"

    @property
    def iso(self) -> str:
        """The EDTF form: '2006-03-20/2006-03-21'."""
        return f"{self.start.iso}/{self.end.iso}"

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Orders by start, then end; a date (whose key is its start's) sorts before the intervals starting on it."""
        return (*self.start.sort_key, *self.end.sort_key)


def _joined(first: str, last: str) -> str:
    """Two ends joined by an en dash, spaced when either holds a space."""
    return f"{first} – {last}" if " " in first + last else f"{first}–{last}"


Dated = PublishedDate | DateInterval
"""What `published:` and an event's `date:` hold."""
