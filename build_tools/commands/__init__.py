"""The commands besides generating the pages: `site` and `offline` (atomic builds with an engine),
`import` (saved pages -> new articles), `schemas` (editor schemas), `search` (which search
readers get, and the Pagefind index), and `archive` and `linkcheck` (the sources' archived copies and dead
links: networked, bounded by `web`). None of the stages imports them."""
