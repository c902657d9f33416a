# ruff: noqa: E501 - report lines read better whole
"""The report: tables beside plain MkDocs, each target met or missed, and the causes of the misses."""

from __future__ import annotations

import json

from bench.archive import RESULTS
from bench.measure import QUERY, SEARCH_RUNS


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in rows])


def _cell(value: float | None, form: str) -> str:
    return "—" if value is None else form.format(value)


def _ratio(r: dict, a: str, b: str) -> float | None:
    return r[a] / r[b] if a in r and b in r else None


TARGETS = [
    # (measure, value of a row, format, {size: limit}, a limit for every size, or None: shown, not judged; met when <=)
    ("cold build as deployed (Pagefind) ÷ plain MkDocs on the same bodies", lambda r: _ratio(r, "build_s", "baseline_s"), "{:.1f}×", 3.0),
    ("the same with Material's search (`make build`'s default)", lambda r: _ratio(r, "material_build_s", "baseline_s"), "{:.1f}×", None),
    ("MkDocs on the generated pages ÷ plain MkDocs (generation excluded)", lambda r: _ratio(r, "mkdocs_s", "baseline_s"), "{:.1f}×", None),
    ("generation ÷ plain MkDocs", lambda r: _ratio(r, "generate_s", "baseline_s"), "{:.1f}×", None),
    ("one note edited, visible under `make serve` (s)", lambda r: r.get("edit_serve_s"), "{:.1f}", {1000: 0.5, 5000: 1}),
    ("a definition edited, visible under `make serve` (s)", lambda r: r.get("glossary_serve_s"), "{:.1f}", {5000: 1}),
    ("an article's words edited, visible under `make serve` (s)", lambda r: r.get("article_serve_s"), "{:.1f}", {5000: 1}),
    ("peak memory, `make build` (MiB)", lambda r: r.get("material_build_mib"), "{:.0f}", {5000: 500}),
    ("peak memory, the build as deployed, search index included (MiB)", lambda r: r.get("build_mib"), "{:.0f}", {5000: 1536, 10000: 1536}),
    ("readers' first search result, deployed (s)", lambda r: r.get("pagefind_first_result_s"), "{:.1f}", {5000: 2, 10000: 2}),
    ("… bytes fetched (MB)", lambda r: _mb(r, "pagefind_query_mib"), "{:.2f}", {5000: 0.5, 10000: 0.5}),
    ("… a Korean query: first result (s)", lambda r: r.get("pagefind_korean_first_result_s"), "{:.1f}", {5000: 2, 10000: 2}),
    ("… a Korean query: bytes fetched (MB)", lambda r: _mb(r, "pagefind_korean_query_mib"), "{:.2f}", {5000: 0.5, 10000: 0.5}),
]  # fmt: skip
"""Every row of the issue's table, with its target."""


def _mb(r: dict, key: str) -> float | None:
    return r[key] * 2**20 / 1e6 if key in r else None


def _limits(limit: float | dict, sizes: list[int]) -> dict:
    return limit if isinstance(limit, dict) else dict.fromkeys(sizes, limit)


def targets_table(rows: list[dict]) -> str:
    """The issue's table: each measure at each size, its target, and whether every targeted size meets it."""
    sizes = [r["articles"] for r in rows]
    head = ["measure", *[f"{n:,}" for n in sizes], "target", "met?"]
    lines = []
    for name, value, form, limit in TARGETS:
        limits = {} if limit is None else _limits(limit, sizes)
        values = {r["articles"]: value(r) for r in rows}
        judged = [values[n] <= limits[n] for n in sizes if n in limits and values[n] is not None]
        if limit is None:
            target = "(shown)"
        elif isinstance(limit, dict):
            target = ", ".join(f"≤ {form.format(v)} at {n:,}" for n, v in limits.items())
        else:
            target = f"≤ {form.format(limit)}"
        verdict = "—" if not judged else ("met" if all(judged) else "MISSED")
        lines.append([name, *[_cell(values[n], form) for n in sizes], target, verdict])
    return markdown_table(head, lines)  # fmt: skip


def search_table(rows: list[dict]) -> str:
    head = ["articles", "Material index MiB", "Material: first result", "Material: MiB fetched", "Pagefind index MiB",
            "Pagefind: first result", "Pagefind: MiB fetched"]  # fmt: skip
    return markdown_table(head, [
        [f"{r['articles']:,}", _cell(r.get("material_index_mib"), "{:.1f}"), _cell(r.get("material_first_result_s"), "{:.1f} s"),
         _cell(r.get("material_query_mib"), "{:.2f}"), _cell(r.get("pagefind_index_mib"), "{:.1f}"),
         _cell(r.get("pagefind_first_result_s"), "{:.1f} s"), _cell(r.get("pagefind_query_mib"), "{:.2f}")]
        for r in rows
    ])  # fmt: skip


def table(rows: list[dict]) -> str:
    head = ["articles", "plain mkdocs", "generation", "mkdocs on generated pages", "full build (Pagefind)",
            "full build (Material)", "no change", "one note edited (serve / generation)", "definition / article words edited (serve)",
            "peak MiB (plain / generation / mkdocs / build with Material / with Pagefind)", "site MiB (plain / ours)"]  # fmt: skip
    return markdown_table(head, [
        [f"{r['articles']:,}", f"{r['baseline_s']:.1f} s", f"{r['generate_s']:.1f} s", f"{r['mkdocs_s']:.1f} s",
         f"{r['build_s']:.1f} s", f"{r['material_build_s']:.1f} s", f"{r['nochange_s']:.2f} s",
         f"{r['edit_serve_s']:.1f} s / {r['edit_generate_s']:.1f} s", f"{r['glossary_serve_s']:.1f} s / {_cell(r.get('article_serve_s'), '{:.1f} s')}",
         f"{r['baseline_mib']:.0f} / {r['generate_mib']:.0f} / {r['mkdocs_mib']:.0f} / {r['material_build_mib']:.0f}"
         f" / {r['build_mib']:.0f}",
         f"{r['baseline_site_mib']:.0f} / {r['site_mib']:.0f}"]
        for r in rows
    ])  # fmt: skip


CAUSES = """Where time and memory go after the change, and what was tried:
- This run follows issue #13's reader features; nothing in it was tuned for speed. Per article the build now
  also writes a Web Annotation file and three reference files (25,485 pages at 5,000 where there were
  5,485), every page's Hangul is marked in the hook, and the Chicago and APA texts are formatted by pandoc's
  citeproc: about 10 s of a cold build at 5,000 (9.6 s measured alone), part of generation's 35.9 -> 56.7 s.
  Later builds reuse the formatted texts from docs/cite/.formatted.json, so the generation after a note edit
  stayed 48 s. Under serve the note and definition edits at 5,000 took 17.2 and 17.9 s (8.6 and 12.2 s
  before). A profile of the hook's generation after a note edit at 5,000 reads 12.2 s with the citation work
  and 12.9 s on the commit before it: the citations add nothing there. It is spent on the pages' count:
  comparing memo keys (2.1 s) and reading each page back to compare (2.2 s). How the rest splits between this
  and MkDocs' dirty rebuild of the larger site was not measured. make build's peak rose with the page count
  (1,258 -> 1,602 MiB at 5,000).
- Tried and kept, earlier: repeated lists written as HTML by our step (MkDocs on our pages at 1,000: 33.5 s ->
  26 s); generation's per-article jobs on both cores (19.4 s -> 8.8 s); MkDocs in a process of its own.
- Tried and kept, in #12's runs before: under make serve, linking is keyed on what it reads of the entries (a
  definition edit links nothing again); registers and compiled templates are kept while their files are
  unchanged; lists get article and entry cards, so every page has a key holding only what it shows (a note edit
  re-renders the article and the entry pages listing the note, not indexes, feeds or related reading); the link
  check reads a page once while its text is the same; memo keys are hashed once. Under serve the definition
  edit is met.
- Tried and kept, in #12's last run: one markdown-it parser per process; search timed as the median of three runs, and
  Pagefind loaded when the search box opens. Pagefind's first result at 5,000 is now within its target (1.5 s,
  0.42 MB). The serve rows moved (note edit 2.3 -> 1.9 s at 1,000, 21.3 -> 8.6 s at 5,000) by less than they
  vary between runs on this machine: the 5,000 figures of the last run were taken while the machine was busy.
- Edits under make serve, what remains: each run still stats and hashes every source to find what changed,
  computes and compares every page's key, reads and writes the manifest (about 1 s of generation at 1,000 and
  6-8 s at 5,000, in one process; a profile at 1,000 puts a third of it in comparing memo keys); MkDocs'
  --dirty rebuild walks every file and rebuilds the navigation, and the watcher waits about 0.5 s before a
  rebuild starts. All of it grows with the archive, so 5,000 stays over 3 s and 1,000 just over 1.5 s. Not
  tried: a rebuild driven by the watcher's list of changed files, which would not look at unchanged sources.
- MkDocs' share (3.6-3.7x plain at 1,000 and 5,000): a profile of MkDocs on our 1,000-article pages puts
  53 % in Python-Markdown (its inline patterns 19 %, its raw-HTML preprocessor 9 %), 22 % in Material's search
  indexing (it parses every page's HTML again) and 11 % in Material's page template, over 1,475 pages (plain:
  1,001). Tried and not kept: the bodies' term links written as inline HTML instead of titled links with
  attribute lists (17,215 links at 1,000: MkDocs took 24.6 and 27.0 s against 21.7 and 25.4 s before, no gain:
  Python-Markdown's inline-HTML pattern costs what the link pattern did).
- Generation (about 25 %): a serial profile at 300 articles puts 18 % in markdown-it parsing (about five
  parses per article: sanitiser, notes, linker, rewrites), 10 % in mdformat writing bodies back, 27 % in Jinja.
  Tried and kept: one markdown-it parser per process (building one per text cost about 4 %). Not done: one
  parse per body shared by the sanitiser, the note anchoring and the linker; it would save at most the
  parsing's share, so generation would stay near 20 %. Linear, on two cores.
- Peak memory (process tree, sampled): make build peaks while MkDocs holds every page (1,258 MiB at 5,000; plain
  MkDocs 338 MiB). The deployed build peaks in Pagefind's indexer, which holds the whole index in memory and
  has no setting to bound it (a known limit upstream, Pagefind/pagefind#842). Generation's own peak is its
  forked workers and the parent together.
- Search: Pagefind's code and entry file now load when the search box opens. The first result is the median
  of three runs in fresh browser contexts; a single run at 5,000 read 2.7 s where idle re-runs read 1.5-1.6 s.
  At 10,000 (2.6 s, 0.58 MB) what grows is what the query needs: its two words occur in nearly every article,
  so their postings grow with the archive (at 5,000 the three index chunks it fetches weigh 196 KB and the
  page list 46 KB, beside 160 KB of Pagefind's own code and ten excerpts of about 4 KB); the wasm search over
  those postings takes about 0.5 s at 5,000. Not tried: leaving the repeated blocks (terms on the page,
  related reading, citations) out of Pagefind's index, which would shrink the postings of the words they
  repeat but not of words the articles themselves use."""


def _search_rows(rows: list[dict]) -> list[dict]:
    """The full bench's rows, plus search-only rows for sizes it did not run."""
    path = RESULTS / "search.json"
    extra = json.loads(path.read_text(encoding="utf-8"))["rows"] if path.exists() else []
    done = {r["articles"] for r in rows}
    return sorted(rows + [r for r in extra if r["articles"] not in done], key=lambda r: r["articles"])


def report(rows: list[dict]) -> str:
    """The issue's table with its targets, the measurements behind it, search at every size, and the causes."""
    searched = _search_rows(rows)
    return "\n".join(
        ["Targets (each row of the issue; plain MkDocs measured in the same run):", "",
         targets_table(searched if len(searched) > len(rows) else rows), "", "Measurements:", "", table(rows), "",
         f"Search, query {QUERY!r} typed as the home page loads, in headless Chromium, median of "
         f"{SEARCH_RUNS} runs in fresh contexts (sizes beyond the table above come from `--search-only` runs):", "", search_table(searched), "", CAUSES]
    )  # fmt: skip
