"""Which pages an edit can change, known from what each page read of the site, not from its memo key.

A page's key is everything its family's `reads` returned (`render.families.base`), so knowing whether a page
changed meant building that value again for every page and hashing it: at 5,000 articles most of an edit's time.
Families read the site only through its facts (`render.context.Site`, the methods marked `fact`), so what a page
read is recorded while its reads are made: each fact by name and arguments (`article`, "…"), with its value. The
next run compares every recorded fact with its value in the new site (by identity first: unchanged articles are
the very objects of the last run), and only the pages that read a changed fact are read again and looked up in
the memo; every other page is the one the last run made.

Only the preview's runs use it (`python -m build_tools serve`: `pipeline._render` passes slots there): a build
keeps nothing between runs. A page is taken as it was only when its claim, the templates and settings (`version`)
and the set of the site's pages (what its links may reach) are those of the last run too.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from build_tools import render
from build_tools.registry import Claim
from build_tools.render.context import Site
from build_tools.render.pages import Render


@dataclass
class Kept:
    """What the last run's pages read: enough to tell, in the next run, which of them an edit can change."""

    site: Site | None = None
    """The last run's site (its cards are reused for the very articles it held: `Site.last`)."""
    version: Hashable = None
    """The templates and settings every page was made with (`pipeline._render`)."""
    targets: frozenset[str] = frozenset()
    """The site's files the pages' links could reach."""
    claims: dict[str, Claim] = field(default_factory=dict)
    """Each page's claim, by path."""
    made: dict[str, object] = field(default_factory=dict)
    """Each page as made, by path."""
    facts: dict[tuple, object] = field(default_factory=dict)
    """Every fact a page read, with its value."""
    readers: dict[tuple, set[str]] = field(default_factory=dict)
    """For each fact, the pages that read it."""
    read: dict[str, tuple[tuple, ...]] = field(default_factory=dict)
    """For each page, the facts it read."""


@dataclass
class Run:
    """One run's use of what the last run kept: the pages it may take as they were, and what it read anew."""

    kept: Kept
    """The last run's record (updated once this run's pages are all made)."""
    stale: set[str]
    """The pages that read a fact whose value changed."""
    valid: bool
    """False when nothing can be taken (another version, other pages, or a first run)."""
    keeping: bool = True
    """False for a run that keeps nothing for the next (a build): what pages read is not recorded."""
    now: dict[tuple, object] = field(default_factory=dict)
    """The value of every recorded fact in this run's site."""
    fresh: dict[str, tuple[Claim, dict[tuple, object]]] = field(default_factory=dict)
    """The pages read anew this run: their claim and the facts they read."""

    def unchanged(self, claim: Claim) -> bool:
        """True when the page `claim` asks for is the one the last run made."""
        path = claim.path
        return self.valid and path not in self.stale and self.kept.claims.get(path) == claim

    def taken(self, path: str) -> object:
        """The page the last run made at `path`."""
        return self.kept.made[path]

    def read(self, site: Site, claim: Claim) -> Render:
        """The page's memo key and what it reads (`render.render_page`), the site's facts it read recorded when the run
        keeps them."""
        if not self.keeping:
            return render.render_page(site, claim)
        site.record = {}
        try:
            return render.render_page(site, claim)
        finally:
            self.fresh[claim.path], site.record = (claim, site.record), None


def start(kept: Kept | None, site: Site, version: Hashable, targets: frozenset[str], keeping: bool) -> Run:
    """This run's view of the last one: every fact the last run's pages read compared with its value now; a run
    not `keeping` what its pages read (a build) has none."""
    if not keeping:
        return Run(Kept(), set(), valid=False, keeping=False)
    if kept is None or kept.version != version or kept.targets != targets:
        return Run(Kept(), set(), valid=False)
    now, stale = {}, set()
    for read, before in kept.facts.items():
        try:
            value = site.recompute(read)
        except LookupError:  # what it named is gone (an entry, an article): its readers read again
            stale.update(kept.readers[read])
            continue
        now[read] = value
        if value is not before and value != before:
            stale.update(kept.readers[read])
    return Run(kept, stale, valid=True, now=now)


def finish(run: Run, made: dict[str, object], version: Hashable, targets: frozenset[str], site: Site) -> Kept:
    """What this run's pages read, for the next run: pages taken as they were keep their facts (at this run's
    values), pages read anew their new ones; pages no longer claimed are forgotten."""
    kept = run.kept if run.valid else Kept()
    kept.version, kept.targets, kept.site = version, targets, site
    kept.facts.update(run.now)  # the same facts, at this run's values (those now gone stay until forgotten)
    for path in [path for path in kept.claims if path not in made]:
        _forget(kept, path)
    for path, (claim, facts) in run.fresh.items():
        _forget(kept, path)
        kept.claims[path], kept.read[path] = claim, tuple(facts)
        for read, value in facts.items():
            kept.facts[read] = value
            kept.readers.setdefault(read, set()).add(path)
    kept.made = made
    return kept


def _forget(kept: Kept, path: str) -> None:
    """The page at `path` no longer read what it read: facts no page reads any more are dropped."""
    kept.claims.pop(path, None)
    for read in kept.read.pop(path, ()):
        readers = kept.readers.get(read)
        if readers is not None:
            readers.discard(path)
            if not readers:
                del kept.readers[read], kept.facts[read]
