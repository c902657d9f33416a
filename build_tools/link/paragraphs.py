"""What linking looks up in one paragraph, once: its symbols, where each set of phrases occurs (by phrase
too), and each entry's first cue; and the sets of every entry's cues or `not:` phrases, with their owners.

One scan of a paragraph for all entries' cues, and one for all their `not:` phrases, serves every entry:
an entry then looks only at its own phrases (`Owned.of_entry`), so the work grows with the paragraph and
the entry's own phrases, never with the number of entries that share a cue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.entries import Alias
from build_tools.phrases import Match, PhraseSet, Spans, Style, Tokens, tokenize


@dataclass
class Paragraph:
    """The plain text of one paragraph (or of a title, summary or tag list), with what has been looked up in it."""

    text: str
    """What a reader sees of it."""
    found: dict[object, list[Match]] = field(default_factory=dict)
    """Where each phrase set already searched for occurs (by the set's id), every occurrence; and the part of
    them each entry owns (by the set's id and the entry's key)."""
    spans: dict[object, Spans] = field(default_factory=dict)
    """The same, indexed for containment and overlap."""
    cues: dict[str, str | None] = field(default_factory=dict)
    """The first cue of each entry (by its key) found here, once looked for."""
    firsts: dict[object, dict] = field(default_factory=dict)
    """Occurrences grouped by phrase, and each phrase's first outside other things' names, made once."""
    tokens: dict[int, Tokens] = field(default_factory=dict)
    """Its symbols in each style (by the style's id), made when first needed."""

    def tokenized(self, style: Style) -> Tokens:
        """Its symbols in `style`, made once."""
        if id(style) not in self.tokens:
            self.tokens[id(style)] = tokenize(self.text, style)
        return self.tokens[id(style)]

    def matches(self, phrases: PhraseSet) -> list[Match]:
        """Every occurrence of `phrases` here, looked up once."""
        if id(phrases) not in self.found:
            self.found[id(phrases)] = phrases.find_all(self.tokenized(phrases.style))
        return self.found[id(phrases)]

    def index(self, phrases: PhraseSet, phrase: int | None = None) -> Spans:
        """Where `phrases` occur here (or only `phrase`, as `find_all` reports it), indexed, made once: one scan
        of the paragraph serves every entry."""
        cached = (id(phrases), phrase)
        if cached not in self.spans:
            found = self.matches(phrases)
            self.spans[cached] = Spans(found if phrase is None else self._by_phrase(phrases).get(phrase, []))
        return self.spans[cached]

    def _by_phrase(self, phrases: PhraseSet) -> dict[int, list[Match]]:
        cached = ("by phrase", id(phrases))
        if cached not in self.firsts:
            grouped: dict[int, list[Match]] = {}
            for match in self.matches(phrases):
                grouped.setdefault(match.phrase, []).append(match)
            self.firsts[cached] = grouped
        return self.firsts[cached]

    def first_outside(self, phrases: PhraseSet, names: Spans) -> dict[int, Match]:
        """Each phrase's first occurrence here (leftmost, longest) that is not inside another thing's name."""
        cached = ("first outside", id(phrases))
        if cached not in self.firsts:
            firsts: dict[int, Match] = {}
            for match in self.matches(phrases):
                if match.phrase not in firsts and names.containing(match.start, match.end) is None:
                    firsts[match.phrase] = match
            self.firsts[cached] = firsts
        return self.firsts[cached]

    def words(self, match: Match) -> str:
        """The words of a match, on one line."""
        return " ".join(self.text[match.start : match.end].split())


@dataclass(frozen=True)
class Owned:
    """The phrases of every entry (all cues, or all `not:` phrases) in one set, with the entry each is of."""

    phrases: PhraseSet
    """The phrases."""
    of_entry: dict[str, tuple[int, ...]]
    """Each entry's phrases, as `find_all` reports them (phrases written alike are one)."""
    own: dict[tuple[str, int], Alias]
    """The entry's own phrase behind each of them (its line, for reasons)."""

    @classmethod
    def of(cls, pairs: list[tuple[str, Alias]]) -> Owned:
        phrases = phrase_set(tuple(phrase for _, phrase in pairs))
        of_entry: dict[str, dict[int, None]] = {}
        own: dict[tuple[str, int], Alias] = {}
        for index, (key, phrase) in enumerate(pairs):
            found = phrases.twins(index)[0]
            of_entry.setdefault(key, {})[found] = None
            own.setdefault((key, found), phrase)
        return cls(phrases, {key: tuple(found) for key, found in of_entry.items()}, own)


def phrase_set(phrases: tuple[Alias, ...]) -> PhraseSet:
    """Aliases, cues or exclusions, matched with their own case rules."""
    return PhraseSet([(phrase.text, phrase.exact_case) for phrase in phrases])
