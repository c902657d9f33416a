"""What a pull request may not change: what the build makes.

The generated folders of docs/, the sites, the scratch folders and the working copy's
key are git-ignored; a pull request can still force-add them, and a page, a manifest
or a citation store committed that way would be published (or trusted) as if the build
had made it. `make check` refuses every such file git tracks, naming it; the build
itself never trusts them either (`incremental.trust`).

A pull request's checks compare with its base revision: `revision` resolves the one given, `file_at` reads a file
as it was there.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from build_tools.config import DOCS_DIR, GENERATED_DIRS, OFFLINE_SITE_DIR, SCRATCH_PREFIX, SITE_DIR, TRUST_KEY
from build_tools.errors import Report

BUILT = (
    *(f"{DOCS_DIR}/{folder}" for folder in GENERATED_DIRS),
    SITE_DIR,
    OFFLINE_SITE_DIR,
    TRUST_KEY,
    f"{SCRATCH_PREFIX}*",
)
"""What only the build writes (pathspecs, relative to the project root)."""
HINT = "remove it from the repository (git rm -r --cached -- PATH): the build makes it, never a pull request"


def tracked_built_files(root: Path) -> list[str] | None:
    """The files git tracks among what only the build writes: [] outside a git checkout, None when git
    cannot be asked in one (it is missing, or fails)."""
    if not (root / ".git").exists():
        return []
    command = ["git", "-C", str(root), "ls-files", "-z", "--cached", "--", *BUILT]
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return sorted(name for name in done.stdout.decode("utf-8", "replace").split("\0") if name)


def check_tracked(root: Path, report: Report) -> None:
    """Report each committed file the build makes (and a checkout whose git cannot be asked)."""
    found = tracked_built_files(root)
    if found is None:
        hint = "install git (make check asks it which files are committed), or run it in a checkout git can read"
        report.add(".git", None, "git could not list the committed files, so committed build output is unchecked", hint)
    for name in found or []:
        report.add(name, None, "is committed, but only the build makes it (git-ignored, and never trusted)", HINT)


def revision(root: Path, since: str, command: str) -> str:
    """The commit the revision `since` names, as git resolves it (a value starting with `-` is never passed to git as
    an option); SystemExit naming `command` when git does not know it."""
    asked = ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{since}^{{commit}}"]
    done = subprocess.run(asked, capture_output=True, check=False, text=True)
    if done.returncode or since.startswith("-"):
        raise SystemExit(
            f"{command} --since {since}: not a revision\n    hint: give a revision git knows, e.g. origin/main"
        )
    return done.stdout.strip()


def file_at(root: Path, commit: str, path: str) -> bytes | None:
    """The bytes of the file `path` (relative to `root`) at `commit` (resolved by `revision`); None when it had no
    such file."""
    command = ["git", "-C", str(root), "show", f"{commit}:./{path}"]
    done = subprocess.run(command, capture_output=True, check=False, env={**os.environ, "GIT_PAGER": "cat"})
    return None if done.returncode else done.stdout
