"""Where the archive's sources live, and the links every page gives to them.

The repository's address is configuration, never guessed: REPO_URL (the deploy workflow sets
it from GitHub's own context), else none, and pages then carry no such links. Nothing of the
checkout (its remotes) is read: the same sources make the same pages on any machine. REPO_BRANCH
names the branch edit links point at (`main` by default). An empty REPO_URL also means "none".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from build_tools.errors import BuildFailed, SourceError

REPO_URL_VARIABLE = "REPO_URL"
"""The environment variable that gives the repository's address (`https://<host>/<owner>/<name>`)."""
BRANCH_VARIABLE = "REPO_BRANCH"
"""The environment variable that names the branch edit links point at."""
DEFAULT_BRANCH = "main"
"""The branch edit links point at when REPO_BRANCH is not set."""
REPORT_TEMPLATE = "report-problem.yml"
"""The issue form of "Report a problem" (`.github/ISSUE_TEMPLATE/`)."""
SUGGEST_TEMPLATE = "suggest-note.yml"
"""The issue form of "Suggest a note"."""
MAX_TITLE = 120
"""A prefilled issue title is cut to this many characters (GitHub's address limit is about 8 kB)."""

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"(?!\.\.?(?:\.git)?/?$)[A-Za-z0-9._-]{1,100}?"
_HOST = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
_HTTPS = re.compile(rf"https://(?P<host>{_HOST})/(?P<owner>{_OWNER})/(?P<name>{_NAME})(?:\.git)?/?")
_BRANCH = re.compile(r"(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}(?<![./])")


class RepositoryError(ValueError):
    """A REPO_URL or REPO_BRANCH the build cannot use; the message says which and how to fix it."""


@dataclass(frozen=True)
class Repository:
    """A repository on GitHub (or a GitHub Enterprise host) that holds the archive's sources."""

    url: str
    """`https://<host>/<owner>/<name>`, without a trailing slash or `.git`."""
    branch: str
    """The branch that edit links point at."""

    def blob(self, path: str) -> str:
        """The page showing `path` (relative to the project root; a folder ends in '/') on the branch."""
        return f"{self.url}/{'tree' if path.endswith('/') else 'blob'}/{quote(self.branch)}/{quote(path)}"

    def new_issue(self, template: str, title: str, fields: dict[str, str]) -> str:
        """A new issue from the issue form `template`, its title and fields (by their `id`) prefilled."""
        query = {"template": template, "title": title[:MAX_TITLE], **fields}
        return f"{self.url}/issues/new?{urlencode(query, quote_via=quote)}"


def parse_url(value: str) -> str:
    """REPO_URL's value as `https://<host>/<owner>/<name>`; RepositoryError when it is no such address."""
    found = _HTTPS.fullmatch(value.strip())
    if found is None:
        raise RepositoryError(
            f"{REPO_URL_VARIABLE}={value!r} is not a repository's address; "
            "give https://github.com/<owner>/<name> (or leave it empty for no repository links)"
        )
    return f"https://{found['host']}/{found['owner']}/{found['name']}"


def parse_branch(value: str) -> str:
    """REPO_BRANCH's value, checked; RepositoryError when it is no branch name."""
    if not _BRANCH.fullmatch(value):
        raise RepositoryError(f"{BRANCH_VARIABLE}={value!r} is not a branch name; give one such as main")
    return value


def repository() -> Repository | None:
    """The repository, from REPO_URL; None when it is not set (or empty).

    BuildFailed, naming the setting and the fix, when REPO_URL or REPO_BRANCH is set to something unusable."""
    try:
        given = os.environ.get(REPO_URL_VARIABLE, "")
        url = parse_url(given) if given.strip() else None
        branch = parse_branch(os.environ.get(BRANCH_VARIABLE) or DEFAULT_BRANCH)
    except RepositoryError as error:
        variable = BRANCH_VARIABLE if str(error).startswith(BRANCH_VARIABLE) else REPO_URL_VARIABLE
        problem = SourceError(variable, None, str(error), "set it in the environment, or unset it")
        raise BuildFailed((problem,)) from None
    return Repository(url, branch) if url else None


def setting() -> str:
    """The repository links' part of the output setting (`config.output_setting`): pages change with it."""
    found = repository()
    return f"{found.url} {found.branch}" if found else "-"


_SOURCE_PATH = re.compile(r"(?!/)(?!.*\.\.)[A-Za-z0-9_./-]{1,200}")


@dataclass(frozen=True)
class PageLinks:
    """A page's links to its sources: what the theme shows at the top of every page (`partials/actions.html`)."""

    edits: tuple[tuple[str, str, str], ...]
    """Each source file the page is made from, as (the link's words, its path, the address of the file on the
    branch)."""
    report: str
    """"Report a problem": a new issue from the report form, prefilled with the page's address and title."""
    suggest: str
    """On an article's page, the new-issue address "Suggest a note" starts from (the script adds the form,
    `SUGGEST_TEMPLATE`, and the entry): else ''."""
    notes_file: str
    """On an article's page, the notes file a suggested entry goes into: else ''."""


def page_links(found: Repository, meta: dict, source: str, address: str, title: str) -> PageLinks:
    """The links of a page: `meta` is its front matter (generated pages name their `edit_files`, articles their
    `notes_file`), `source` its path in docs/ (a hand-written page is itself the file to edit)."""
    files = meta.get("edit_files")
    paths = [path for path in files if isinstance(path, str)] if isinstance(files, list) else [f"docs/{source}"]
    notes = meta.get("notes_file")
    notes = notes if isinstance(notes, str) and _SOURCE_PATH.fullmatch(notes) else ""
    edits = tuple((_label(path, notes), path, found.blob(path)) for path in paths if _SOURCE_PATH.fullmatch(path))
    report = found.new_issue(REPORT_TEMPLATE, f"Problem on: {title}", {"page": address})
    return PageLinks(edits, report, f"{found.url}/issues/new" if notes else "", notes)


def _label(path: str, notes: str) -> str:
    """The words of an edit link: what the file is to a reader (its path is the link's title)."""
    if path == notes:
        return "Edit the notes"
    if notes and path.endswith(".md"):
        return "Edit the article"
    return f"Browse {path}" if path.endswith("/") else f"Edit {path.rsplit('/', 1)[-1]}"
