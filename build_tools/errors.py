"""The one error type of the archive, and the report that collects them."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


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


@dataclass
class Report:
    """Collects problems while a stage goes on, then raises them together."""

    errors: list[SourceError] = field(default_factory=list)
    """Problems found so far."""

    def add(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.errors.append(SourceError(path, line, message, hint))

    def raise_if_any(self) -> None:
        if self.errors:
            ordered = sorted(self.errors, key=lambda e: (e.path, e.line or 0, e.message))
            raise BuildFailed(tuple(ordered))
