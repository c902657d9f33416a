"""Command line: `python -m build_tools build|check [--root DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools import pipeline
from build_tools.errors import BuildFailed, SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("command", choices=("build", "check"), help="build: write pages to docs/; check: validate only")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            pages = pipeline.check(args.root)
            print(f"ok: sources are valid ({len(pages)} pages would be generated)")
        else:
            result = pipeline.generate(args.root)
            print(
                f"generated: {len(result.written)} written, {len(result.removed)} removed, {result.unchanged} unchanged"
            )
    except BuildFailed as failed:
        print(failed, file=sys.stderr)
        return 1
    except SourceError as error:
        print(BuildFailed((error,)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
