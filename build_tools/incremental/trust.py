"""Whether a record found on disk was written by a build of this very working copy.

A build leaves records to skip work next time: the manifest of the last run (pages and
their hashes) and the store of formatted citations. Both sit in git-ignored folders,
but a pull request can force-add them, with pages beside them and hashes that match,
and a build that trusted them would publish what no source says. So every record is
sealed (HMAC-SHA256) with this working copy's key: `.archive-key` at the project root,
32 random bytes made by the first build, readable only by you, and bound to that
file's identity on disk (device, inode, change time). A copy committed, checked out,
unpacked or copied in has another identity, so no record sealed elsewhere verifies
here; an unverified record is ignored: the build renders and formats again, and seals
what it writes. `make check` also refuses such files when git tracks them (`load.checkout`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from build_tools.config import TRUST_KEY
from build_tools.disk import NotRegular, read_regular

KEY_FILE = TRUST_KEY
KEY_BYTES = 32


class Seal:
    """Seals and verifies records with the working copy's key (no key: nothing verifies)."""

    def __init__(self, key: bytes | None) -> None:
        self.key = key

    @classmethod
    def of(cls, root: Path) -> Seal:
        """The seal of the working copy at `root`, its key made on first use; without one when the key can
        neither be read nor made (a read-only checkout): records are then never trusted."""
        path = root / KEY_FILE
        try:
            return cls(_bound(path, _read_or_make(path)))
        except OSError:
            return cls(None)

    def sign(self, data: bytes) -> str:
        """The seal of `data` ("" without a key)."""
        return hmac.new(self.key, data, hashlib.sha256).hexdigest() if self.key else ""

    def verify(self, data: bytes, seal: object) -> bool:
        """True when `seal` is this working copy's seal of `data`."""
        return bool(self.key) and isinstance(seal, str) and hmac.compare_digest(self.sign(data), seal)

    def sealed(self, name: str, content: dict) -> dict:
        """`content` as a record to write: `{"seal": ..., name: content}`."""
        return {"seal": self.sign(_canonical(content)), name: content}

    def opened(self, name: str, found: object) -> dict | None:
        """The content of a record read back, if it is a mapping this working copy sealed; else None."""
        content = found.get(name) if isinstance(found, dict) else None
        if isinstance(content, dict) and self.verify(_canonical(content), found.get("seal")):  # type: ignore[union-attr]
            return content
        return None


def _canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _read_or_make(path: Path) -> bytes:
    """The key in `path`; a missing one is made, and anything else there (a link, a file of another size)
    is removed, never followed, and replaced."""
    try:
        key = read_regular(path, KEY_BYTES)
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        return _make(path)
    except NotRegular as refused:
        if refused.kind == "a folder":
            raise
    path.unlink()
    return _make(path)


def _make(path: Path) -> bytes:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    key = secrets.token_bytes(KEY_BYTES)
    with os.fdopen(os.open(path, flags, 0o600), "wb") as handle:
        handle.write(key)
    return key


def _bound(path: Path, key: bytes) -> bytes:
    """The key bound to the key file's identity: the same bytes in another file are another key."""
    found = os.lstat(path)
    identity = f"{found.st_dev}:{found.st_ino}:{found.st_ctime_ns}".encode()
    return hmac.new(key, identity, hashlib.sha256).digest()


UNSEALED = Seal(None)
"""For runs that keep no records (nothing they read verifies)."""
