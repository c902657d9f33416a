"""Which entry an alias names, and whether it names it here.

Every alias of every entry is one phrase set (`build_tools.phrases`: whole words, found
in time linear in the text whatever the aliases are); at each place the longest alias
found is judged first. An alias inside one of its entry's exclusions (`not:`) is
another thing's name; a weak alias counts only where one of the entry's cues appears
in the same paragraph or in the article's title, summary or tags; and the article's
own rules (`links:` in its front matter) skip a phrase or link it to a given entry.
When the longest alias at a place is refused, the next shorter one starting there is
judged ("ROK" of a refused "ROK-US Combined Forces Command"). Every decision keeps its
reason, for `python -m build_tools links`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from build_tools.entries import Alias, Entry, entry_keys
from build_tools.link.paragraphs import Owned, Paragraph, phrase_set
from build_tools.models import Article, Briefing, LinkRule
from build_tools.phrases import LINKING, Match, PhraseSet, Spans, Tokens, leftmost_longest, tokenize
from build_tools.text import is_acronym


@dataclass(frozen=True)
class Decision:
    """One occurrence of an alias (or of an article's own phrase) and whether it names its entry there."""

    entry: Entry
    """The entry the words would name."""
    start: int
    """Offset of the words in the run of text judged."""
    end: int
    """Offset just past them."""
    words: str
    """The words as written (line breaks kept)."""
    counts: bool
    """True when the words name the entry here (only its first mention is linked)."""
    reason: str
    """Why, in words: "alias", "weak alias; cue “Korea” in the paragraph", "inside “…”, excluded by…"."""


@dataclass(frozen=True)
class Rules:
    """An article's own phrases (`links: skip:` or `links: link:`), found together."""

    phrases: PhraseSet
    """Every phrase of the rules, in the rules' order."""
    rules: tuple[tuple[LinkRule, Entry | None], ...]
    """Each rule, and the entry it links to (None for a skip)."""


NO_RULES = Rules(PhraseSet(()), ())


def rules_of(pairs: list[tuple[LinkRule, Entry | None]]) -> Rules:
    """Rules matched as aliases are: whole words, any dash or spacing, in capitals only when written so."""
    return Rules(PhraseSet([(rule.words, is_acronym(rule.words)) for rule, _ in pairs]), tuple(pairs))


@dataclass(frozen=True)
class Context:
    """What an article says about linking, besides its paragraphs: where else cues count, and its own rules."""

    places: tuple[tuple[str, Paragraph], ...] = ()
    """(name, text) of the title, summary and tags, where a cue counts for the whole article."""
    skips: Rules = NO_RULES
    """Phrases the article never links."""
    links: Rules = NO_RULES
    """Phrases the article links to a given entry."""


@dataclass(frozen=True)
class TermMatcher:
    """Finds aliases in plain text and judges each occurrence."""

    aliases: PhraseSet
    """Every alias of every entry."""
    owners: tuple[tuple[Entry, Alias], ...]
    """The entry and alias of each phrase of `aliases`."""
    cues: Owned
    """Every entry's cues."""
    names: Owned
    """Every entry's `not:` phrases: the names of other things, inside which neither an alias of the entry nor
    any cue counts."""
    entries: dict[str, Entry]
    """Every entry, by key."""

    def context(self, article: Article | Briefing) -> Context:
        """Where cues count for `article` (or a briefing), and its own rules (rules naming unknown entries left
        out; a briefing has none)."""
        texts = (("title", article.title), ("summary", article.summary), ("tags", " ".join(article.tags)))
        places = tuple((name, Paragraph(text)) for name, text in texts)
        if isinstance(article, Briefing):
            return Context(places)
        skips = [(rule, None) for rule in article.links if rule.entry is None]
        links = [
            (rule, entry)
            for rule in article.links
            if rule.entry is not None and (entry := self.entry(rule.entry)) is not None
        ]
        return Context(places, rules_of(skips), rules_of(links))

    def entry(self, reference: str) -> Entry | None:
        """The entry `cfc` or `glossary/cfc` names, if there is one."""
        return next((self.entries[key] for key in entry_keys(reference) if key in self.entries), None)

    def judge(self, run: str, paragraph: Paragraph, offset: int, context: Context) -> list[Decision]:
        """Every occurrence in `run` (which starts at `offset` in `paragraph`), in order, with its verdict:
        at each place the longest alias first, then, while refused, each shorter one starting there."""
        tokens = paragraph.tokenized(LINKING) if offset == 0 and run == paragraph.text else tokenize(run)
        forced = list(_forced(run, tokens, context))
        decisions, taken = [*forced], Spans(forced)
        position = 0
        for start, here in itertools.groupby(self.aliases.find_all(tokens), key=lambda match: match.start):
            if start < position:
                continue
            for match in here:
                decisions.append(self._decide(run, match, paragraph, offset, context, taken))
                if decisions[-1].counts:
                    position = match.end
                    break
        return sorted(decisions, key=lambda d: (d.start, -d.end))

    def keys_in(self, text: str, context: Context) -> tuple[str, ...]:
        """Keys of the entries `text` mentions, in order of first mention."""
        decisions = self.judge(text, Paragraph(text), 0, context)
        return tuple(dict.fromkeys(d.entry.key for d in decisions if d.counts))

    def _decide(
        self, run: str, match: Match, paragraph: Paragraph, offset: int, context: Context, forced: Spans
    ) -> Decision:
        entry, alias = self.owners[match.phrase]
        start, end = match.start, match.end
        verdict = _overridden(start, end, forced) or _skipped(offset + start, offset + end, paragraph, context)
        verdict = verdict or self._excluded(entry, offset + start, offset + end, paragraph)
        if verdict is None:
            verdict = self._cued(entry, paragraph, context) if alias.weak else (True, "alias")
        return Decision(entry, start, end, run[start:end], *verdict)

    def _excluded(self, entry: Entry, start: int, end: int, paragraph: Paragraph) -> tuple[bool, str] | None:
        for found_as in self.names.of_entry.get(entry.key, ()):
            found = paragraph.index(self.names.phrases, found_as).containing(start, end)
            if isinstance(found, Match):
                phrase = self.names.own[entry.key, found_as]
                words = paragraph.words(found)
                return False, f"inside “{words}”, excluded by `not: {phrase.text}` ({entry.file}:{phrase.line})"
        return None

    def _cued(self, entry: Entry, paragraph: Paragraph, context: Context) -> tuple[bool, str]:
        for place, text in (("paragraph", paragraph), *context.places):
            cue = self._cue_in(entry, text)
            if cue:
                return True, f"weak alias; cue “{cue}” in the {place}"
        cue_words = ", ".join(cue.text for cue in entry.sense.cues) or "none"
        return False, f"weak alias, no cue in the paragraph, title, summary or tags (cues: {cue_words})"

    def _cue_in(self, entry: Entry, text: Paragraph) -> str | None:
        """The first of the entry's cues in `text` that is not part of another thing's name ("CFC" in "CFC-A"),
        looked for once per paragraph and entry."""
        if entry.key not in text.cues:
            text.cues[entry.key] = self._first_cue(entry, text)
        return text.cues[entry.key]

    def _first_cue(self, entry: Entry, text: Paragraph) -> str | None:
        """Of the entry's cues, the one found first in `text` outside every other thing's name."""
        firsts = text.first_outside(self.cues.phrases, text.index(self.names.phrases))
        found = [firsts[cue] for cue in self.cues.of_entry.get(entry.key, ()) if cue in firsts]
        return text.words(min(found, key=lambda match: (match.start, -match.end))) if found else None


def _forced(run: str, tokens: Tokens, context: Context) -> Iterator[Decision]:
    """The article's own `link` phrases in `run`, none overlapping another."""
    for match in leftmost_longest(context.links.phrases.find_all(tokens) if context.links.rules else []):
        rule, entry = context.links.rules[match.phrase]
        reason = f"the article links “{rule.words}” to {entry.key} (line {rule.line})"
        yield Decision(entry, match.start, match.end, run[match.start : match.end], True, reason)  # type: ignore[union-attr]


def _overridden(start: int, end: int, forced: Spans) -> tuple[bool, str] | None:
    decision = forced.overlapping(start, end)
    if isinstance(decision, Decision):
        return False, f"overlaps “{' '.join(decision.words.split())}”, which the article links itself"
    return None


def _skipped(start: int, end: int, paragraph: Paragraph, context: Context) -> tuple[bool, str] | None:
    if not context.skips.rules:
        return None
    match = paragraph.index(context.skips.phrases).overlapping(start, end)
    if not isinstance(match, Match):
        return None
    rule, _ = context.skips.rules[match.phrase]
    return False, f"skipped by the article's `links: skip: {rule.words}` (line {rule.line})"


def build_matcher(entries: tuple[Entry, ...]) -> TermMatcher:
    """Every alias, cue and exclusion of every entry, ready to be found: one set of each."""
    owners = tuple((entry, alias) for entry in entries for alias in entry.aliases)
    cues = Owned.of([(entry.key, cue) for entry in entries for cue in entry.sense.cues])
    names = Owned.of([(entry.key, phrase) for entry in entries for phrase in entry.sense.exclusions])
    return TermMatcher(
        phrase_set(tuple(alias for _, alias in owners)), owners, cues, names, {entry.key: entry for entry in entries}
    )


def signature(entries: tuple[Entry, ...]) -> tuple:
    """Everything linking reads of the entries: keys, one-sentence definitions (the links' tooltips),
    aliases, cues and exclusions, without their lines. Articles linked with entries of the same
    signature are linked the same, so an edit to a definition, sources or a line's place in the
    file does not link every article again (`mkdocs serve`). Only the decisions' reasons (for
    `python -m build_tools links`, which builds its own matcher) name files and lines."""
    return tuple(
        (entry.key, entry.short, _phrases(entry.aliases), _phrases(entry.sense.cues), _phrases(entry.sense.exclusions))
        for entry in entries
    )


def _phrases(phrases: tuple[Alias, ...]) -> tuple:
    """Aliases, cues or exclusions as matching reads them: words, case and weakness, not lines."""
    return tuple((phrase.text, phrase.exact_case, phrase.weak) for phrase in phrases)
