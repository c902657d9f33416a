"""Reading the registers: the glossary, people and organisations, and the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.config import GLOSSARY_FILE, PEOPLE_FILE, TIMELINE_FILE
from build_tools.entries import Entity, Term
from build_tools.errors import Report
from build_tools.load.articles import is_slug
from build_tools.load.fields import GLOSSARY_FILE as GLOSSARY_FIELDS
from build_tools.load.fields import PEOPLE_FILE as PEOPLE_FIELDS
from build_tools.load.fields import TIMELINE_FILE as TIMELINE_FIELDS
from build_tools.load.files import read_data_file
from build_tools.load.kinds import Field, Where
from build_tools.load.shapes import read_fields
from build_tools.load.strict_yaml import YamlList, YamlMap
from build_tools.models import Event, Name, Tag


@dataclass(frozen=True)
class Registers:
    """What the three register files hold."""

    terms: tuple[Term, ...]
    """Glossary entries that are valid."""
    entities: tuple[Entity, ...]
    """People, then organisations, that are valid."""
    events: tuple[Event, ...]
    """Timeline events that are valid."""
    names: tuple[Name, ...]
    """Every term, person and organisation id the files define, valid or not."""
    unreadable: frozenset[str] = frozenset()
    """Sections whose ids could not be read at all (a YAML error): references into them are not checked."""
    tags: tuple[Tag, ...] = ()
    """The `tags:` register of glossary.yml: each tag's label."""
    tags_unread: bool = False
    """Whether glossary.yml has a problem, so its tags are not all known: articles' tags are then not checked."""


def read_registers(root: Path, report: Report) -> Registers:
    """Read glossary.yml, people.yml (optional) and timeline.yml (optional)."""
    glossary = _read(root, GLOSSARY_FILE, GLOSSARY_FIELDS, "the glossary", report, required=True)
    people = _read(root, PEOPLE_FILE, PEOPLE_FIELDS, "the people file", report)
    timeline = _read(root, TIMELINE_FILE, TIMELINE_FIELDS, "the timeline", report)
    entities = (*people.get("people", ()), *people.get("organisations", ()))
    listed = {
        "glossary": _names(glossary, "terms", "glossary", GLOSSARY_FILE),
        "people": _names(people, "people", "people", PEOPLE_FILE),
        "organisations": _names(people, "organisations", "organisations", PEOPLE_FILE),
    }
    names = tuple(name for found in listed.values() if found is not None for name in found)
    unreadable = frozenset(section for section, found in listed.items() if found is None)
    tags, tags_unread = glossary.get("tags", ()), glossary.values is None  # missing, or with a problem
    return Registers(
        glossary.get("terms", ()), entities, timeline.get("events", ()), names, unreadable, tags, tags_unread
    )


@dataclass(frozen=True)
class _File:
    present: bool
    """Whether the file exists."""
    required: bool
    """Whether the file must exist (a missing glossary is one problem, reported once)."""
    raw: Any
    """The file's YAML data (None when missing or unreadable)."""
    values: dict | None
    """The typed values of its keys, or None when any is invalid."""

    def get(self, key: str, default: tuple) -> tuple:
        return (self.values or {}).get(key) or default


def _read(
    root: Path, rel: str, fields: tuple[Field, ...], what: str, report: Report, *, required: bool = False
) -> _File:
    path = root / rel
    if not path.exists() and not path.is_symlink():
        if required:
            report.add(rel, None, f"{what} is missing", f"create {rel}")
        return _File(False, required, None, None)
    raw = read_data_file(path, rel, report)
    values = read_fields(raw, fields, Where(rel, report), what, 1) if raw is not None else None
    return _File(True, required, raw, values)


def _names(file: _File, key: str, section: str, rel: str) -> tuple[Name, ...] | None:
    """The ids in a register's list, read from the YAML itself: broken entries are still known by name.

    None when the file exists but its list cannot be read: which ids it defines is then unknown."""
    if not file.present:
        return None if file.required else ()
    raw = file.raw
    items = raw.get(key, YamlList()) if isinstance(raw, YamlMap) else None
    if not isinstance(items, YamlList):
        return None
    return tuple(
        Name(section, item["id"].strip(), rel, item.line)
        for item in items
        if isinstance(item, YamlMap) and isinstance(item.get("id"), str) and is_slug(item["id"].strip())
    )
