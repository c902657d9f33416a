"""Measurements, each in a process of its own: builds, a no-change run, an edit under `mkdocs serve`, search."""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.archive import copy_hand_written_docs, write_archive
from build_tools.commands import search


def measure(command: list[str], cwd: Path, **extra_env: str) -> tuple[float, float]:
    """(seconds, peak MiB) of one command in a process of its own.

    The peak is of the whole process tree (the command, its forked workers and the engine it starts),
    sampled as proportional set size, so pages shared by forked workers count once; where /proc has no
    such figure it is the largest single process's peak resident size."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", **extra_env}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    sampler = threading.Thread(target=_sample_tree, args=(process, peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, peak[0] or usage.ru_maxrss / 1024


def _sample_tree(process: subprocess.Popen, peak: list[float]) -> None:
    """Keep in peak[0] the largest total proportional set size (MiB) of `process` and its descendants."""
    while process.returncode is None and Path(f"/proc/{process.pid}/smaps_rollup").exists():
        total = sum(_pss_kib(pid) for pid in [process.pid, *_descendants(process.pid)])
        peak[0] = max(peak[0], total / 1024)
        time.sleep(0.1)


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        parent = stack.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text(encoding="ascii").split()
        except OSError:
            continue
        found += map(int, children)
        stack += map(int, children)
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


SERVING = "Serving on"
"""What the preview logs once its first build is served."""


Edit = tuple[Path, str, str, str, str]
"""A file, words in it, the words that replace them, the page (URL path) that shows the edit, and words of it
that only the edited page holds."""


def serve_edits(root: Path, edits: list[Edit]) -> list[float]:
    """Seconds from saving each edit to the page that shows it being served with it under `make serve`
    (`python -m build_tools serve`), one edit after another in one preview, each asked for over HTTP as a
    reloading browser does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    log = root / "serve.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as out:
        command = [sys.executable, "-m", "build_tools", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while SERVING not in log.read_text(encoding="utf-8"):
            if process.poll() is not None:
                raise SystemExit(f"the preview exited:\n{log.read_text(encoding='utf-8')[-2000:]}")
            time.sleep(0.05)
        time.sleep(1)
        return [_timed_edit(port, process, *edit) for edit in edits]
    finally:
        process.terminate()
        process.wait(timeout=60)


def _timed_edit(port: int, process: subprocess.Popen, path: Path, old: str, new: str, page: str, seen: str) -> float:
    import urllib.request

    edited = path.read_text(encoding="utf-8").replace(old, new, 1)
    assert edited != path.read_text(encoding="utf-8"), f"{path} has no {old!r}"
    started = time.perf_counter()
    path.write_text(edited, encoding="utf-8")
    while True:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=120) as response:
            if seen in response.read().decode("utf-8"):
                return time.perf_counter() - started
        if process.poll() is not None or time.perf_counter() - started > 300:
            raise SystemExit(f"the edit of {path.name} was never shown")
        time.sleep(0.01)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


GLOSSARY_EDIT = ("1950. Until 1994", "1950. Until the year 1994")
"""Words of a glossary definition (OPCON's) and their edit."""


def _fresh_docs(root: Path) -> None:
    shutil.rmtree(root / "docs")
    copy_hand_written_docs(root / "docs")


def bench_size(count: int, scratch: Path) -> dict:
    """Every measurement for one archive size, each command in a process of its own."""
    python, mkdocs = sys.executable, str(Path(sys.executable).with_name("mkdocs"))
    ours, base = scratch / f"ours-{count}", scratch / f"base-{count}"
    ours.mkdir()
    base.mkdir()
    write_archive(ours, count)
    write_archive(base, count, with_step=False)
    row: dict = {"articles": count}
    row["baseline_s"], row["baseline_mib"] = measure([mkdocs, "build", "-q"], base)
    row["generate_s"], row["generate_mib"] = measure([python, "-m", "build_tools", "build"], ours)
    row["mkdocs_s"], row["mkdocs_mib"] = measure([mkdocs, "build", "-q"], ours)  # the pages are there already
    _fresh_docs(ours)
    row["build_s"], row["build_mib"] = measure([python, "-m", "build_tools", "site"], ours, SEARCH="pagefind")
    row.update(measure_search(ours, "pagefind"))
    _fresh_docs(ours)
    row["material_build_s"], row["material_build_mib"] = measure([python, "-m", "build_tools", "site"], ours)
    row.update(measure_search(ours, "material"))
    row["nochange_s"], _ = measure([python, "-m", "build_tools", "build"], ours)
    note = ours / "articles" / "synthetic-00000.annotations.yml"
    added = "number 1 opens here. Words added while serving."
    words = (ours / "articles" / "synthetic-00001.md", "number 1 opens here.", added, "articles/synthetic-00001/")
    edits = [
        (note, "A benchmark note.", "An edited note.", "articles/synthetic-00000/", "An edited note."),
        (ours / "glossary.yml", *GLOSSARY_EDIT, "glossary/opcon/", GLOSSARY_EDIT[1]),
        (*words, "Words added while serving."),
    ]
    row["edit_serve_s"], row["glossary_serve_s"], row["article_serve_s"] = serve_edits(ours, edits)
    _edit(note, "An edited note.", "A note edited twice.")
    row["edit_generate_s"], _ = measure([python, "-m", "build_tools", "build"], ours)
    row["site_mib"] = _size_mib(ours / "site")
    row["baseline_site_mib"] = _size_mib(base / "site")
    shutil.rmtree(ours)
    shutil.rmtree(base)
    return row


QUERY = "operational control"
"""What the bench types into the search box."""
KOREAN_QUERY = "전시작전통제권"
"""The Korean query (wartime operational control), which the Korean synthetic articles hold with particles too."""


SEARCH_RUNS = 3
"""Search is timed this many times, each in a fresh browser context (nothing cached); the median is reported."""


def first_result(site: Path, query: str = QUERY) -> tuple[float, float]:
    """(seconds, MiB fetched by search) from opening the home page to the first search result: the median of
    SEARCH_RUNS runs, so that one run slowed by the machine does not decide the row.

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
    try:
        with sync_playwright() as playwright:
            chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            runs = sorted(_timed_search(browser, url, query) for _ in range(SEARCH_RUNS))
            browser.close()
    finally:
        server.shutdown()
    return runs[len(runs) // 2]


def _timed_search(browser, url: str, query: str) -> tuple[float, float]:
    """One run in a fresh context: (seconds to the first result, MiB the search fetched)."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[int] = []
    page.on("response", lambda r: fetched.append(_body_size(r)) if _is_search(r.url) else None)
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").dispatch_event("keyup")
    page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
    seconds = time.perf_counter() - started
    context.close()
    return seconds, sum(fetched) / 2**20


def _is_search(url: str) -> bool:
    return "/search/search_index.json" in url or "/pagefind/" in url


def _body_size(response) -> int:
    """The bytes of a response: its Content-Length, which the bench's server always sends (reading a body of
    Material's index at 10,000 articles, about 183 MB, ran Playwright's driver out of memory), else its body."""
    length = response.headers.get("content-length")
    if length and length.isdigit():
        return int(length)
    try:
        return len(response.body())
    except Exception:  # a response the page abandoned has no body to count
        return 0


def measure_search(ours: Path, engine: str) -> dict:
    """Search in the site just built in ours/site with `engine`: index size, first result, what a query fetches."""
    if engine == "material":
        index = (ours / "site/search/search_index.json").stat().st_size / 2**20
    else:
        others = json.loads((ours / "site/pagefind" / search.BUNDLES).read_text(encoding="utf-8"))  # the other parts
        index = sum(_size_mib(ours / "site" / part) for part in ["pagefind", *others])
    seconds, fetched = first_result(ours / "site")
    found = {f"{engine}_index_mib": index, f"{engine}_first_result_s": seconds, f"{engine}_query_mib": fetched}
    if engine == "pagefind":  # as deployed: a Korean query too
        found["pagefind_korean_first_result_s"], found["pagefind_korean_query_mib"] = first_result(
            ours / "site", KOREAN_QUERY
        )
    return found


def bench_search(count: int, scratch: Path) -> dict:
    """Only the search measurements (two full builds), for sizes too big for the whole bench."""
    python, ours = sys.executable, scratch / f"ours-{count}"
    ours.mkdir()
    write_archive(ours, count)
    row: dict = {"articles": count}
    row["material_build_s"], _ = measure([python, "-m", "build_tools", "site"], ours)
    row.update(measure_search(ours, "material"))
    _fresh_docs(ours)
    row["build_s"], row["build_mib"] = measure([python, "-m", "build_tools", "site"], ours, SEARCH="pagefind")
    row.update(measure_search(ours, "pagefind"))
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
