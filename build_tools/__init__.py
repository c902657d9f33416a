"""Build step of the Briefing Archive: sources in, Markdown pages for MkDocs out.

The pipeline, one package per stage, chained by `pipeline` (the orchestrator):

    load/      files -> typed models; field kinds, validation, cross-file checks
    link/      articles -> linked articles; note anchoring, entry linking (exclusions,
               weak aliases and cues, articles' own rules: `matcher`); old passage ids placed
               (`amend`) and the passage record checked against the linked articles (`recorded`)
    render/    linked archive -> {page path: text}; page families (one object each: `families/`),
               templates, feeds, citations (CSL styles by pandoc's citeproc: `cite`, `citeproc`)
    convert/   each page's Markdown -> HTML in the worker that rendered it, as MkDocs would
    write.py   pages -> docs/, only what changed, all or nothing (`swap`: one journal of renames)

Around them:

    pipeline.py     the loops, the one report, the page registry, progress, reuse
    sources.py      load and link run together: each article read and linked in one job
    steps.py        the loop over jobs: from the memo, or on every core (`parallel`)
    generation.py   the runs that write: a build (streamed), a kept memo, a watched preview
    registry.py     every generated page claimed once
    incremental/    the last run's manifest, the serve-time memo, the citation store, and the
                    working copy's seal that makes them trustworthy (`trust`)
    config.py       paths and site settings; urls.py: page paths and anchor ids;
                    identifiers.py: permanent identifiers, under a base that no setting changes
    values.py       the types of contributed values; escape.py: how each type is
                    written into each output; markdown.py: contributed Markdown parsed
                    once and written again from that parse, as the renderer must read it
    models.py       articles, notes, events, the archive; entries.py: terms, people,
                    organisations and the words that name them; corrections.py: the dated
                    changes the archive made to its own text
    phrases.py      contributed phrases found in linear time (tokens, Aho-Corasick), never as
                    regular expressions
    disk.py         only regular files read, within limits; disk failures as problems
    swap.py         docs/ and site/ replaced all or nothing; what killed builds left, finished
    errors.py, text.py, progress.py
    dataset/        the archive as tables (CSV, JSON) and a Frictionless Data Package, columns made
                    from the field declarations (written by `render/families/dataset.py`)
    cited.py        every source the archive cites, with its file and line; what lacks an archived copy
    commands/       site and offline builds, import, editor schemas, search, links, the
                    corrections rule of pull requests, the passage record; archive and
                    linkcheck, the only ones that use the network (bounded: `web`)
    preview/        `make serve`: inotify watcher, MkDocs kept in memory, page-only rebuilds
    mkdocs_hook.py  the MkDocs glue
    __main__.py     the command line
"""
