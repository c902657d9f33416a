"""Build step of the Briefing Archive: sources in, Markdown pages for MkDocs out.

Stages, one module each: `load` (files -> models), `link` (glossary terms),
`render` (Jinja2 templates -> Markdown), `write` (pages -> docs/). `pipeline`
chains them; `mkdocs_hook` is the thin MkDocs glue.
"""
