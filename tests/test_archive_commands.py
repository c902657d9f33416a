"""The networked maintainer commands, `archive` and `linkcheck`, against a fake server on 127.0.0.1 (never the
network), and the weekly workflow that runs `linkcheck`."""

from __future__ import annotations

import datetime
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import REPO, Project

from build_tools import __main__ as cli
from build_tools.commands import archive, linkcheck
from build_tools.models import Archived, Source
from build_tools.values import PlainText, PublishedDate, Url

SNAPSHOT = "http://web.archive.org/web/20200309120000/https://example.org/found"
FOUND = {"archived_snapshots": {"closest": {
    "available": True, "url": SNAPSHOT, "timestamp": "20200309120000", "status": "200"}}}  # fmt: skip
API_ANSWERS: dict[str, tuple[int, bytes]] = {
    "https://example.org/found": (200, json.dumps(FOUND).encode()),
    "https://example.org/none": (200, b'{"archived_snapshots": {}}'),
    "https://example.org/malformed": (200, b'{"archived_snapshots": {"closest": '),
    "https://example.org/error": (503, b"busy"),
}
SLOW = "https://example.org/slow"
ELSEWHERE = "https://example.org/elsewhere"
"""The API answers it with a redirect to another host, which `archive` must not follow."""
PAGES = {"/ok": 200, "/gone": 404, "/removed": 410, "/forbidden": 403}


class _Fake(BaseHTTPRequestHandler):
    """The availability API at /wayback/available, and pages for the link check."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/wayback/available":
            (asked,) = parse_qs(parts.query)["url"]
            if asked == SLOW:
                time.sleep(1.5)
            if asked == ELSEWHERE:
                return self._redirect("http://other.invalid/wayback/available")
            status, body = API_ANSWERS.get(asked, (200, b'{"archived_snapshots": {}}'))
            return self._answer(status, body)
        if parts.path == "/moved":
            return self._redirect("/ok")
        if parts.path == "/made-up":  # a status line of the server's own words
            self.wfile.write(b"HTTP/1.1 abc @octocat please merge ![x](https://evil.example/t.png)\r\n\r\n")
            return None
        return self._answer(PAGES.get(parts.path, 404), b"page")

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client that gave up on a slow answer closed the connection: expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    fake = _QuietServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=fake.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{fake.server_address[1]}"
    fake.shutdown()
    fake.server_close()


ASKED = (*API_ANSWERS, SLOW, ELSEWHERE)
"""Every address the glossary cites without an archived copy, one source each, in this order (then one with a copy,
which `archive` does not ask about)."""
GLOSSARY = (
    """\
terms:
  - id: spi
    name: SPI
    short: Policy talks.
    definition: A longer explanation of the talks.
    aliases: [SPI]
    sources:
"""
    + "".join(f"      - title: {url.rsplit('/', 1)[1].title()}\n        url: {url}\n" for url in ASKED)
    + """\
      - title: Already kept
        url: https://example.org/kept
        archived: {url: "https://web.archive.org/web/20190101000000/https://example.org/kept", date: 2019-01-01}
  - id: opcon
    name: OPCON
    short: Authority to direct forces.
    definition: Who commands whom.
    aliases: [OPCON]
    sources:
      - title: Found again
        url: https://example.org/found
"""
)


def test_archive_prints_the_yaml_to_paste_and_what_it_could_not_find(
    project: Project, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.article("talks")
    project.write("glossary.yml", GLOSSARY)
    monkeypatch.setenv(archive.API_SETTING, f"{server}/wayback/available")
    text = archive.find_copies(project.root, timeout=0.5)
    assert f"about {len(ASKED)} source addresses" in text  # the one already kept is not asked about
    found = text.split("Copies found for 1.", 1)[1].split("\n\n", 1)[0]
    assert "  glossary.yml:8, glossary.yml:29  https://example.org/found" in found
    pasted = found.split("https://example.org/found\n", 1)[1]
    assert yaml.safe_load(pasted) == {"archived": {
        "url": SNAPSHOT.replace("http://", "https://"), "date": datetime.date(2020, 3, 9)}}  # fmt: skip
    assert "No copy found for 1" in text and "  glossary.yml:10  https://example.org/none" in text
    unread = text.split("Could not read the answer for 4", 1)[1]
    assert "https://example.org/malformed: the answer is not JSON" in unread
    assert "https://example.org/error: the API answered HTTP 503" in unread
    assert "https://example.org/slow: no answer in 0.5 s" in unread
    assert "https://example.org/elsewhere: the API answered HTTP 301" in unread  # not followed to another host
    for line in text.splitlines():
        assert "example.org" not in line or line.startswith("  "), line  # no address starts a line


def test_archive_is_a_command_and_refuses_an_api_address_that_is_not_http(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "archive" in cli.COMMANDS and "linkcheck" in cli.COMMANDS
    monkeypatch.setenv(archive.API_SETTING, "file:///etc/passwd")
    with pytest.raises(SystemExit, match="not an http"):
        archive.api_address()


@pytest.mark.parametrize(
    ("closest", "problem"),
    [
        ({**FOUND["archived_snapshots"]["closest"], "status": "404"}, ""),  # a copy of an error page: none
        ({**FOUND["archived_snapshots"]["closest"], "available": False}, ""),
        ("a string", "`closest` is not a mapping"),
        ({**FOUND["archived_snapshots"]["closest"], "url": "https://evil.example/web/20200309120000/x"},
         "is not a web.archive.org"),
        ({**FOUND["archived_snapshots"]["closest"], "url": SNAPSHOT + '"\nx: 1'}, "is not a web.archive.org"),
        ({**FOUND["archived_snapshots"]["closest"], "timestamp": "20200101000000"}, "not the one in its `url`"),
        ({**FOUND["archived_snapshots"]["closest"], "timestamp": "20201399000000",
          "url": SNAPSHOT.replace("20200309120000", "20201399000000")}, "is not a date"),
    ],
)  # fmt: skip
def test_an_answer_of_another_shape_is_reported_not_trusted(closest: object, problem: str) -> None:
    lookup = archive.read_answer(
        "https://example.org/x", json.dumps({"archived_snapshots": {"closest": closest}}).encode()
    )
    assert lookup.copy_url == ""
    assert problem in lookup.problem and bool(problem) == bool(lookup.problem)
    assert archive.read_answer("x", b"[1, 2]").problem == "the answer has no `archived_snapshots` mapping"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_linkcheck_tells_dead_links_from_live_moved_and_unchecked_ones(server: str) -> None:
    judged = {path: linkcheck.check_address(f"{server}{path}", timeout=2) for path in
              ("/ok", "/gone", "/removed", "/moved", "/forbidden")}  # fmt: skip
    assert [(judged[p].verdict, judged[p].why) for p in judged] == [
        ("alive", "HTTP 200"), ("dead", "HTTP 404"), ("dead", "HTTP 410"), ("alive", "HTTP 200"),
        ("unknown", "HTTP 403"),
    ]  # fmt: skip
    assert judged["/moved"].moved_to == f"{server}/ok" and judged["/ok"].moved_to == ""
    refused = linkcheck.check_address(f"http://127.0.0.1:{_closed_port()}/x", timeout=2)
    assert (refused.verdict, refused.why) == ("dead", "connection refused")


def test_a_made_up_answer_is_reported_in_words_of_ours_not_the_server_s(server: str) -> None:
    """A cited server answering with a status line of its own words: the check goes on, and the report (posted as
    an issue) names the kind of failure, never what the server wrote."""
    judged = linkcheck.check_address(f"{server}/made-up", timeout=2)
    assert (judged.verdict, judged.why) == ("unknown", "a malformed answer (BadStatusLine)")
    body = linkcheck.report([judged], {judged.address: [_source(f"{server}/made-up", "glossary.yml", 3)]})
    assert "a malformed answer (BadStatusLine)" in body and "octocat" not in body


def _source(url: str, path: str, line: int, archived: Archived | None = None) -> Source:
    return Source(PlainText("t"), Url(url), archived, path, line)


def test_the_issue_body_lists_dead_links_with_places_and_copies_as_inert_code() -> None:
    copy = Archived(Url("https://web.archive.org/web/20200309120000/https://a.example/x"), PublishedDate(2020, 3, 9))
    hostile = "https://b.example/`@team`#1<script>"
    grouped = {
        "https://a.example/x": [_source("https://a.example/x", "glossary.yml", 12, copy),
                                _source("https://a.example/x", "articles/talks.annotations.yml", 9)],
        hostile: [_source(hostile, "people.yml", 40)],
        "https://c.example/": [_source("https://c.example/", "timeline.yml", 3)],
    }  # fmt: skip
    results = [
        linkcheck.Checked("https://a.example/x", "dead", "HTTP 410"),
        linkcheck.Checked(hostile, "dead", "connection refused"),
        linkcheck.Checked("https://c.example/", "alive", "HTTP 200", "https://c.example/new"),
    ]
    body = linkcheck.report(results, grouped)
    assert linkcheck.DEAD_HEADING in body.splitlines()
    assert "- ` https://a.example/x `: HTTP 410" in body
    assert "  - cited at ` glossary.yml:12 `, ` articles/talks.annotations.yml:9 `" in body
    assert "  - archived copy: ` https://web.archive.org/web/20200309120000/https://a.example/x ` (2020-03-09)" in body
    assert "- `` https://b.example/`@team`#1<script> ``: connection refused" in body
    assert "  - no archived copy" in body
    assert "- ` https://c.example/ ` now leads to ` https://c.example/new `" in body
    for line in body.splitlines():
        assert "example" not in line or line.lstrip().startswith(("- `", "- cited", "- archived")), line
    quiet = linkcheck.report([results[2]], grouped)
    assert linkcheck.DEAD_HEADING not in quiet


WORKFLOW = REPO / ".github/workflows/links.yml"


def test_the_link_workflow_runs_weekly_or_by_hand_never_on_contributions() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"]
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    steps = " ".join(str(step.get("run", "")) for job in workflow["jobs"].values() for step in job["steps"])
    assert "python -m build_tools linkcheck" in steps and "--body-file" in steps


def test_the_commands_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Archived copies" in readme and archive.API_SETTING in readme
    assert "archived:" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
