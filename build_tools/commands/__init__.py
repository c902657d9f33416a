"""The commands besides generating the pages: `site` and `offline` (atomic builds with an engine),
`import` (saved pages -> new articles), `schemas` (editor schemas), `search` (which search
readers get, and the Pagefind index), `corrections` (the pull requests' rule), `passages` (the passage record,
and its checks, which `pipeline.check` runs), and `archive` and `linkcheck` (the sources' archived copies and
dead links: networked, bounded by `web`). No stage imports them but `pipeline`, for the record's checks."""
