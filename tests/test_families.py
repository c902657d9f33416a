"""The page families: a page is made from its memo key alone, and a new family is added in one place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from conftest import ARTICLE
from site_helpers import copy_project

from build_tools import parallel, pipeline, render
from build_tools.convert import sidecar_path
from build_tools.errors import BuildFailed
from build_tools.incremental.memo import Memo
from build_tools.registry import Claim
from build_tools.render import pages
from build_tools.render.context import Site
from build_tools.render.families.base import Builds, Reads, Templated

COLOPHON = "articles/colophon.md"


@dataclass(frozen=True)
class Page:
    """What the orchestrator asked of one page."""

    site: Site
    """The linked archive it was given."""
    claim: Claim
    """The page."""
    key: tuple
    """The page's memo key: (family, path, reads)."""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real archive, with enough articles naming OPCON for its mentions to get pages by year; made here."""
    root = copy_project(tmp_path / "repo", sources=True)
    for number in range(24):
        text = ARTICLE.replace("published: 2006-03", f"published: {2000 + number % 4}-{1 + number % 12:02d}")
        (root / f"articles/report-{number:02d}.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(parallel, "_workers", lambda: 1)  # rendered in this process, where the spies are
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def asked(monkeypatch: pytest.MonkeyPatch) -> list[Page]:
    """Every page the orchestrator asks `render.render_page` for, from now on."""
    found: list[Page] = []
    real = render.render_page

    def spy(site: Site, claim: Claim) -> pages.Render:
        key, reads = real(site, claim)
        found.append(Page(site, claim, key))
        return key, reads

    monkeypatch.setattr(render, "render_page", spy)
    return found


def templates(root: Path) -> jinja2.Environment:
    """The project's templates, compiled as a worker compiles them."""
    return render.new_environment(root / "templates")


def test_every_family_has_pages_and_a_name_of_its_own(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = asked(monkeypatch)
    pipeline.render_pages(root)
    assert {page.claim.family for page in found} == set(pages.FAMILIES)  # so the tests below see every family
    assert len({family.name for family in pages.FAMILIES}) == len(pages.FAMILIES)


def test_a_page_is_made_from_its_key_alone(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = asked(monkeypatch)
    made = pipeline.render_pages(root)
    for page in found:
        family, path, reads = page.key
        assert (family, path) == (page.claim.family, page.claim.path) and isinstance(reads, Reads)
        assert reads == family.reads(page.site, page.claim) and hash(reads)  # a frozen value, read again the same
        assert family.render(templates(root), path, reads) == made[path], path  # the templates, path and reads only


def test_a_template_receives_exactly_what_its_page_reads(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every variable a template receives is a field of the page's reads (or made from them by `context`), and
    every name a template uses is one of those or a global of the environment, which holds no source."""
    given: dict[str, dict[str, object]] = {}
    real = jinja2.Template.render

    def spy(template: jinja2.Template, *args: object, **context: object) -> str:
        if template.name != "_blocks.html.j2":
            given[str(context["here"])] = context
        return real(template, *args, **context)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    found = asked(monkeypatch)
    pipeline.render_pages(root)
    templated = [page for page in found if isinstance(page.claim.family, Templated)]
    assert templated
    for page in templated:
        family, path, reads = page.key
        assert given[path] == {"here": path, **reads.context()}, path
        assert {field.name for field in fields(reads)} <= set(reads.context())
        env = templates(root)
        used = jinja2.meta.find_undeclared_variables(env.parse(env.loader.get_source(env, family.template)[0]))
        assert used <= set(given[path]) | set(env.globals), (family.name, used - set(given[path]))


@dataclass(frozen=True)
class TitlesReads(Reads):
    """What the colophon reads: the articles' titles."""

    titles: tuple[str, ...]
    """Every article's title, newest first."""


@dataclass(frozen=True)
class Colophon(Builds, Templated[TitlesReads]):
    """A family a contributor might add: one page listing every title."""

    def reads(self, site: Site, claim: Claim) -> TitlesReads:
        return TitlesReads(tuple(card.title for card in site.every_card()))


COLOPHON_TEMPLATE = """\
---
{{ generated("articles/", many=True) }}
title: Colophon
---

# Colophon

{% for title in titles %}
- {{ title }}
{% endfor %}
"""


@pytest.fixture
def colophon(root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The new family, added where every family is listed, with its template."""
    (root / "templates/colophon.md.j2").write_text(COLOPHON_TEMPLATE, encoding="utf-8")
    family = Colophon("colophon", "colophon.md.j2", COLOPHON, "the colophon", "templates/colophon.md.j2")
    monkeypatch.setattr(pages, "FAMILIES", (*pages.FAMILIES, family))
    yield root


def test_a_new_family_is_added_in_one_place_and_is_claimed_converted_and_kept(colophon: Path) -> None:
    root = colophon
    assert COLOPHON in pipeline.check(root).paths  # claimed, on a reserved path
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    assert "- Talks in Seoul" in before[COLOPHON]
    notes = root / "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml"
    edit(notes, "ten military missions", "ten missions")
    after = pipeline.render_pages(root, memo=memo)
    assert after[COLOPHON] is before[COLOPHON]  # a note is not what it reads: kept, not rendered again
    article = root / "articles/report-00.md"
    edit(article, "Talks in Seoul", "Talks in Busan")
    again = pipeline.render_pages(root, memo=memo)
    assert "- Talks in Busan" in again[COLOPHON] and again == pipeline.render_pages(root)
    pipeline.generate(root)
    assert (root / "docs" / sidecar_path(COLOPHON)).is_file()  # converted where it was rendered, as the others


def test_a_source_cannot_take_a_new_familys_page(colophon: Path) -> None:
    (colophon / "articles/colophon.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(BuildFailed, match="'colophon' is reserved"):
        pipeline.check(colophon)
