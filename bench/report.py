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
    ("one note edited, visible under `make serve` (s)", lambda r: r.get("edit_serve_s"), "{:.2f}", {1000: 0.5, 5000: 1}),
    ("a definition edited, visible under `make serve` (s)", lambda r: r.get("glossary_serve_s"), "{:.2f}", {5000: 1}),
    ("an article's words edited, visible under `make serve` (s)", lambda r: r.get("article_serve_s"), "{:.2f}", {5000: 1}),
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
         f"{r['edit_serve_s']:.2f} s / {r['edit_generate_s']:.1f} s", f"{r['glossary_serve_s']:.2f} s / {_cell(r.get('article_serve_s'), '{:.2f} s')}",
         f"{r['baseline_mib']:.0f} / {r['generate_mib']:.0f} / {r['mkdocs_mib']:.0f} / {r['material_build_mib']:.0f}"
         f" / {r['build_mib']:.0f}",
         f"{r['baseline_site_mib']:.0f} / {r['site_mib']:.0f}"]
        for r in rows
    ])  # fmt: skip


CAUSES = """Where time and memory go after the change (issue #22), and what was tried:
- This run: SIZES=1000,5000 on this 2-core machine, after the fifth part of issue #22 (one synthetic article in
  ten Korean). Plain MkDocs took 6.4 s and 28.5 s here (5.4 s and 27.5 s in the run before on the same machine;
  5.5 s and 8.6 s at 1,000 in two runs of the commit before this part, this session): the machine's speed varies
  between runs, and ratios move by 10-30 % with it. The 10,000 column is a quiet `--search-only` run of the
  sixth part (nothing else running): the build as deployed peaked at 1,429 MiB (2,291 MiB after the second part,
  7,034 MiB before #22); readers' first result 1.9 s and 0.23 MB (Korean 1.8 s and 0.47 MB) (1.6 s after the second
  part, in another run; not investigated).
- make serve is an edit-driven preview (build_tools/preview/): an inotify watcher names the changed paths;
  generation hashes and reads again only those, MkDocs' config, files, navigation and theme stay in memory and
  only the pages generation changed are rendered again, then the browser reloads; search data, the sitemap and
  the citation store follow. A note edit visible at 1,000: 2.1 s (MkDocs' own serve) -> 0.56 s (second part) ->
  0.31-0.34 s; at 5,000: 3.7 s (second part) -> 2.15 s (third part) -> 1.27 s (fourth part's run) -> 1.94 s in
  this run; a definition 4.9 -> 2.1 -> 1.9 -> 2.5 s, an article's words 4.7 -> 2.3 -> 1.9 -> 2.8 s. This run's
  machine was slower (MkDocs on our pages 55 s at 5,000 against 44 s): the previews of the commits before and
  after the fifth part, run alternately on one 5,000-article archive, gave 1.41 / 2.11 / 2.00 s and 1.91 / 2.85
  / 2.88 s before, 1.43 / 2.03 / 2.07 s and 1.41 / 2.50 / 2.20 s after (a note, a definition, an article's
  words). Each page's reads are recorded as the site's facts it read
  (render/context.py: an article, an entry's card, its mentions, related reading, ...), and an edit reads again
  only the pages that read a fact whose value changed (incremental/reads.py), instead of building and hashing
  every page's key; articles/ is listed once and kept up to date from the watcher; an entry's mentions by year
  and each citation's fingerprint are reused; the link check after ids changed looks at the pages that link to
  them, not all; the cycle collector stays paused for the whole rebuild; and Material's search index is joined
  from each page's JSON, not encoded whole after every edit.
  Where an edit's time goes at 5,000 (timed stage by stage in process in the third part; the preview's own log:
  1.2-1.5 s from the batch to the page written, MkDocs' part 0.02-0.07 s): comparing the 25,000 recorded facts
  with the new site 0.16-0.24 s, loading (assembling and checking the archive across files, each article's memo
  key) 0.27-0.3 s, planning every page's claim 0.12-0.15 s, linking's lookups 0.07-0.1 s, the link check
  0.08-0.13 s, related reading's signature and index 0.08-0.15 s, indexing mentions and cards 0.05 s, rendering
  and converting the two pages 0.1 s, comparing the pages with the last run's 0.1 s; and up to 0.3-0.6 s more
  when the save comes while the last edit's search data and sitemap are still being written (the bench saves
  edits back to back). Each is whole-archive work with a small constant: meeting 1 s at 5,000 needs the
  archive, its claims and its indexes kept between edits and changed by the edit's delta (not rebuilt and
  compared); not done.
  The sixth part (after the bench run above) made an edit's whole-archive steps cheaper, measured in process at
  5,000 (three edits, each twice): an article's memo key is made from its name, and whether it is a link is kept
  until the watcher names it (no path arithmetic or `lstat` per article); related reading's signature is built
  only for the articles read again, the others' parts being the last run's (compared by identity); an article's
  link rules are not checked for nesting when they are too few to nest beyond the limit; the page jobs, not
  every claim, are sorted. Generation per edit 1.43-2.59 s (mean 2.02) -> 1.16-1.75 s (mean 1.53): the
  signature 0.04-0.17 -> 0.004 s, loading 0.29-0.47 -> 0.19-0.29 s, the checks across files 0.07-0.11 -> 0.02-0.04
  s. End to end, previews of the two commits run alternately on one archive (a note, a definition, an article's
  words, the note again): 1.86 / 2.39 / 2.57 / 2.21 s and 1.59 / 2.93 / 2.84 / 2.80 s before, 1.61 / 2.69 / 2.78
  / 2.18 s and 1.39 / 1.77 / 2.65 / 2.17 s after (mean 2.40 -> 2.16 s); the preview's own log after: 1.18 /
  1.19 / 2.14 / 1.50 s from the watcher's batch to the page written, MkDocs' part 0.02-0.09 s of it. What is
  left is still whole-archive: comparing the 25,000 recorded facts 0.19-0.38 s, planning every claim 0.11-0.23 s,
  the memo lookups of loading and linking 0.16-0.29 s, the link check 0.1-0.25 s, the site's indexes 0.1 s,
  the loop over every claim about 0.2 s.
  The preview also waited, before each save, for the last one's search data, sitemap and citation store to be
  written when it came at once (0.3-0.6 s at 5,000, most of it Material's 100 MB index); now these follow once
  saves stop for half a second (preview/server.py, `AFTER_QUIET`; at most 5 s while saves keep coming,
  `AFTER_LONGEST`), so a save that comes at once is shown first. A save that comes 0.5 s or more after the last
  page was shown still meets that writing, as before. Both changes together, previews of the two commits run
  alternately on one archive (the same four edits, back to back as the bench saves them): 1.40 / 2.33 / 2.17 /
  2.15 s and 1.93 / 2.43 / 3.17 / 2.36 s before, 1.15 / 1.49 / 1.63 / 1.44 s and 1.39 / 1.75 / 1.84 / 1.49 s
  after (mean 2.24 -> 1.52 s); the first edit of each run, which waited for nothing before it, 1.40 and 1.93 s
  -> 1.15 and 1.39 s. Still not 1 s at 5,000: generation's whole-archive steps above remain (1.3-1.8 s from
  the watcher's batch to the page in the last run's log, MkDocs 0.02-0.07 s of it).
- Generation: 21.2 s (first part) -> 16-17 s at 1,000 (second and third parts; 73-88 s at 5,000) -> 14.6 s
  (fourth part's run; 80.4 s at 5,000); 19.0 s and 80.1 s in this run (2.9x and 2.8x plain). The fourth part parses an article's plain paragraphs once: each top-level paragraph made of
  text, links, highlights and note markers (96 % of the synthetic corpus's, 22 of the real articles' 23) is written
  as HTML from markdown-it's tokens (build_tools/link/html.py), exactly as Python-Markdown converts its Markdown
  (tests/test_paragraph_html.py converts real, synthetic and generated hostile paragraphs both ways), and the
  conversion sets it aside unparsed. Serially in process at 1,000 that took converting the pages from 10.1-10.6
  to 7.4-8.1 s and mdformat from 1.5 to 0.3 s; in three interleaved builds of the two commits, generation's CPU
  fell 2-10 % (user 25.5-27.7 s -> 22.8-27.2 s); `make bench SIZES=1000` run back to back gave generation 2.8x
  plain both before (14.2 s, plain 5.0 s) and after (16.5 s, plain 5.9 s): within the machine's noise.
  Earlier parts: raw HTML parsed for ids only where an id could be, the tables extension's test skipped for
  blocks without a pipe, invisible characters scanned without the astral ranges unless present. Not twice as
  cheap: a serial profile at 1,000 after this part puts what is left in Python-Markdown converting the rest of
  each page (notes, headings, summary, front: about 7 s), linking's term matching (5-6 s), Jinja (2-3 s), loading
  (1.7-2.5 s, including a markdown-it parse that linking repeats), writing 10,890 files (1-4.7 s between runs)
  and pandoc (1.6-2 s); the next steps are the notes and the template's own Markdown written as HTML the same
  way, and one parse shared by loading and linking. Tried and dropped: skipping symbols outside the phrase
  automaton's alphabet (3 %), faster related-reading plans (0.06 s), garbage-collector settings (no gain, +190
  MB), passing parsed tokens between processes (costs as much as parsing), pandoc with a larger heap (5-10 % of
  pandoc for 35-100 MB more per run).
- Page families are one object each (build_tools/render/families/), each page's memo key derived from what it
  reads; the key cost did not move (building all keys 60-70 ms at 1,000).
- Memory: make build's peak at 5,000: 1,239 MiB (fourth part) -> 880 MiB in this run; generation's own 1,153 ->
  815 MiB, MkDocs' 854 MiB. The fifth part stopped render workers from copying the archive: they were forked
  from the process that holds it, and touching an object (a reference count is a write) copies its memory page,
  so each grew to about the archive's size (sampled at 5,000: the parent 454 MiB, its workers 404 and 335 MiB,
  proportional sizes). Each page's job is now a value (its path, family and what it reads) sent to workers
  forked from a small forkserver process that holds nothing of the archive (build_tools/parallel.py), an
  article's pages in one chunk so the article travels once; what every page shares (templates, settings, the
  site's paths) is sent to each worker once. Linking workers send back what they made, not a copy of the
  article; links found on thousands of pages are kept once. Sampled after: the parent 355 MiB once linked, up to
  about 600 MiB as pages come back, the workers 60-140 MiB each: 808 MiB in all (1,193 before, same archive).
  Cost: three builds at 1,000 took 16.3-18.6 s against 15.3-19.3 s before (pickling the jobs, within the
  machine's noise). Not met: 500 MiB at 5,000, by either stage. Generation (815 MiB): the parent holds the loaded
  and linked archive (355 MiB at 5,000, about 70 KB an article: the source, the linked body, mentions with their
  context) and, for the link check at the end, every page's links and ids (the rest of its growth); next: the
  articles' bodies kept on disk for the jobs of their pages, ids kept only where a link names them. MkDocs (854
  MiB) by itself, measured in the sixth part on one 5,000-article archive: 853 MiB with Material's search index
  (`make build`'s default), 474 MiB with that index left empty (as deployed: Pagefind indexes the site after
  MkDocs exits). Material's search plugin keeps the text of every section of every page until it writes its
  index at the end (101 MB of JSON), and MkDocs reads every page before it writes any; plain MkDocs on the same
  bodies peaks at 356 MiB. Marking the repeated lists `data-search-exclude` too (Pagefind leaves them out
  already) gave 756 MiB and a 77 MB index: not kept, as both stages would still be above 500 MiB. Tried before: freezing the collector
  before each fork (291 -> 283 MiB at 1,000, not kept). Pagefind's indexer holds its whole index; above 2,000
  pages the site is indexed in parts of at most 2,000, which the reader's browser merges (`mergeIndex`): the
  indexer's peak on one 5,000-article site 2,378 -> 819 MiB. The deployed build at 10,000: 2,291 MiB in the
  `--search-only` run after the second part, 1,391 MiB in one of the fifth part made while the test suite ran
  beside it, 1,429 MiB in the quiet run of the sixth part shown in the table.
- The seventh part (after the bench run above): one parse per contributed text, and MkDocs holding one page's
  content at a time. An article's text was parsed by markdown-it for the rules of restricted Markdown, then again
  in another job (a fork that sent the article across) to place its notes and link it; a note's or definition's
  text was parsed for the rules and again to be written back. Now the rules' parse is the one linked or written
  again (build_tools/markdown.py, `Parsed`), the registers are read and the matcher made first, and each article
  is read and linked in one job (build_tools/sources.py). Cold generation of one 1,000-article archive, the two
  commits run alternately three times, twice: CPU (user) 20.5 / 25.0 / 23.5 and 24.1 / 27.3 / 22.1 s before,
  19.8 / 21.5 / 19.3 and 18.3 / 24.4 / 22.4 s after (means 23.0 -> 20.2 s and 24.5 -> 21.7 s: -11 to -12 %);
  wall 27.3 -> 25.3 s and 30.0 -> 27.0 s; the generated pages the same bytes. MkDocs read every page before it
  built any, and held every converted page's HTML from then to the end; now it reads only each converted page's
  sealed first line (title, table of contents, ids, anchors) with the others, and the HTML when it builds that
  page, checked against the record, let go once the page is written (build_tools/mkdocs_hook.py,
  `on_page_context`). MkDocs on the generated pages of one 5,000-article archive, Material's search index kept
  (`make build`'s default), peak of the process tree: 850 -> 599 MiB; at 1,000 in `make bench SIZES=1000` run
  before and after (the second run quiet): 212 -> 160 MiB, 18.2 -> 18.3 s. The other rows of those two runs
  (plain MkDocs 11.8 and 10.9 s: a slower hour of this machine than the table's run): generation 26.9 -> 30.1 s
  (one run each; the interleaved runs above are the better measure), the full build with Pagefind 52.9 -> 47.6 s
  and with Material 60.4 -> 50.9 s, no change 0.88 -> 0.83 s, an edit under `make serve` 0.48 / 0.47 / 0.57 ->
  0.50 / 0.43 / 0.52 s (a note, a definition, an article's words), peaks 261 -> 258 MiB (generation), 273 ->
  271 (`make build`), 523 -> 524 (with Pagefind). What the misses now come to: `make build` at 5,000 peaks in
  generation (815-830 MiB: the parent holds the linked archive, about 330 MiB once linked, and every page's
  links and ids for the link check, about 260 MiB more, with two workers beside it) and MkDocs with Material's
  search index (599 MiB: the index holds every section's text until it is written); an edit at 5,000 is still
  whole-archive work with small constants (1.2-1.5 s of generation per edit, in process: comparing every
  recorded fact, planning every claim, the memo lookups, the link check); generation is not twice as cheap (what
  is left: Python-Markdown converting the notes, headings and front of each page, term matching, Jinja,
  pandoc); the cold build is still above 3x plain.
- Build time as deployed: 4.8x plain at 1,000 and 4.2x at 5,000 in this run (4.5x and 3.8x in the run before;
  5.1x before and 4.6x after this part in the back-to-back runs at 1,000; 7.8x before #22 at 5,000): generation
  is 2.7-2.9x plain by itself on two cores, so the 3x target cannot be met until generation is cheaper.
"""


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
