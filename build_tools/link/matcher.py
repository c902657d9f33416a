"""Which entry an alias names, and whether it names it here.

Every alias of every entry is one alternation, longest first, matched as whole words.
Each occurrence is then judged: an alias inside one of its entry's exclusions
(`not:`) is another thing's name; a weak alias counts only where one of the entry's
cues appears in the same paragraph or in the article's title, summary or tags; and
the article's own rules (`links:` in its front matter) skip a phrase or link it to a
given entry. Every decision keeps its reason, for `python -m build_tools links`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from build_tools.entries import Alias, Entry, entry_keys
from build_tools.models import Article, LinkRule
from build_tools.text import any_phrase, is_acronym, normalize, phrase_pattern, whole_words


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
class Context:
    """What an article says about linking, besides its paragraphs: where else cues count, and its own rules."""

    places: tuple[tuple[str, Paragraph], ...] = ()
    """(name, text) of the title, summary and tags, where a cue counts for the whole article."""
    skips: tuple[tuple[re.Pattern[str], LinkRule], ...] = ()
    """Phrases the article never links."""
    links: tuple[tuple[re.Pattern[str], LinkRule, Entry], ...] = ()
    """Phrases the article links to a given entry."""


Spans = list[tuple[tuple[int, int], str]]
"""Where a pattern occurs in a text: each (start, end) with the words, on one line."""


@dataclass
class Paragraph:
    """The plain text of one paragraph (or of a title, summary or tag list), with what has been looked up in it."""

    text: str
    """What a reader sees of it."""
    found: dict[re.Pattern[str], Spans] = field(default_factory=dict)
    """Where each cue, exclusion or skip pattern already searched for occurs."""


@dataclass(frozen=True)
class _Sense:
    cues: re.Pattern[str] | None
    exclusions: tuple[tuple[re.Pattern[str], Alias], ...]
    cue_words: str


def compile_phrase(phrase: Alias | LinkRule) -> re.Pattern[str]:
    """A phrase matched as aliases are: whole words, any dash or whitespace, case as declared."""
    if isinstance(phrase, Alias):
        return any_phrase([(phrase.text, phrase.exact_case)])  # type: ignore[return-value]
    return any_phrase([(phrase.words, is_acronym(phrase.words))])  # type: ignore[return-value]


@dataclass(frozen=True)
class TermMatcher:
    """Finds aliases in plain text and judges each occurrence."""

    pattern: re.Pattern[str]
    """One alternation of every alias, longest first."""
    exact: dict[str, tuple[Entry, Alias]]
    """Aliases that match only as written."""
    folded: dict[str, tuple[Entry, Alias]]
    """Other aliases, keyed by case-folded text."""
    patterns: tuple[tuple[re.Pattern[str], Entry, Alias], ...]
    """Each alias's own pattern: for words the regex's case rules match but case-folding does not
    (the dotless ı of 'wartıme' matches 'i')."""
    senses: dict[str, _Sense]
    """Each entry's cues and exclusions, compiled, by key."""
    entries: dict[str, Entry]
    """Every entry, by key."""
    names: re.Pattern[str] | None = None
    """Every entry's `not:` phrases together: the names of other things, inside which no cue counts."""

    def alias_for(self, words: str) -> tuple[Entry, Alias]:
        """The entry and alias that `words`, matched by `pattern`, are."""
        key = normalize(words)
        found = self.exact.get(key) or self.folded.get(key.casefold())
        return found or next((entry, alias) for pattern, entry, alias in self.patterns if pattern.fullmatch(words))

    def context(self, article: Article) -> Context:
        """Where cues count for `article`, and its own rules compiled (rules naming unknown entries left out)."""
        texts = (("title", article.title), ("summary", article.summary), ("tags", " ".join(article.tags)))
        places = tuple((name, Paragraph(text)) for name, text in texts)
        skips = tuple((compile_phrase(rule), rule) for rule in article.links if rule.entry is None)
        links = tuple(
            (compile_phrase(rule), rule, entry)
            for rule in article.links
            if rule.entry is not None and (entry := self.entry(rule.entry)) is not None
        )
        return Context(places, skips, links)

    def entry(self, reference: str) -> Entry | None:
        """The entry `cfc` or `glossary/cfc` names, if there is one."""
        return next((self.entries[key] for key in entry_keys(reference) if key in self.entries), None)

    def judge(self, run: str, paragraph: Paragraph, offset: int, context: Context) -> list[Decision]:
        """Every occurrence in `run` (which starts at `offset` in `paragraph`), in order, with its verdict."""
        forced = list(_forced(run, context))
        decisions = [*forced]
        position = 0
        while match := self.pattern.search(run, position):
            decisions += self._judge_at(run, match, paragraph, offset, context, forced)
            last = decisions[-1]
            position = last.end if last.counts else last.start + 1
        return sorted(decisions, key=lambda d: (d.start, -d.end))

    def _judge_at(
        self, run: str, match: re.Match[str] | None, paragraph: Paragraph, offset: int, context: Context,
        forced: list[Decision],
    ) -> list[Decision]:  # fmt: skip
        """The alias `match` found, then while refused each shorter one at the same place ("ROK" of a refused
        "ROK-US Combined Forces Command"), until one counts."""
        decisions: list[Decision] = []
        while match is not None:
            decisions.append(self._decide(match, paragraph, offset, context, forced))
            match = None if decisions[-1].counts else self._shorter(run, match)
        return decisions

    def _shorter(self, run: str, match: re.Match[str]) -> re.Match[str] | None:
        """The next shorter alias starting where `match` does, as whole words, if there is one."""
        limit = match.end() - 1
        while limit > match.start() and (shorter := self.pattern.match(run, match.start(), limit)):
            if shorter.end() == len(run) or not (run[shorter.end()].isalnum() or run[shorter.end()] == "_"):
                return shorter
            limit = shorter.end() - 1
        return None

    def keys_in(self, text: str, context: Context) -> tuple[str, ...]:
        """Keys of the entries `text` mentions, in order of first mention."""
        decisions = self.judge(text, Paragraph(text), 0, context)
        return tuple(dict.fromkeys(d.entry.key for d in decisions if d.counts))

    def _decide(
        self, match: re.Match[str], paragraph: Paragraph, offset: int, context: Context, forced: list[Decision]
    ) -> Decision:
        entry, alias = self.alias_for(match.group())
        start, end = match.start(), match.end()
        verdict = _overridden(start, end, forced) or _skipped(offset + start, offset + end, paragraph, context)
        verdict = verdict or self._excluded(entry, offset + start, offset + end, paragraph)
        if verdict is None:
            verdict = self._cued(entry, paragraph, context) if alias.weak else (True, "alias")
        return Decision(entry, start, end, match.group(), *verdict)

    def _excluded(self, entry: Entry, start: int, end: int, paragraph: Paragraph) -> tuple[bool, str] | None:
        for pattern, phrase in self.senses[entry.key].exclusions:
            for span, words in _spans(paragraph, pattern):
                if span[0] <= start and end <= span[1]:
                    return False, f"inside “{words}”, excluded by `not: {phrase.text}` ({entry.file}:{phrase.line})"
        return None

    def _cued(self, entry: Entry, paragraph: Paragraph, context: Context) -> tuple[bool, str]:
        sense = self.senses[entry.key]
        for place, text in (("paragraph", paragraph), *context.places):
            cue = self._cue_in(sense, text)
            if cue:
                return True, f"weak alias; cue “{cue}” in the {place}"
        return False, f"weak alias, no cue in the paragraph, title, summary or tags (cues: {sense.cue_words})"

    def _cue_in(self, sense: _Sense, text: Paragraph) -> str | None:
        """The first cue in `text` that is not part of another thing's name ("CFC" in "CFC-A")."""
        if sense.cues is None:
            return None
        names = [span for span, _ in _spans(text, self.names)] if self.names else []
        for (start, end), words in _spans(text, sense.cues):
            if not any(first <= start and end <= last for first, last in names):
                return words
        return None


def _spans(paragraph: Paragraph, pattern: re.Pattern[str]) -> Spans:
    """Where `pattern` occurs in the paragraph, looked up once."""
    found = paragraph.found.get(pattern)
    if found is None:
        found = paragraph.found[pattern] = [
            (m.span(), " ".join(m.group().split())) for m in pattern.finditer(paragraph.text)
        ]
    return found


def _forced(run: str, context: Context) -> Iterator[Decision]:
    """The article's own `link` phrases in `run`, none overlapping another."""
    taken: list[tuple[int, int]] = []
    matches = [(m, rule, entry) for pattern, rule, entry in context.links for m in pattern.finditer(run)]
    for match, rule, entry in sorted(matches, key=lambda found: (found[0].start(), -found[0].end())):
        if all(match.end() <= start or end <= match.start() for start, end in taken):
            taken.append(match.span())
            reason = f"the article links “{rule.words}” to {entry.key} (line {rule.line})"
            yield Decision(entry, match.start(), match.end(), match.group(), True, reason)


def _overridden(start: int, end: int, forced: list[Decision]) -> tuple[bool, str] | None:
    for decision in forced:
        if decision.start < end and start < decision.end:
            return False, f"overlaps “{' '.join(decision.words.split())}”, which the article links itself"
    return None


def _skipped(start: int, end: int, paragraph: Paragraph, context: Context) -> tuple[bool, str] | None:
    for pattern, rule in context.skips:
        for span, _ in _spans(paragraph, pattern):
            if span[0] < end and start < span[1]:
                return False, f"skipped by the article's `links: skip: {rule.words}` (line {rule.line})"
    return None


def build_matcher(entries: tuple[Entry, ...]) -> TermMatcher:
    """Compile every alias, cue and exclusion of every entry."""
    exact, folded, parts = {}, {}, []
    aliases = [(alias, entry) for entry in entries for alias in entry.aliases]
    for alias, entry in sorted(aliases, key=lambda pair: (-len(pair[0].text), pair[0].text)):
        parts.append((phrase_pattern(alias.text, alias.exact_case), entry, alias))
        table = exact if alias.exact_case else folded
        table[normalize(alias.text) if alias.exact_case else normalize(alias.text).casefold()] = (entry, alias)
    pattern = whole_words("|".join(part for part, _, _ in parts)) if parts else r"(?!x)x"
    names = any_phrase((p.text, p.exact_case) for entry in entries for p in entry.sense.exclusions)
    return TermMatcher(
        re.compile(pattern), exact, folded, tuple((re.compile(p), e, a) for p, e, a in parts),
        {entry.key: _sense(entry) for entry in entries}, {entry.key: entry for entry in entries}, names,
    )  # fmt: skip


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


def _sense(entry: Entry) -> _Sense:
    cues = entry.sense.cues
    pattern = any_phrase((cue.text, cue.exact_case) for cue in cues)
    exclusions = tuple((compile_phrase(phrase), phrase) for phrase in entry.sense.exclusions)
    return _Sense(pattern, exclusions, ", ".join(cue.text for cue in cues) or "none")
