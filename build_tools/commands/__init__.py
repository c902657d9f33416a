"""The commands besides generating the pages: `site` and `offline` (atomic builds with an engine),
`import` (saved pages -> new articles), `schemas` (editor schemas), and `search` (which search
readers get, and the Pagefind index). None of the stages imports them."""
