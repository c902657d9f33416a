"""`links`: every linking decision in the given articles and briefings (or all), with its sentence and its reason.

A reviewer reads it to see what new text or a glossary change will link: each
occurrence of an alias is listed as `link` (its entry's first mention, linked),
`mention` (a later one) or `no link`, with why (the alias, the cue found, no cue,
the exclusion or the article's own rule that refused it).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from build_tools import link, load
from build_tools.config import ARTICLES_DIR, BRIEFINGS_DIR, GLOSSARY_FILE, PEOPLE_FILE
from build_tools.errors import Report
from build_tools.link import LinkDecision
from build_tools.link.briefings import link_briefing
from build_tools.load.briefings import briefing_files, read_briefing
from build_tools.load.checkout import revision
from build_tools.models import Archive, Article, Briefing
from build_tools.text import one_line

OUTCOME_WIDTH = 8


def link_report(root: Path, selected: list[str]) -> tuple[str, Report]:
    """The decisions in the articles `selected` (file paths or slugs; all when empty), and the problems found."""
    report = Report()
    archive = load.load_archive(root, report)
    matcher = link.build_matcher(archive.entries)
    blocks = []
    articles = [name for name in selected if not _is_briefing(name)]
    if articles or not selected:
        for article in sorted(_select(archive.articles, archive.drafts, articles, report), key=lambda a: a.path):
            log: list[LinkDecision] = []
            link.link_article(article, matcher, report, log)
            blocks.append(describe(article, log))
    briefings = [name for name in selected if _is_briefing(name)]
    if briefings or not selected:
        blocks += _briefings(root, archive, matcher, {Path(name).stem: name for name in briefings}, report)
    return "\n".join(blocks), report


def _is_briefing(name: str) -> bool:
    """Whether a name given on the command line is a briefing's file (`briefings/<slug>.md`, relative or not)."""
    return Path(name).parent.name == BRIEFINGS_DIR


def _briefings(
    root: Path, archive: Archive, matcher: link.TermMatcher, wanted: dict[str, str], report: Report
) -> list[str]:
    """The decisions in the briefings named `wanted` (slug -> the name given; all when empty)."""
    articles = {article.slug: article for article in archive.articles}
    known = {name.id for name in archive.names if name.section == "articles"}
    files = briefing_files(root)
    for slug in sorted(set(wanted) - {path.stem for path in files}):
        report.add(wanted[slug], None, "no such briefing", "give a file in briefings/ (briefings/<slug>.md)")
    blocks = []
    for path in files:
        if wanted and path.stem not in wanted:
            continue
        briefing, parsed, clean = read_briefing(root, path, report)
        if briefing is not None and parsed is not None and clean:
            log: list[LinkDecision] = []
            link_briefing(briefing, parsed, articles, known, matcher, None, report, log)
            blocks.append(describe(briefing, log))
    return blocks


def changed_articles(root: Path, since: str) -> list[str] | None:
    """Articles and briefings whose text or notes changed since the git revision `since` (committed or not); None
    (all of them) when glossary.yml or people.yml changed, since that can change what any article links."""
    command = ["git", "-C", str(root), "diff", "--name-only", "--relative", revision(root, since, "links"), "--"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        message = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "git failed"
        raise SystemExit(f"links --since {since}: {message}\n    hint: give a revision git knows, e.g. origin/main")
    untracked = ["git", "-C", str(root), "ls-files", "--others", "--exclude-standard", ARTICLES_DIR, BRIEFINGS_DIR]
    names = done.stdout.split() + subprocess.run(untracked, capture_output=True, text=True, check=False).stdout.split()
    if {GLOSSARY_FILE, PEOPLE_FILE} & set(names):
        return None
    articles = {name for name in names if name.startswith((f"{ARTICLES_DIR}/", f"{BRIEFINGS_DIR}/"))}
    return sorted(name for name in articles if (root / name).exists())  # a deleted article has no links


def describe(article: Article | Briefing, log: list[LinkDecision]) -> str:
    """One article's (or briefing's) decisions, in reading order, with a count of each outcome."""
    lines = [f"{article.path}: {article.title}"]
    for item in log:
        lines.append(f"  {item.line:>4}  {item.outcome:<{OUTCOME_WIDTH}} {item.key}  “{item.words}”: {item.reason}")
        lines.append(f"        in: {item.sentence}")  # a fixed start: no sentence begins a line of the log
    counts = {outcome: sum(item.outcome == outcome for item in log) for outcome in ("link", "mention", "no link")}
    lines.append("  " + ", ".join(f"{count} {outcome}" for outcome, count in counts.items()) + "\n")
    return "\n".join(map(one_line, lines[:-1])) + "\n" + lines[-1]


def _select(articles: tuple[Article, ...], drafts: tuple, selected: list[str], report: Report) -> list[Article]:
    if not selected:
        return list(articles)
    by_slug = {article.slug: article for article in articles}
    unreadable = {draft.slug for draft in drafts}
    chosen = []
    for name in selected:
        slug = Path(name).name.removesuffix(".md").removesuffix(".annotations.yml")
        if slug in by_slug:
            chosen.append(by_slug[slug])
        elif slug not in unreadable:  # an article with problems: they are reported already
            report.add(name, None, "no such article", "give a file in articles/ (or its slug)")
    return chosen
