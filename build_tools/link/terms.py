"""Linking the first mention of each glossary term, person and organisation in an article.

Aliases are found in the plain text of runs outside links and judged by the
matcher (`matcher`); the first occurrence that names its entry is linked, with the
entry's short definition as a tooltip and an anchor, so "Mentioned in" lists can
point at this very place. Given a log, every decision is written to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from build_tools import urls
from build_tools.entries import Entry
from build_tools.link.matcher import Context, Decision, Paragraph, TermMatcher
from build_tools.link.models import LinkDecision, Mention
from build_tools.link.tokens import LINK_DEPTH, archive_token, plain, plain_text, text_tokens

SNIPPET_CHARS = 90
"""Characters of context kept on each side of a mention."""


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
        self, slug: str, matcher: TermMatcher, context: Context, log: list[LinkDecision] | None = None
    ) -> None:
        self.page, self.slug, self.matcher, self.context, self.log = urls.article(slug), slug, matcher, context, log
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
        before, after = _clip_left(whole[:start]), _clip_right(whole[end:])
        self.found[key] = _Found(decision.entry, before, " ".join(decision.words.split()), after)
        return True

    def _link_tokens(self, term: Entry, words: str) -> list[Token]:
        href = urls.relative(self.page, urls.entry(term.section, term.id))
        opening = Token("link_open", "a", 1, attrs={"href": href, "title": term.short})  # escaped when written
        anchor = archive_token("{#" + urls.mention_anchor(term.section, term.id) + "}")  # attr_list syntax
        return [opening, *text_tokens(words), Token("link_close", "a", -1), anchor]


def _logged(decision: Decision, first: bool, whole: str, offset: int, line: int) -> LinkDecision:
    start, end = offset + decision.start, offset + decision.end
    outcome = "link" if first else "mention" if decision.counts else "no link"
    reason = decision.reason if first or not decision.counts else "already linked at its first mention"
    words = " ".join(decision.words.split())
    return LinkDecision(line + whole.count("\n", 0, start), decision.entry.key, words, outcome, reason,
                        sentence_around(whole, start, end))  # fmt: skip


_TITLES = "Gen|Brig|Lt|Col|Maj|Capt|Adm|Sgt|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec"
_ABBREVIATION = re.compile(rf"(?:\b[A-Z]\.|\b(?:{_TITLES})\.)$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds `start`..`end`, on one line."""
    first = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        if not _ABBREVIATION.search(text, 0, boundary.start() + 1):
            first = boundary.end()
    last = len(text)
    for boundary in _SENTENCE_END.finditer(text, end):
        if not _ABBREVIATION.search(text, 0, boundary.start() + 1):
            last = boundary.start() + 1
            break
    return " ".join(text[first:last].split())


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
