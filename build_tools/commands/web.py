"""Bounded HTTP for the maintainer commands that use the network (`archive`, `linkcheck`): never the build's.

Every request has a timeout, reads at most `MAX_BODY` bytes, follows redirects only to http(s) (urllib's
own rule, at most 10), and goes through a pool of at most `WORKERS` threads; every failure becomes an
`Answer` saying what went wrong, never an exception. The tests point these commands at a fake server on
127.0.0.1: nothing here is used by the build, its tests or CI (only the weekly link-check workflow).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

TIMEOUT = 15.0
"""Seconds to wait for a server to connect or answer."""
WORKERS = 4
"""Requests at once, at most."""
MAX_BODY = 256 * 1024
"""Bytes of an answer read, at most (an availability answer is a few hundred)."""
USER_AGENT = "briefing-archive-linkcheck/1 (+https://robustlinks.mementoweb.org/spec/)"


@dataclass(frozen=True)
class Answer:
    """What one request gave: a status and the start of the body, or why there is none."""

    status: int | None
    """HTTP status of the last response (after redirects); None when no response came."""
    body: bytes = b""
    """The first `MAX_BODY` bytes of the body."""
    error: str = ""
    """Why no response came (refused, timed out, no such host...), in words; empty when one came."""
    final_url: str = ""
    """Address of the last response, after any redirect."""


class _Stay(urllib.request.HTTPRedirectHandler):
    """Follows no redirect: the 3xx answer is the answer (a request that must reach only one host)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_FOLLOWING = urllib.request.build_opener()
_STAYING = urllib.request.build_opener(_Stay())


def get(url: str, timeout: float = TIMEOUT, *, follow: bool = True) -> Answer:
    """GET `url` (an http(s) address), following redirects unless `follow` is False; any failure is described in
    the Answer, never raised."""
    if not url.startswith(("https://", "http://")):
        return Answer(None, error="not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = _FOLLOWING if follow else _STAYING
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, response.read(MAX_BODY), final_url=response.url)
    except urllib.error.HTTPError as failed:
        return Answer(failed.code, b"", final_url=failed.url or url)
    except TimeoutError:
        return Answer(None, error=f"no answer in {timeout:g} s")
    except urllib.error.URLError as failed:
        reason = failed.reason
        if isinstance(reason, TimeoutError):
            return Answer(None, error=f"no answer in {timeout:g} s")
        return Answer(None, error=_reason(reason))
    except http.client.HTTPException as failed:  # a status line or header the server made up: never its words
        return Answer(None, error=f"a malformed answer ({type(failed).__name__})")
    except (OSError, ValueError) as failed:  # a reset connection, a malformed answer or address
        return Answer(None, error=_reason(failed))


REASONS = (
    (ConnectionRefusedError, "connection refused"),
    (ConnectionResetError, "connection reset"),
    (socket.gaierror, "no such host (or the name could not be looked up)"),
    (ssl.SSLError, "a TLS failure"),
    (TimeoutError, "no answer in time"),
)
"""The failures described in words of ours: a failure's own text can hold what the server sent, and the report is
posted as an issue, so only the kind of anything else is named."""


def _reason(reason: object) -> str:
    return next((words for kind, words in REASONS if isinstance(reason, kind)), f"a failure ({type(reason).__name__})")


T = TypeVar("T")


def each_bounded(work: Callable[[str], T], items: Iterable[str], workers: int = WORKERS) -> list[T]:
    """`work` on every item, at most `workers` at once; the results in the items' order."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(work, items))
