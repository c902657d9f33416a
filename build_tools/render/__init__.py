"""Stage 3, render: the linked archive -> the text of every page, keyed by its path under docs/.

- `pages`: the page families (which pages exist, and how each is rendered);
- `context`: the archive indexed once per run for all families;
- `cards`: what lists show of an article or an entry, so a page's memo key is all it reads;
- `environment`: Jinja2 with every value escaped by its type;
- `reading`: related reading and nearby events;
- `feeds`, `cite`: RSS and JSON feeds, citations.
"""

from __future__ import annotations

import jinja2

from build_tools.link.models import LinkedArticle
from build_tools.models import Archive
from build_tools.render.context import Site
from build_tools.render.environment import new_environment
from build_tools.render.pages import claims, render_page
from build_tools.render.reading import Plan, Reading

__all__ = ["Reading", "Site", "claims", "new_environment", "prepare", "render_page"]


def prepare(
    archive: Archive, linked: tuple[LinkedArticle, ...], reading: Reading, plans: tuple[Plan, ...],
    env: jinja2.Environment,
) -> Site:  # fmt: skip
    """What every page family reads, with the templates (`new_environment`) ready."""
    return Site(archive, linked, env, reading, plans)
