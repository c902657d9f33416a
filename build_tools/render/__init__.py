"""Stage 3, render: the linked archive -> the text of every page, keyed by its path under docs/.

- `pages`: the page families (which pages exist, and how each is rendered);
- `context`: the archive indexed once per run for all families;
- `environment`: Jinja2 with every value escaped by its type;
- `reading`: related reading and nearby events;
- `feeds`, `cite`: RSS and JSON feeds, citations.
"""

from __future__ import annotations

from pathlib import Path

from build_tools import urls
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive, Event
from build_tools.render.context import Site
from build_tools.render.environment import new_environment
from build_tools.render.pages import claims, render_page
from build_tools.render.reading import Plan, Reading

__all__ = ["Reading", "Site", "claims", "prepare", "render_page"]


def prepare(
    archive: Archive, linked: tuple[LinkedArticle, ...], reading: Reading, plans: tuple[Plan, ...], templates: Path
) -> Site:
    """What every page family reads, with the templates ready."""
    env = new_environment(templates)
    site = Site(archive, linked, env, reading, plans)
    env.globals.update(events_of=lambda key: site.events[key], concerns=lambda event: _concerns(site, event))
    return site


def _concerns(site: Site, event: Event) -> list[tuple[str, str]]:
    """(name, page) of everything an event concerns: entries, then articles."""
    out = [(site.entries[key].name, urls.entry(*key.split("/"))) for key in event.keys]
    return out + [(site.articles[slug].title, urls.article(slug)) for slug in event.articles]
