"""The one error type of the archive, and the report that collects them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from build_tools.text import one_line


@dataclass(eq=False)
class SourceError(Exception):
    """A problem in one source file, rendered as `path:line: message`."""

    path: str
    """Path of the file, relative to the project root, with `/` separators."""
    line: int | None
    """1-based line in that file, or None when the problem is the whole file."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """How to fix it; shown on the line below."""

    def __str__(self) -> str:
        """Each part on one line of its own: a line break or control character of contributed text (a file
        name, a title, a quote) is written as an escape, so it cannot start a line of the log."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = one_line(f"{where}: {self.message}")
        return f"{text}\n    hint: {one_line(self.hint)}" if self.hint else text

    def workflow_command(self) -> str:
        """The problem as a GitHub Actions annotation, shown on its line of a pull request's diff."""
        where = f"file={_property(self.path)}" + (f",line={self.line}" if self.line else "")
        body = self.message + (f"\nhint: {self.hint}" if self.hint else "")
        return f"::error {where},title={_property(TITLE)}::{_data(body)}"


TITLE = "Briefing Archive check"
"""Heading of every annotation GitHub shows."""


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules for `::command::data`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (also ':' and ',')."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(eq=False)
class BuildFailed(Exception):
    """Raised once per run with every problem found, so all are fixed in one go."""

    errors: tuple[SourceError, ...]
    """The problems, in file and line order."""

    def __str__(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)

    def workflow_commands(self) -> str:
        """Every problem as a GitHub Actions annotation, one per line."""
        return "\n".join(error.workflow_command() for error in self.errors)

    def annotate(self) -> None:
        """On GitHub Actions (GITHUB_ACTIONS=true), print every problem as an annotation on stdout,
        where the runner reads them: each then shows on its line of the pull request's diff."""
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(self.workflow_commands(), flush=True)


@dataclass
class Report:
    """Collects the problems of a whole run, from every stage, then raises them together."""

    errors: list[SourceError] = field(default_factory=list)
    """Problems found so far."""

    def add(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.errors.append(SourceError(path, line, message, hint))

    def raise_if_any(self) -> None:
        """Raise BuildFailed with every problem, sorted by file and line, each reported once."""
        if self.errors:
            unique = {(e.path, e.line or 0, e.message, e.hint): e for e in self.errors}
            raise BuildFailed(tuple(unique[key] for key in sorted(unique)))
