"""Rules across entries and files: references name something that exists, aliases name one entry, and
what tells an entry's mentions apart (weak aliases, cues, exclusions) can work.

References are checked against the names the sources define (`Name`), valid or
not: an entry with a problem is reported once, and what refers to it is not.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from build_tools.config import GLOSSARY_FILE, MAX_NESTED_PHRASES, PEOPLE_FILE, TIMELINE_FILE
from build_tools.entries import Alias, Entity, Entry, Term, entry_keys
from build_tools.errors import Report
from build_tools.load.kinds import Where
from build_tools.load.registers import Registers
from build_tools.models import Article, Event, Name
from build_tools.phrases import PhraseSet, tokenize
from build_tools.text import is_acronym, name_key, normalize
from build_tools.values import PlainText

PUBLICATION_PREFIX = "article-"
"""How the id of an article's publication on the timeline begins (`load.publication_event`): no other event's may."""


class Known:
    """What references may name: every name the sources define, and anything in a section whose
    file could not be read at all (which ids it defines is unknown, so no reference into it is wrong)."""

    def __init__(self, names: Iterable[Name], unreadable: frozenset[str]) -> None:
        self.keys = {name.key for name in names}
        self.unreadable = unreadable

    def __contains__(self, key: str) -> bool:
        return key in self.keys or key.split("/", 1)[0] in self.unreadable

    def ids(self, section: str) -> list[str]:
        return sorted(key.split("/", 1)[1] for key in self.keys if key.startswith(f"{section}/"))


def check_references(
    registers: Registers, names: Iterable[Name], report: Report, articles: Iterable[Article] = ()
) -> None:
    """Every cross-file rule, each problem reported at the line that breaks it."""
    known = Known(names, registers.unreadable)
    check_related(registers.terms, known, Where(GLOSSARY_FILE, report))
    check_entities(registers.entities, known, Where(PEOPLE_FILE, report))
    check_aliases((*registers.terms, *registers.entities), report)
    check_senses((*registers.terms, *registers.entities), report)
    check_events(registers.events, known, Where(TIMELINE_FILE, report))
    for article in articles:
        check_link_rules(article, known, Where(article.path, report))


def check_related(terms: tuple[Term, ...], known: Known, where: Where) -> None:
    """A term's related terms exist, and are other terms."""
    ids = known.ids("glossary")
    for entry in terms:
        for other in entry.related:
            if f"glossary/{other}" not in known or other == entry.id:
                hint = f"known: {', '.join(ids)}"
                where.error(entry.line, f"term {entry.id!r}: unknown related term {other!r}", hint)


def check_entities(entities: tuple[Entity, ...], known: Known, where: Where) -> None:
    """Roles are about real articles; every entry is backed by a source or by the articles' own words."""
    for entity in entities:
        for role in entity.roles:
            if f"articles/{role.article}" not in known:
                message = f"{entity.id!r}: role for unknown article {role.article!r}"
                where.error(entity.line, message, "use the article's file name without .md")
        if not entity.sources and not entity.roles:
            hint = "add a source, or the role the article itself gives"
            where.error(entity.line, f"{entity.id!r} has neither sources nor roles", hint)


def check_aliases(entries: tuple[Entry, ...], report: Report) -> None:
    """An alias is listed once, and no two entries share a name: not an alias, a name, an expansion or a
    Korean name, compared as a reader's search compares them (`text.name_key`: ＯＰＣＯＮ is OPCON)."""
    owner: dict[str, tuple[Entry, str, str]] = {}
    for entry in entries:
        seen: set[str] = set()
        for item in entry.aliases:
            key = normalize(item.text).casefold()
            if key in seen:
                hint = "list it once: under aliases (always linked) or weak_aliases (linked near a cue)"
                report.add(
                    entry.file, item.line or entry.line, f"alias {item.text!r} of {entry.key!r} is listed twice", hint
                )
            seen.add(key)
        for what, words in _names(entry):
            first = owner.setdefault(name_key(words), (entry, words, what))
            if first[0] is not entry:
                _report_shared(entry, what, words, first, report)
    owners = [(entry, alias) for entry in entries for alias in entry.aliases]
    where = {index: (entry.file, alias.line or entry.line) for index, (entry, alias) in enumerate(owners)}
    check_nesting([alias for _, alias in owners], "aliases", where, report)


def check_nesting(phrases: list[Alias], what: str, where: dict[int, tuple[str, int]], report: Report) -> None:
    """No more than `MAX_NESTED_PHRASES` of a set of phrases may end at one place, one within another: each place
    of every text would cost that many (`phrases.PhraseSet`). Reported at the first phrase of the longest chain."""
    if len(phrases) <= MAX_NESTED_PHRASES:  # so few cannot nest deeper (most articles have no rules at all)
        return
    found = PhraseSet([(phrase.text, phrase.exact_case) for phrase in phrases])
    if found.nesting <= MAX_NESTED_PHRASES:
        return
    chain = found.deepest()
    shown = ", ".join(f"“{phrases[index].text}”" for index in chain[:3])
    message = f"more than {MAX_NESTED_PHRASES} {what} end one within another at one place ({shown}, …)"
    report.add(*where[chain[0]], message, "no text needs so many: remove those that a longer one holds")


def _names(entry: Entry) -> list[tuple[str, str]]:
    """(what, words) of every name readers may search an entry by."""
    found = [("alias", alias.text) for alias in entry.aliases] + [("name", entry.name)]
    if isinstance(entry, Term):
        found += [("expansion", entry.expansion)] if entry.expansion else []
        found += [("Korean name", entry.korean.split(" (")[0])] if entry.korean else []
    return found


def _report_shared(entry: Entry, what: str, words: str, first: tuple[Entry, str, str], report: Report) -> None:
    """Two entries answer to one name: both named, at the later one's line."""
    other, other_words, other_what = first
    if what == other_what == "alias" and normalize(words).casefold() == normalize(other_words).casefold():
        message = f"alias {words!r} of {entry.key!r} is already an alias of {other.key!r}"
    else:
        where = f"{other.file}:{other.line}"
        message = f"{what} {words!r} of {entry.key!r} reads as {other_what} {other_words!r} of {other.key!r} ({where})"
    hint = "a name may name only one entry (look-alikes such as full-width letters count as the same): change one"
    report.add(entry.file, entry.line, message, hint)


_SENSE_FIELDS = {"cues": "cues", "`not:` phrases": "exclusions"}


def check_senses(entries: tuple[Entry, ...], report: Report) -> None:
    """Weak aliases have cues and cues have weak aliases; each exclusion holds an alias it can block; every
    entry's cues together, and every entry's exclusions, nest within the limit (linking looks for each set in
    one pass)."""
    for what in ("cues", "`not:` phrases"):
        found = [(entry, phrase) for entry in entries for phrase in getattr(entry.sense, _SENSE_FIELDS[what])]
        lines = {index: (entry.file, phrase.line or entry.line) for index, (entry, phrase) in enumerate(found)}
        check_nesting([phrase for _, phrase in found], what, lines, report)
    for entry in entries:
        where, sense = Where(entry.file, report), entry.sense
        weak = [alias for alias in entry.aliases if alias.weak]
        if weak and not sense.cues:
            hint = "add `cues:` with words that show the entry is meant (e.g. Korea, ROK, Seoul), or make it strong"
            where.error(weak[0].line, f"{entry.key}: weak alias {weak[0].text!r} has no cues to link by", hint)
        if sense.cues and not weak:
            hint = "cues decide only where weak aliases link: add `weak_aliases:` or remove `cues:`"
            where.error(sense.cues[0].line, f"{entry.key} has cues but no weak alias", hint)
        aliases = PhraseSet([(alias.text, alias.exact_case) for alias in entry.aliases])
        for phrase in sense.exclusions:
            if any(normalize(alias.text).casefold() == normalize(phrase.text).casefold() for alias in entry.aliases):
                hint = "write the longer name that holds it, or remove the alias if it never means this entry"
                where.error(phrase.line, f"{entry.key}: `not:` phrase {phrase.text!r} is one of its aliases", hint)
            elif not aliases.search(tokenize(phrase.text)):
                hint = "write the longer name that holds an alias, e.g. `Combined Forces Command-Afghanistan`"
                where.error(phrase.line, f"{entry.key}: `not:` phrase {phrase.text!r} holds none of its aliases", hint)


def check_link_rules(article: Article, known: Known, where: Where) -> None:
    """Each entry an article's `links:` names exists, and only once; the rules' words nest within the limit."""
    skips = [rule for rule in article.links if rule.entry is None]
    links = [rule for rule in article.links if rule.entry is not None]
    for kind, rules in (("skip", skips), ("link", links)):
        phrases = [Alias(PlainText(rule.words), is_acronym(rule.words)) for rule in rules]
        lines = {index: (article.path, rule.line) for index, rule in enumerate(rules)}
        check_nesting(phrases, f"`links: {kind}:` phrases", lines, where.report)
    for rule in article.links:
        if rule.entry is None:
            continue
        found = [key for key in entry_keys(rule.entry) if key in known]
        if not found:
            close = difflib.get_close_matches(rule.entry, sorted(k.split("/", 1)[1] for k in known.keys), n=3)
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else "use the id of a glossary term, person or organisation"
            )
            where.error(rule.line, f"links: unknown entry {rule.entry!r} for “{rule.words}”", hint)
        elif len(found) > 1:
            hint = f"write one of {', '.join(found)}"
            where.error(rule.line, f"links: {rule.entry!r} names more than one entry", hint)


def check_events(events: tuple[Event, ...], known: Known, where: Where) -> None:
    """Unique ids, none of the form the build gives an article's publication (`article-<slug>`); every entry and
    article an event names exists."""
    first: dict[str, int] = {}
    for event in events:
        if first.setdefault(event.id, event.line) != event.line:
            where.error(event.line, f"duplicate event id {event.id!r} (first on line {first[event.id]})")
        if event.id.startswith(PUBLICATION_PREFIX):
            hint = f"choose an id that does not begin with {PUBLICATION_PREFIX!r}"
            where.error(event.line, f"event id {event.id!r} is reserved for articles' publications", hint)
        for key in event.keys:
            if key not in known:
                section, entry_id = key.split("/")
                where.error(event.line, f"event {event.id!r}: unknown {section} entry {entry_id!r}")
        for slug in event.articles:
            if f"articles/{slug}" not in known:
                where.error(event.line, f"event {event.id!r}: unknown article {slug!r}")
