"""`make bench`: `python -m bench --sizes 100,1000,5000` (also --search-only and --report-only)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import bench
from bench.archive import RESULTS
from bench.measure import bench_search, bench_size, machine
from bench.report import report


def search_only(sizes: list[int]) -> int:
    """`--search-only`: search rows for large sizes, kept in bench/results/search.json and shown in results.md."""
    path = RESULTS / "search.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"rows": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for size in sizes:
            print(f"benchmarking search at {size:,} articles...", file=sys.stderr, flush=True)
            row = bench_search(size, Path(scratch))
            saved["rows"] = [r for r in saved["rows"] if r["articles"] != size] + [row]
    saved["machine"] = machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    return main(["--report-only"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=bench.__doc__)
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated archive sizes")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite results.md from results.json without measuring"
    )
    parser.add_argument(
        "--search-only", action="store_true", help="measure only search, adding the rows to search.json"
    )
    args = parser.parse_args(argv)
    if args.search_only:
        return search_only([int(size) for size in args.sizes.split(",")])
    if args.report_only:
        saved = json.loads((RESULTS / "results.json").read_text(encoding="utf-8"))
        rows, described = saved["rows"], saved["machine"]
    else:
        rows, described = [], machine()
        with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
            for size in (int(size) for size in args.sizes.split(",")):
                print(f"benchmarking {size:,} articles...", file=sys.stderr, flush=True)
                rows.append(bench_size(size, Path(scratch)))
    text = report(rows)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.md").write_text(f"# Benchmark\n\nMachine: {json.dumps(described)}\n\n{text}\n", "utf-8")
    (RESULTS / "results.json").write_text(json.dumps({"machine": described, "rows": rows}, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
