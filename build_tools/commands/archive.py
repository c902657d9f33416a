"""`python -m build_tools archive`: find archived copies of the sources that have none, as YAML to paste.

For every distinct source address without an `archived:` copy, it asks the Internet Archive's
availability API (https://archive.org/help/wayback_api.php): `GET <API>?url=<address>` answers
`{"archived_snapshots": {"closest": {"available": true, "url": "http://web.archive.org/web/<timestamp>/...",
"timestamp": "YYYYMMDDhhmmss", "status": "200"}}}`, or `{"archived_snapshots": {}}` when it holds none. No
`timestamp` is sent: the sources do not say when they were read, so the closest copy to now is asked for.
It prints, for each file and line where such a source is, the `archived:` mapping to add (the copy's https
address and the day of its timestamp), then the addresses with no copy and those whose answer could not be
read. It writes nothing: a person opens each copy, sees it is the page cited, and pastes it.

Networked, so never run by the build, the tests or CI: at most `WORKERS` requests at once, each with a
timeout, only to the API's host (no redirect followed); `ARCHIVE_API` overrides the API's address (the tests
point it at a fake server on 127.0.0.1). Every contributed address it prints is indented or quoted: none
starts a line.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from build_tools import cited, pipeline
from build_tools.commands import web
from build_tools.config import MAX_URL_LENGTH
from build_tools.models import Source

API = "https://archive.org/wayback/available"
API_SETTING = "ARCHIVE_API"
WORKERS = 2
"""Requests to the API at once: it is one public service, asked politely."""
_SNAPSHOT = re.compile(r"https?://web\.archive\.org/web/([0-9]{14})/[!-~]+")
"""A Wayback Machine copy's address: its timestamp, then the original's address (printable ASCII only)."""
_UNSAFE = re.compile(r'["\\<>`{}|^]')


@dataclass(frozen=True)
class Lookup:
    """What the API said about one address."""

    address: str
    """The source's address asked about."""
    copy_url: str = ""
    """The copy's https address; empty when none was found or the answer could not be read."""
    copy_date: str = ""
    """Day the copy was made, YYYY-MM-DD (from its timestamp)."""
    problem: str = ""
    """Why the answer could not be read; empty when it was."""


def api_address() -> str:
    """The availability API's address: `ARCHIVE_API` if set, else the Internet Archive's."""
    address = os.environ.get(API_SETTING) or API
    if urlsplit(address).scheme not in ("http", "https") or not urlsplit(address).hostname:
        raise SystemExit(f"{API_SETTING}={address!r} is not an http(s) address; unset it to use {API}")
    return address


def ask(address: str, api: str, timeout: float = web.TIMEOUT) -> Lookup:
    """The closest copy of `address` the API knows, or why there is none."""
    answer = web.get(f"{api}?{urlencode({'url': address})}", timeout, follow=False)
    if answer.status is None:
        return Lookup(address, problem=answer.error)
    if answer.status != 200:
        return Lookup(address, problem=f"the API answered HTTP {answer.status}")
    return read_answer(address, answer.body)


def read_answer(address: str, body: bytes) -> Lookup:
    """The API's JSON answer about `address`, read by its documented shape; anything else is a problem."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Lookup(address, problem="the answer is not JSON")
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        return Lookup(address, problem="the answer has no `archived_snapshots` mapping")
    closest = snapshots.get("closest")
    if closest is None:
        return Lookup(address)
    if not isinstance(closest, dict):
        return Lookup(address, problem="`closest` is not a mapping")
    if closest.get("available") is not True or str(closest.get("status")) != "200":
        return Lookup(address)  # no copy, or a copy of an error page: not the page cited
    return _snapshot(address, closest.get("url"), closest.get("timestamp"))


def _snapshot(address: str, url: object, timestamp: object) -> Lookup:
    found = _SNAPSHOT.fullmatch(url) if isinstance(url, str) and len(url) <= MAX_URL_LENGTH else None
    if found is None or _UNSAFE.search(url):  # type: ignore[arg-type]
        return Lookup(address, problem="the snapshot's `url` is not a web.archive.org/web/<timestamp>/ address")
    if timestamp != found.group(1):
        return Lookup(address, problem="the snapshot's `timestamp` is not the one in its `url`")
    try:
        day = datetime.datetime.strptime(found.group(1), "%Y%m%d%H%M%S").date()
    except ValueError:
        return Lookup(address, problem="the snapshot's `timestamp` is not a date")
    copy = "https://" + str(url).split("://", 1)[1]  # the Wayback Machine serves every copy over https too
    return Lookup(address, copy, day.isoformat())


def find_copies(root: Path, timeout: float = web.TIMEOUT, workers: int = WORKERS) -> str:
    """Ask about every source address without a copy; the report to print."""
    archive = pipeline.checked(root)[0]
    grouped = cited.by_address(source for source in cited.every_source(archive) if source.archived is None)
    api = api_address()
    lookups = web.each_bounded(lambda address: ask(address, api, timeout), list(grouped), workers)
    return report(lookups, grouped, api)


def report(lookups: list[Lookup], grouped: dict[str, list[Source]], api: str) -> str:
    """What `archive` prints: the YAML to paste per file and line, then the addresses with no copy or no answer."""
    found = [item for item in lookups if item.copy_url]
    missing = [item for item in lookups if not item.copy_url and not item.problem]
    unread = [item for item in lookups if item.problem]
    lines = [f"archive: asked {api} about {len(lookups)} source addresses without an archived copy"]
    if found:
        lines += [
            "",
            f"Copies found for {len(found)}. Open each copy and check it is the page cited; then add "
            "its `archived:` to the source at each file:line (indented as the source's other keys):",
        ]
        for item in found:
            lines += [
                f"  {_places(grouped[item.address])}  {item.address}",
                "      archived:",
                f"        url: {json.dumps(item.copy_url)}",
                f"        date: {item.copy_date}",
            ]
    if missing:
        lines += ["", f"No copy found for {len(missing)} (save one at https://web.archive.org/save first):"]
        lines += [f"  {_places(grouped[item.address])}  {item.address}" for item in missing]
    if unread:
        lines += ["", f"Could not read the answer for {len(unread)} (try again later):"]
        lines += [f"  {_places(grouped[item.address])}  {item.address}: {item.problem}" for item in unread]
    return "\n".join(lines)


def _places(sources: list[Source]) -> str:
    """Where an address is cited: `file:line`, comma-separated."""
    return ", ".join(f"{source.path}:{source.line}" for source in sources)
