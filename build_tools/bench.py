# ruff: noqa: E501 - report lines read better whole
"""`make bench`: how generation and the whole build scale, beside plain MkDocs.

For each size N it writes a synthetic archive (paragraphs of the real articles
recombined into 700 to 1,500 words each, the real glossary, people and timeline,
one annotation per article),
then measures, each in a process of its own: our generation step alone, the full
`make build`, plain `mkdocs build` of the same article bodies without our step
(the baseline), a run with no change, and a run after editing one annotation.
Results go to stdout and to bench/results/ as Markdown and JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_tools.write import GENERATED_DIRS

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
OUTLETS = ("Asia Times", "Voice of America", "Example Wire")
TAGS = ("opcon", "cfc", "spi", "plan-5029", "scm")
WORDS = (700, 1500)
"""Each synthetic article is this long, in words (the issue's measurements used the same range)."""


def _paragraphs() -> list[str]:
    out = []
    for path in sorted((REPO / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        out += [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "*"))]
    return out


def copy_hand_written_docs(target: Path) -> None:
    """docs/ without what the build generates there."""
    shutil.copytree(REPO / "docs", target, ignore=shutil.ignore_patterns(*GENERATED_DIRS))


def write_archive(root: Path, count: int, *, with_step: bool = True) -> None:
    """A project folder with `count` synthetic articles (deterministic)."""
    rng = random.Random(count)
    paragraphs = _paragraphs()
    for rel in ("mkdocs.yml", "glossary.yml", "people.yml", "timeline.yml"):
        shutil.copy2(REPO / rel, root / rel)
    copy_hand_written_docs(root / "docs")
    for folder in ("templates", "build_tools"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "articles", root / "articles")  # the real ones too: people.yml refers to them
    if not with_step:  # the baseline: the same bodies as plain pages, no hook, no generated pages
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        text = re.sub(r"hooks:\n  - build_tools/mkdocs_hook.py\n", "", text)
        text = re.sub(r"nav:\n(  - .*\n)+", "nav:\n  - Home: index.md\n", text)
        (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for number in range(count):
        year, month = 2000 + number % 20, 1 + number % 12
        body = [f"Synthetic report number {number} opens here."]
        words, target = 0, rng.randint(*WORDS)
        while words < target:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            words += len(paragraph.split())
        tags = ", ".join(rng.sample(TAGS, k=2))
        front = (
            f"---\ntitle: Synthetic report {number}\noutlet: {OUTLETS[number % 3]}\n"
            f"published: {year}-{month:02d}\nlanguage: en\nsummary: A synthetic article made for benchmarks.\n"
            f"tags: [{tags}]\n---\n\n"
        )
        folder = root / ("articles" if with_step else "docs/articles")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"synthetic-{number:05d}.md").write_text(front + "\n\n".join(body) + "\n", encoding="utf-8")
        if with_step:
            note = (
                "annotations:\n  - id: opening\n    quote: Synthetic report number "
                f"{number} opens\n    note: A benchmark note.\n    author: octocat\n    kind: context\n"
                "    sources: [{title: S, url: 'https://example.org'}]\n"
            )
            (root / "articles" / f"synthetic-{number:05d}.annotations.yml").write_text(note, encoding="utf-8")


def measure(command: list[str], cwd: Path, **extra_env: str) -> tuple[float, float]:
    """(seconds, peak MiB) of one command in a process of its own."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", **extra_env}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


BUILT = "Documentation built in"
"""What `mkdocs serve` logs when a build is done."""


def serve_edit(root: Path, note: Path, old: str, new: str) -> float:
    """Seconds from saving an edited note to `mkdocs serve --dirty` (as `make serve` runs it) having rebuilt."""
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    log = root / "serve.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as out:
        command = [mkdocs, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, process, 1)
        time.sleep(2)  # let the watcher take its first look at the files
        started = time.perf_counter()
        _edit(note, old, new)
        _wait_for(log, process, 2)
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=60)


def _wait_for(log: Path, process: subprocess.Popen, builds: int) -> None:
    while log.read_text(encoding="utf-8").count(BUILT) < builds:
        if process.poll() is not None:
            raise SystemExit(f"mkdocs serve exited:\n{log.read_text(encoding='utf-8')[-2000:]}")
        time.sleep(0.05)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def bench_size(count: int, scratch: Path) -> dict:
    """Every measurement for one archive size."""
    python, mkdocs = sys.executable, str(Path(sys.executable).with_name("mkdocs"))
    ours, base = scratch / f"ours-{count}", scratch / f"base-{count}"
    ours.mkdir()
    base.mkdir()
    write_archive(ours, count)
    write_archive(base, count, with_step=False)
    row: dict = {"articles": count}
    row["generate_s"], row["generate_mib"] = measure([python, "-m", "build_tools", "build"], ours)
    shutil.rmtree(ours / "docs")
    copy_hand_written_docs(ours / "docs")
    row["build_s"], row["build_mib"] = measure([python, "-m", "build_tools", "site"], ours)
    row["baseline_s"], row["baseline_mib"] = measure([mkdocs, "build", "-q"], base)
    row["nochange_s"], _ = measure([python, "-m", "build_tools", "build"], ours)
    note = ours / "articles" / "synthetic-00000.annotations.yml"
    row["edit_serve_s"] = serve_edit(ours, note, "A benchmark note.", "An edited note.")
    _edit(note, "An edited note.", "A note edited twice.")
    row["edit_generate_s"], _ = measure([python, "-m", "build_tools", "build"], ours)
    row["edit_build_s"], _ = measure([python, "-m", "build_tools", "site"], ours)
    row["site_mib"] = _size_mib(ours / "site")
    row["baseline_site_mib"] = _size_mib(base / "site")
    row.update(measure_search(ours))
    shutil.rmtree(ours)
    shutil.rmtree(base)
    return row


QUERY = "operational control"
"""What the bench types into the search box."""


def first_result(site: Path) -> tuple[float, float]:
    """(seconds, MiB fetched by search) from opening the home page to the first search result.

    The query is typed as soon as the page has loaded, in headless Chromium
    (CHROMIUM_PATH, Debian's chromium by default), with the site served over HTTP.
    """
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: list[int] = []
    try:
        with sync_playwright() as playwright:
            chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.append(_body_size(r)) if _is_search(r.url) else None)
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            page.keyboard.press("/")
            page.locator(".md-search__input").fill(QUERY)
            page.locator(".md-search__input").dispatch_event("keyup")
            page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
            seconds = time.perf_counter() - started
            browser.close()
    finally:
        server.shutdown()
    return seconds, sum(fetched) / 2**20


def _is_search(url: str) -> bool:
    return "/search/search_index.json" in url or "/pagefind/" in url


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # a response the page abandoned has no body to count
        return 0


def measure_search(ours: Path) -> dict:
    """Search with Material's index (the site already built in ours/site), then rebuilt with Pagefind."""
    row = {"search_index_mib": (ours / "site/search/search_index.json").stat().st_size / 2**20}
    row["material_first_result_s"], row["material_query_mib"] = first_result(ours / "site")
    command = [sys.executable, "-m", "build_tools", "site"]
    row["pagefind_build_s"], _ = measure(command, ours, SEARCH="pagefind")
    row["pagefind_index_mib"] = _size_mib(ours / "site/pagefind")
    row["pagefind_first_result_s"], row["pagefind_query_mib"] = first_result(ours / "site")
    return row


def bench_search(count: int, scratch: Path) -> dict:
    """Only the search measurements (two full builds), for sizes too big for the whole bench."""
    python, ours = sys.executable, scratch / f"ours-{count}"
    ours.mkdir()
    write_archive(ours, count)
    row: dict = {"articles": count}
    row["build_s"], row["build_mib"] = measure([python, "-m", "build_tools", "site"], ours)
    row.update(measure_search(ours))
    shutil.rmtree(ours)
    return row


def machine() -> dict:
    memory = ""
    if Path("/proc/meminfo").exists():
        memory = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()[0].split(":")[1].strip()
    return {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
        "memory": memory,
    }


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in rows])


def search_table(rows: list[dict]) -> str:
    head = ["articles", "Material index MiB", "Material: first result", "Material: MiB fetched", "Pagefind index MiB",
            "Pagefind: first result", "Pagefind: MiB fetched", "full build with Pagefind"]  # fmt: skip
    return markdown_table(head, [
        [f"{r['articles']:,}", f"{r['search_index_mib']:.1f}", f"{r['material_first_result_s']:.1f} s",
         f"{r['material_query_mib']:.2f}", f"{r['pagefind_index_mib']:.1f}", f"{r['pagefind_first_result_s']:.1f} s",
         f"{r['pagefind_query_mib']:.2f}", f"{r['pagefind_build_s']:.1f} s"]
        for r in rows
    ])  # fmt: skip


def table(rows: list[dict]) -> str:
    head = ["articles", "generation", "full build", "plain mkdocs (baseline)", "build / baseline", "generation / build",
            "no change", "one note edited (serve / gen / full)", "peak MiB (gen / build)", "site MiB",
            "search index MiB"]  # fmt: skip
    return markdown_table(head, [
        [f"{r['articles']:,}", f"{r['generate_s']:.1f} s", f"{r['build_s']:.1f} s", f"{r['baseline_s']:.1f} s",
         f"{r['build_s'] / r['baseline_s']:.2f}", f"{100 * r['generate_s'] / r['build_s']:.0f} %",
         f"{r['nochange_s']:.2f} s", f"{r['edit_serve_s']:.1f} s / {r['edit_generate_s']:.1f} s / {r['edit_build_s']:.1f} s",
         f"{r['generate_mib']:.0f} / {r['build_mib']:.0f}", f"{r['site_mib']:.0f}", f"{r['search_index_mib']:.1f}"]
        for r in rows
    ])  # fmt: skip


def targets(rows: list[dict], search_rows: list[dict] | None = None) -> list[str]:
    """The issue's targets, each marked met or missed with the number that decides it."""
    by = {r["articles"]: r for r in rows}
    out = []
    if 1000 in by and 5000 in by:
        ratio = by[5000]["build_s"] / by[1000]["build_s"]
        out.append(
            f"{'met' if ratio <= 5.5 else 'MISSED'}: build time at 5,000 is {ratio:.1f}x that at 1,000 (target <= 5.5x)"
        )
    for n in (1000, 5000):
        if n in by:
            share = by[n]["generate_s"] / by[n]["build_s"]
            out.append(
                f"{'met' if share <= 0.10 else 'MISSED'}: generation is {share:.0%} of the full build at {n:,} (target <= 10 %)"
            )
            ratio = by[n]["build_s"] / by[n]["baseline_s"]
            out.append(
                f"{'met' if ratio <= 1.15 else 'MISSED'}: full build is {ratio:.2f}x plain mkdocs at {n:,} (target <= 1.15x)"
            )
    if 5000 in by:
        r = by[5000]
        out.append(
            f"{'met' if r['nochange_s'] < 1 else 'MISSED'}: no-change generation {r['nochange_s']:.2f} s at 5,000 (target < 1 s)"
        )
        peak = max(r["generate_mib"], r["build_mib"])
        out.append(f"{'met' if peak < 500 else 'MISSED'}: peak memory {peak:.0f} MiB at 5,000 (target < 500 MiB)")
    if 1000 in by:
        r = by[1000]
        out.append(
            f"{'met' if r['edit_serve_s'] < 3 else 'MISSED'}: one note edited, visible under make serve (mkdocs serve --dirty) in {r['edit_serve_s']:.1f} s at 1,000 (target < 3 s)"
        )
    searched = {r["articles"]: r for r in (search_rows or rows)}
    largest = max(searched)
    fetched = searched[largest]["pagefind_query_mib"] * 2**20 / 1e6
    out.append(
        f"{'met' if fetched <= 0.5 else 'MISSED'}: with SEARCH=pagefind one query fetches {fetched:.2f} MB at {largest:,} (target <= 0.5 MB at 10,000)"
    )
    return out  # fmt: skip


CAUSES = """Causes of the gaps, from profiling at 1,000 articles (cProfile) and comparing page sets:
- Full build against the baseline: MkDocs' own work is most of our build, and it grows with the Markdown it
  is given. Our pages carry what the baseline's do not: the notes, term and people lists, related reading,
  nearby events and citations on every article page, plus term, people, year, timeline and browse pages
  (the site is 2.3 times the baseline's size). In MkDocs, Python-Markdown's inline processing of the many
  links with titles and attribute lists took about 60 % and Material's search indexing about 20 % when
  profiled (with shorter synthetic articles); SEARCH=pagefind removes the latter.
- Generation from cold: markdown-it parsing (article bodies are parsed twice, once by the sanitiser, about
  5 %), mdformat re-rendering the linked bodies and Jinja take most of it, YAML the rest. It is linear.
- One edit under make serve: generation after the edit takes about 1 s at 1,000 articles (the memo reuses
  every untouched article); the rest is MkDocs noticing the file (it polls every half second), reloading its
  configuration and listing the docs folder before its dirty rebuild. At 5,000 articles (15 s) this has not
  been profiled yet; what every edit still does in proportion to the archive is hashing the memo keys and
  rendering the listing pages (archive, tags, outlets, timeline) again.
- Pagefind at 10,000 articles: a query fetches 10 excerpts, Pagefind's script and WebAssembly (the same at
  every size) and index data that grows with the archive (its metadata file and the chunks holding the
  query's words). 0.58 MB at 10,000 with 10 excerpts; the 1,000 and 5,000 rows were measured when the box
  fetched 20 excerpts (0.61 MB at 10,000 then). Not yet broken down per file.
- Memory: `make build` generates and runs MkDocs in one process, so the peak holds both; MkDocs alone holds
  every page's HTML and Material's search index (plain MkDocs of the baseline peaks at a third of ours)."""


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


def _search_rows(rows: list[dict]) -> list[dict]:
    """The full bench's rows, plus search-only rows for sizes it did not run."""
    path = RESULTS / "search.json"
    extra = json.loads(path.read_text(encoding="utf-8"))["rows"] if path.exists() else []
    done = {r["articles"] for r in rows}
    return sorted(rows + [r for r in extra if r["articles"] not in done], key=lambda r: r["articles"])


def report(rows: list[dict]) -> str:
    """The tables, the targets met or missed, and the causes of the gaps."""
    return "\n".join(
        [table(rows), "", f"Search, query {QUERY!r} typed as the home page loads (sizes beyond the table above "
         "come from `--search-only` runs):", "", search_table(_search_rows(rows)), "",
         *[f"- {line}" for line in targets(rows, _search_rows(rows))], "", CAUSES]
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.bench", description=__doc__)
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
