"""Command line: `python -m build_tools COMMAND [--root DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from build_tools import cited, pipeline
from build_tools.commands import archive as copies
from build_tools.commands import corrections, importer, linkcheck, links, passages, schemas
from build_tools.commands import site as publish
from build_tools.errors import BuildFailed
from build_tools.progress import Progress
from build_tools.write import WriteResult

COMMANDS = {
    "serve": "preview the site at --dev-addr (default 127.0.0.1:8000), rebuilding only what each edit touches "
    "(what `make serve` runs)",
    "site": "generate and build the whole site into site/, atomically (what `make build` runs)",
    "offline": "build a copy into site-offline/ that works opened from disk, search included",
    "build": "generate the pages into docs/ (only changed pages are rewritten)",
    "check": "validate every source and report all problems; write nothing",
    "links": "show every linking decision in the given articles (ARTICLE...; all when none): "
    "each alias linked or not, with its sentence and the reason",
    "corrections": "with --since REV: refuse every article whose words changed since that git revision without a "
    "new `corrections:` entry (CI runs it on pull requests)",
    "schemas": "regenerate the JSON Schema files in build_tools/schemas/ for editors",
    "passages": "append to passages.jsonl the passage ids of every article whose paragraphs changed "
    "(--date YYYY-MM-DD; by default its newest correction's day, or today in UTC)",
    "import": "turn saved web pages (HTML) or captured text (SOURCE...) into new articles in articles/",
    "archive": "ask the Internet Archive for a copy of each source without `archived:` and print the YAML to paste "
    "(networked; writes nothing)",
    "linkcheck": "fetch every source address and print the dead ones with where they are cited and their archived "
    "copies, as Markdown (networked; what the weekly links workflow runs)",
}
"""Sub-commands and their help, also checked against README.md by the tests."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("command", choices=COMMANDS, help="; ".join(f"{k}: {v}" for k, v in COMMANDS.items()))
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument(
        "source", nargs="*", type=Path, help="the files to import (import); the articles to show (links)"
    )
    parser.add_argument("--url", help="the original address, when the page does not give it (import only)")
    parser.add_argument("--slug", help="file name for the new article, without .md (import only)")
    parser.add_argument(
        "--published", metavar="DATE", help="the article's date, or the interval it lies in (2006-03-20/2006-03-21), "
        "when the page does not give it (import only)",
    )  # fmt: skip
    parser.add_argument(
        "--since", metavar="REV", help="links: only the articles changed since this git revision, all if "
        "glossary.yml or people.yml changed; corrections: the revision the articles' words are compared with; "
        "check: also that passages.jsonl only grew since it",
    )  # fmt: skip
    parser.add_argument(
        "--engine", choices=publish.ENGINES, default="mkdocs", help="site generator for site/offline (default: mkdocs)"
    )
    parser.add_argument("--date", help="the day the passages command records (YYYY-MM-DD; default: today in UTC)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on (serve only)")
    return parser


def summary(result: WriteResult, started: float) -> str:
    """One line: what generation did and how long the whole command took."""
    return (
        f"{len(result.written)} written, {len(result.removed)} removed, {result.unchanged} unchanged; "
        f"{time.perf_counter() - started:.1f} s"
    )


def run(command: str, root: Path, engine: str = "mkdocs", args: argparse.Namespace | None = None) -> str:
    """Run one command; return the line to print on success."""
    started = time.perf_counter()
    root = root.resolve()  # `--root .`: the stages compare and join absolute paths
    if command == "serve":
        from build_tools import preview  # MkDocs and the watcher load only here

        preview.serve(root, args.dev_addr if args else "127.0.0.1:8000")
        return "serve: stopped"
    if command == "import":
        if args is None or not args.source:
            usage = "usage: python -m build_tools import SOURCE... [--url URL] [--slug NAME] [--published DATE]"
            raise SystemExit(usage)
        report = importer.run_import(root, args.source, args.url, args.slug, Progress(), args.published)
        return f"{report}\n{time.perf_counter() - started:.1f} s"
    if command in ("site", "offline"):
        target, result = publish.build_site_with_summary(
            root, offline=command == "offline", engine=engine, progress=Progress()
        )
        return f"{command}: built {target.name}/ ({summary(result, started)})"
    if command == "schemas":
        changed = schemas.write_schemas(root)
        return f"schemas: {len(changed)} updated" + (f" ({', '.join(changed)})" if changed else "")
    if command == "links":
        selected = [str(path) for path in args.source] if args else []
        if args and args.since:
            changed = links.changed_articles(root, args.since)
            if changed == []:
                return f"links: no article changed since {args.since}"
            selected = changed or []
        text, report = links.link_report(root, selected)
        print(text)
        report.raise_if_any()
        return "links: no problems found"
    if command == "archive":
        return copies.find_copies(root)
    if command == "linkcheck":
        return linkcheck.check_links(root)
    if command == "passages":
        return passages.record_passages(root, passages.read_date(args.date if args else None), Progress())
    if command == "corrections":
        if args is None or not args.since:
            raise SystemExit("usage: python -m build_tools corrections --since REV")
        compared, report = corrections.check_corrections(root, args.since)
        report.raise_if_any()
        compared_with = f"{compared} changed article(s) compared with {args.since}"
        return f"corrections: {compared_with}; every change of their words has a new correction"
    if command == "check":
        archive, registry = pipeline.checked(root, Progress(), since=args.since if args else None)
        return f"ok: sources are valid ({len(registry)} pages would be generated)\n{cited.copies_line(archive)}"
    return f"generated: {summary(pipeline.generate(root, progress=Progress()), started)}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_intermixed_args(argv)
    try:
        print(run(args.command, args.root, args.engine, args))
    except BuildFailed as failed:
        print(failed, file=sys.stderr)
        failed.annotate()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
