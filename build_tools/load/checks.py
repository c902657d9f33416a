"""Rules across entries and files: references name something that exists, aliases name one entry.

References are checked against the names the sources define (`Name`), valid or
not: an entry with a problem is reported once, and what refers to it is not.
"""

from __future__ import annotations

from collections.abc import Iterable

from build_tools.config import GLOSSARY_FILE, PEOPLE_FILE, TIMELINE_FILE
from build_tools.errors import Report
from build_tools.load.kinds import Where
from build_tools.load.registers import Registers
from build_tools.models import Entity, Entry, Event, Name, Term
from build_tools.text import normalize


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


def check_references(registers: Registers, names: Iterable[Name], report: Report) -> None:
    """Every cross-file rule, each problem reported at the line that breaks it."""
    known = Known(names, registers.unreadable)
    check_related(registers.terms, known, Where(GLOSSARY_FILE, report))
    check_entities(registers.entities, known, Where(PEOPLE_FILE, report))
    check_aliases((*registers.terms, *registers.entities), report)
    check_events(registers.events, known, Where(TIMELINE_FILE, report))


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
    """An alias names one entry only, across the glossary and people.yml."""
    owner: dict[str, Entry] = {}
    for entry in entries:
        for item in entry.aliases:
            first = owner.setdefault(normalize(item.text).casefold(), entry)
            if first is not entry:
                message = f"alias {item.text!r} of {entry.key!r} is already an alias of {first.key!r}"
                report.add(entry.file, entry.line, message, "an alias may name only one entry; remove one of them")


def check_events(events: tuple[Event, ...], known: Known, where: Where) -> None:
    """Unique ids; every entry and article an event names exists."""
    first: dict[str, int] = {}
    for event in events:
        if first.setdefault(event.id, event.line) != event.line:
            where.error(event.line, f"duplicate event id {event.id!r} (first on line {first[event.id]})")
        for key in event.keys:
            if key not in known:
                section, entry_id = key.split("/")
                where.error(event.line, f"event {event.id!r}: unknown {section} entry {entry_id!r}")
        for slug in event.articles:
            if f"articles/{slug}" not in known:
                where.error(event.line, f"event {event.id!r}: unknown article {slug!r}")
