"""Linking the first mention of each glossary term, person and organisation in an article.

Aliases are found in the plain text of runs outside links and judged by the
matcher (`matcher`); the first occurrence that names its entry is linked, with the
entry's short definition as a tooltip and an anchor, so "Mentioned in" lists can
point at this very place. Given a log, every decision is written to it.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from markdown_it.token import Token

from build_tools import urls
from build_tools.entries import Entry
from build_tools.link.matcher import Context, Decision, TermMatcher
from build_tools.link.models import LinkDecision, Mention
from build_tools.link.paragraphs import Paragraph
from build_tools.link.tokens import LINK_DEPTH, attribute_list, plain, plain_text, text_tokens

SNIPPET_CHARS = 90
"""Characters of context kept on each side of a mention."""
SENTENCE_CHARS = 300
"""At most this many characters of a mention's sentence are shown on each side of it (`links`)."""


@dataclass
class _Found:
    term: Entry
    before: str
    words: str
    after: str
    count: int = 1


class TermLinker:
    """Links one article's first mentions and counts the rest."""

    def __init__(
        self, slug: str, matcher: TermMatcher, context: Context, log: list[LinkDecision] | None = None,
        page: str | None = None,
    ) -> None:  # fmt: skip
        """`page`: the page the text is on (default: the article `slug`'s)."""
        self.page, self.slug, self.matcher = page or urls.article(slug), slug, matcher
        self.context, self.log = context, log
        self.found: dict[str, _Found] = {}

    def mentions(self) -> tuple[Mention, ...]:
        return tuple(
            Mention(f.term.key, self.slug, urls.mention_anchor(f.term.section, f.term.id), f.before, f.words, f.after,
                    f.count)
            for f in self.found.values()
        )  # fmt: skip

    def link_children(self, children: list[Token], line: int = 0) -> list[Token]:
        """Rewrite one paragraph's inline tokens (the paragraph starts on `line`); runs of text outside links
        are searched."""
        paragraph = Paragraph(plain_text(children))
        out: list[Token] = []
        run: list[Token] = []
        offset = link_depth = 0
        for child in children:
            if child.type in ("text", "softbreak") and link_depth == 0 and not child.meta.get("archive"):
                run.append(child)
                continue
            out += self._link_run(run, paragraph, offset, line)
            offset += len(plain_text(run)) + len(plain(child))
            run = []
            link_depth += LINK_DEPTH.get(child.type, 0)
            out.append(child)
        return out + self._link_run(run, paragraph, offset, line)

    def _link_run(self, run: list[Token], paragraph: Paragraph, offset: int, line: int) -> list[Token]:
        text = plain_text(run)
        out, position = [], 0
        for decision in self.matcher.judge(text, paragraph, offset, self.context) if text else ():
            first = decision.counts and position <= decision.start and self._record(decision, paragraph.text, offset)
            if self.log is not None:
                self.log.append(_logged(decision, first, paragraph.text, offset, line))
            if first:
                out += text_tokens(text[position : decision.start])
                out += self._link_tokens(decision.entry, decision.words)
                position = decision.end
        return out + text_tokens(text[position:]) if out else run

    def _record(self, decision: Decision, whole: str, offset: int) -> bool:
        """Count a mention; True when it is the first one of its entry."""
        key = decision.entry.key
        if key in self.found:
            self.found[key].count += 1
            return False
        start, end = offset + decision.start, offset + decision.end
        before, after = (
            _clip_left(whole[max(0, start - 2 * SNIPPET_CHARS) : start]),
            _clip_right(whole[end : end + 2 * SNIPPET_CHARS]),
        )
        self.found[key] = _Found(decision.entry, before, " ".join(decision.words.split()), after)
        return True

    def _link_tokens(self, term: Entry, words: str) -> list[Token]:
        target = urls.entry(term.section, term.id)
        attrs = {"href": urls.relative(self.page, target), "title": term.short}  # escaped when written
        opening = Token("link_open", "a", 1, attrs=attrs, meta={"target": target})
        anchor = attribute_list({"id": urls.mention_anchor(term.section, term.id)})
        return [opening, *text_tokens(words), Token("link_close", "a", -1), anchor]


def _logged(decision: Decision, first: bool, whole: str, offset: int, line: int) -> LinkDecision:
    start, end = offset + decision.start, offset + decision.end
    outcome = "link" if first else "mention" if decision.counts else "no link"
    reason = decision.reason if first or not decision.counts else "already linked at its first mention"
    words = " ".join(decision.words.split())
    return LinkDecision(line + _breaks_before(whole, start), decision.entry.key, words, outcome, reason,
                        sentence_around(whole, start, end))  # fmt: skip


def _breaks_before(text: str, offset: int) -> int:
    """How many line breaks `text` has before `offset` (its line breaks are found once per text)."""
    return bisect.bisect_left(_line_breaks(text), offset)


@functools.lru_cache(maxsize=16)
def _line_breaks(text: str) -> list[int]:
    return [match.start() for match in re.finditer("\n", text)]


_TITLES = "Gen|Brig|Lt|Col|Maj|Capt|Adm|Sgt|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec"
_ABBREVIATION = re.compile(rf"(?:\b[A-Z]\.|\b(?:{_TITLES})\.)$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
_LONGEST_TITLE = 8
"""Characters before a stop that are enough to tell an abbreviation ("Sept.") from the end of a sentence."""


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds `start`..`end`, on one line (the ends of `text`'s sentences are found
    once per text, so a paragraph with many mentions is read once)."""
    ends = _sentence_ends(text)
    before = bisect.bisect_right(ends, (start, -1)) - 1
    first = ends[before][1] if before >= 0 and ends[before][1] <= start else 0
    after = bisect.bisect_left(ends, (end, -1))
    last = ends[after][0] + 1 if after < len(ends) else len(text)
    before, behind = ("…" if first < start - SENTENCE_CHARS else ""), ("…" if last > end + SENTENCE_CHARS else "")
    first, last = max(first, start - SENTENCE_CHARS), min(last, end + SENTENCE_CHARS)
    return before + " ".join(text[first:last].split()) + behind


@functools.lru_cache(maxsize=16)
def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """(offset of the stop, offset of the next sentence) of every sentence end that is not an abbreviation."""
    return [
        (boundary.start(), boundary.end())
        for boundary in _SENTENCE_END.finditer(text)
        if not _ABBREVIATION.search(text, max(0, boundary.start() - _LONGEST_TITLE), boundary.start() + 1)
    ]


def _clip_left(text: str) -> str:
    text = text.replace("\n", " ")
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[-SNIPPET_CHARS:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


def _clip_right(text: str) -> str:
    text = text.replace("\n", " ")
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS]
    return cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"
