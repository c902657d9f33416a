"""`python -m build_tools linkcheck`: which source addresses are dead, as the body of an issue.

Every distinct source address is fetched (GET, redirects followed, bounded as in `commands.web`). An
address is dead when its server answers 404 or 410, or when nothing answers at it (connection refused, no
such host); any other failure (403, 429, 5xx, a timeout) is listed as not checked, since a server that
turns robots away or is busy this hour says nothing about the page. The weekly workflow
(.github/workflows/links.yml) opens or updates an issue with this report when it lists a dead link.

The report is Markdown for GitHub: every contributed value (an address, a file name) is in a code span
whose fence is longer than any backtick run in it, so nothing in it is read as markup, a mention or a
reference, and no line starts with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_tools import cited, pipeline
from build_tools.commands import web
from build_tools.models import Source

DEAD_HEADING = "## Dead links"
"""Where the report lists dead links: the workflow opens an issue only when the report holds it."""
GONE = (404, 410)
"""Statuses that say the page is gone."""
UNREACHABLE = ("connection refused", "Name or service not known", "nodename nor servname", "No address")
"""What a failure to connect says when nothing answers at the address (not a timeout)."""


@dataclass(frozen=True)
class Checked:
    """What fetching one address gave."""

    address: str
    """The source's address."""
    verdict: str
    """`alive`, `dead` or `unknown`."""
    why: str
    """The status or failure, in words (`HTTP 404`, `connection refused`)."""
    moved_to: str = ""
    """Where a redirect led, when the address is alive elsewhere."""


def check_address(address: str, timeout: float = web.TIMEOUT) -> Checked:
    """Fetch `address` and judge it."""
    answer = web.get(address, timeout)
    if answer.status is None:
        dead = any(words in answer.error for words in UNREACHABLE)
        return Checked(address, "dead" if dead else "unknown", answer.error)
    if answer.status in GONE:
        return Checked(address, "dead", f"HTTP {answer.status}")
    if 200 <= answer.status < 300:
        moved = answer.final_url if answer.final_url and answer.final_url != address else ""
        return Checked(address, "alive", f"HTTP {answer.status}", moved)
    return Checked(address, "unknown", f"HTTP {answer.status}")


def check_links(root: Path, timeout: float = web.TIMEOUT, workers: int = web.WORKERS) -> str:
    """Check every source address; the report to print (the issue's body)."""
    grouped = cited.by_address(cited.every_source(pipeline.checked(root)[0]))
    results = web.each_bounded(lambda address: check_address(address, timeout), list(grouped), workers)
    return report(results, grouped)


def report(results: list[Checked], grouped: dict[str, list[Source]]) -> str:
    """The report as GitHub Markdown: dead links first, with where they are cited and their archived copies."""
    dead = [item for item in results if item.verdict == "dead"]
    unknown = [item for item in results if item.verdict == "unknown"]
    moved = [item for item in results if item.moved_to]
    lines = [f"Checked {len(results)} source addresses: {len(dead)} dead, {len(unknown)} not checked."]
    if dead:
        lines += [
            "",
            DEAD_HEADING,
            "",
            "Replace each link, or point readers to its archived copy (`archived:`, "
            "see CONTRIBUTING.md; `python -m build_tools archive` looks for copies).",
            "",
        ]
        for item in dead:
            lines += [f"- {code(item.address)}: {item.why}", f"  - cited at {_places(grouped[item.address])}"]
            lines += [f"  - {_copies(grouped[item.address])}"]
    if unknown:
        lines += ["", "## Not checked", "", "The server refused or did not answer; check these by hand.", ""]
        lines += [f"- {code(item.address)}: {item.why}" for item in unknown]
    if moved:
        lines += ["", "## Moved", "", "These still work, at another address.", ""]
        lines += [f"- {code(item.address)} now leads to {code(item.moved_to)}" for item in moved]
    return "\n".join(lines) + "\n"


def _places(sources: list[Source]) -> str:
    return ", ".join(code(f"{source.path}:{source.line}") for source in sources)


def _copies(sources: list[Source]) -> str:
    copies = {(str(s.archived.url), s.archived.date.iso): None for s in sources if s.archived is not None}
    if not copies:
        return "no archived copy"
    return "archived copy: " + ", ".join(f"{code(url)} ({day})" for url, day in copies)


def code(text: str) -> str:
    """`text` as a GitHub Markdown code span that shows it as typed, on one line."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"
