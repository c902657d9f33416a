"""Stage 3, render: the linked archive -> the text of every page, keyed by its path under docs/.

- `pages`: every page family, in one place (which pages exist, and how each is rendered);
- `families`: the families, one object each: the pages it claims, what one page reads, how it renders;
- `context`: the archive indexed once per run for all families;
- `cards`: what lists show of an article or an entry, so a page's memo key is all it reads;
- `environment`: Jinja2 with every value escaped by its type;
- `reading`: related reading and nearby events;
- `feeds`: RSS and JSON feeds (of the articles and briefings, and of the corrections: `corrections`);
- `cite`, `citeproc`, `references`, `metadata`: citations (CSL styles by pandoc's citeproc),
  reference files and the metadata reference managers read.
"""

from __future__ import annotations

from build_tools.render.context import Site
from build_tools.render.environment import blocks_made, new_environment
from build_tools.render.pages import claims, render_page
from build_tools.render.reading import Reading

__all__ = ["Reading", "Site", "blocks_made", "claims", "new_environment", "render_page"]
