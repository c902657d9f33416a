"""MkDocs glue (`hooks:` in mkdocs.yml): generate pages before every build.

All the work is in `build_tools.pipeline`, which also runs on its own
(`python -m build_tools build`) for engines that do not run hooks.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # plain `mkdocs` does not put the project on sys.path
    sys.path.insert(0, str(_ROOT))

from build_tools import convert, escape, pipeline, repository  # noqa: E402
from build_tools.commands import search  # noqa: E402
from build_tools.config import GENERATED_DIRS  # noqa: E402
from build_tools.convert import setting  # noqa: E402
from build_tools.errors import BuildFailed  # noqa: E402
from build_tools.incremental import inputs, memo  # noqa: E402
from build_tools.incremental.trust import Seal  # noqa: E402
from build_tools.progress import Progress  # noqa: E402
from build_tools.render.language import mark_korean  # noqa: E402

log = logging.getLogger("mkdocs.hooks.build_tools")


def _root(config) -> Path:
    """The project this hook belongs to (build_tools/ sits in it), wherever the config file is."""
    return _ROOT


LOCAL_SHIM = "javascripts/vendor/iframe-worker-shim.js"


@event_priority(-100)  # after Material's offline plugin has added its CDN polyfill
def on_config(config, **kwargs):
    """Offline builds load the vendored iframe-worker shim instead of one from a CDN.

    With `extra.search_engine: pagefind`, the script that answers the search box from
    Pagefind is added; offline builds keep Material's search (Pagefind needs a server).
    """
    polyfills = config.extra.get("polyfills") or []
    offline = any("iframe-worker" in url for url in polyfills)
    if offline:
        config.extra["polyfills"] = [LOCAL_SHIM if "iframe-worker" in url else url for url in polyfills]
    try:
        engine = search.engine(config.extra.get("search_engine", "material"))
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    config.extra["search_engine"] = "material" if offline else engine
    if config.extra["search_engine"] == "pagefind":
        config.extra_javascript.append(search.SCRIPT)
    _with_repository(config)
    return config


_REPOSITORY: repository.Repository | None = None
"""The repository pages link to (REPO_URL: `repository`), or None."""


def _with_repository(config) -> None:
    """Material's header link to the repository, and the archive's own edit links (MkDocs' would point at the
    generated files in docs/): `repo_url` set here from REPO_URL, and `edit_uri` off."""
    global _REPOSITORY
    try:
        _REPOSITORY = repository.repository()
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    config.repo_url = _REPOSITORY.url if _REPOSITORY else None
    config.repo_name = _REPOSITORY.url.split("/", 3)[3] if _REPOSITORY else None
    config.edit_uri = ""


def _pagefind(config) -> bool:
    return config.extra.get("search_engine") == "pagefind"


def on_startup(command, dirty, **kwargs) -> None:
    """Under `mkdocs serve`, keep a memo between rebuilds: an edit then redoes only what it touched."""
    memo.serving = command == "serve"


def on_pre_build(config, **kwargs) -> None:
    global _BUILD
    _BUILD = _Handing(  # once a build, on MkDocs' final config (after every plugin's on_config)
        setting.signature(config.markdown_extensions, config.mdx_configs, config.use_directory_urls), Seal.of(_ROOT)
    )
    if memo.driven:  # `make serve` generated the pages before starting this build
        return
    started = time.perf_counter()
    kept = memo.KEPT if memo.serving else memo.NONE
    try:
        result = pipeline.generate(_root(config), Path(config.docs_dir), Progress(emit=log.info), kept)
    except BuildFailed as failed:
        failed.annotate()
        raise PluginError(str(failed)) from None
    reused = f"; {kept.hits} steps reused from the last build" if kept.hits else ""
    log.info(
        f"Generated pages: {len(result.written)} written, {len(result.removed)} removed, "
        f"{result.unchanged} unchanged in {time.perf_counter() - started:.1f} s{reused}"
    )


class _Handing(NamedTuple):
    """What a build's converted pages are checked against (`convert.open_sidecar`)."""

    signature: str
    """The Markdown extensions and URL style of MkDocs' config, as generation signs them."""
    seal: Seal
    """This working copy's seal (read again each build: generation makes a new key when the key file is gone)."""


_BUILD = _Handing("", Seal(None))
"""Set by on_pre_build: with no key, nothing verifies (MkDocs converts every page)."""
_HANDED: dict[str, convert.Handed] = {}
"""The pages of this build that generation converted, by source path, from on_page_markdown to on_page_content."""
_CONTENT: dict[str, convert.Content] = {}
"""Where each of those pages' content is read when MkDocs builds the page (on_page_context), by source path."""


def on_page_markdown(markdown, page, config, **kwargs):
    """A page generation converted (`convert`) is handed over as HTML: MkDocs converts nothing of it.

    Under Pagefind, Material's own index stays empty (it would be loaded whole)."""
    if _pagefind(config):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    handed = convert.open_sidecar(Path(config.docs_dir), page.file.src_uri, markdown, *_BUILD)
    if handed is None:
        _CONTENT.pop(page.file.src_uri, None)
        return markdown
    _HANDED[page.file.src_uri] = handed
    return ""


def on_page_content(html, page, config, files, **kwargs):
    """A converted page's title, table of contents and anchors, as MkDocs would have made them (its content comes
    when MkDocs builds it: on_page_context); its live-markup guard ran where it was converted.

    Any other page gets the last guard: no page is published with live markup in its content (see
    escape.live_markup), nor markup in the title or description its front matter gives (Material writes those
    into the page unescaped; generated pages give them escaped)."""
    handed = _HANDED.pop(page.file.src_uri, None)
    if handed is not None:
        _CONTENT[page.file.src_uri] = _hand_over(handed, page, files)
    found = [] if handed is not None else escape.live_markup(html)
    found += [
        f"<...> in its front matter's {key}" for key in ("title", "description") if "<" in str(page.meta.get(key, ""))
    ]
    if found:
        where = page.file.src_uri
        raise PluginError(f"{where}: the rendered page holds live markup ({', '.join(found[:3])}); not published")
    return html


@event_priority(100)  # before Material's search indexes the content
def on_page_context(context, page, config, nav, **kwargs):
    """A converted page's content, read while MkDocs builds the page (and let go after: on_post_page), checked
    against the record MkDocs read it by: MkDocs holds one page's content at a time, not the whole site's."""
    content = _CONTENT.get(page.file.src_uri)
    if content is not None:
        page.content = content.html()
        if page.content is None:
            where = content.path.relative_to(config.docs_dir).as_posix()
            raise PluginError(
                f"{Path(config.docs_dir).name}/{where} changed while MkDocs built the site (it no longer holds the "
                "HTML its record was read by); delete it and build again (stop and start `make serve` first)"
            )
    if _REPOSITORY is not None:
        title = str(page.meta.get("title") or page.title or config.site_name)
        address = page.canonical_url or config.site_url or ""
        context["source_links"] = repository.page_links(_REPOSITORY, page.meta, page.file.src_uri, address, title)
    return context


@event_priority(-100)  # after every plugin's
def on_post_page(output, page, config, **kwargs):
    """Korean words marked as Korean (`lang="ko"`) wherever the page shows them: content, header, navigation. A
    converted page's content is let go: it is read again if the page is built again."""
    if page.file.src_uri in _CONTENT:
        page.content = ""
    return mark_korean(output)


def _hand_over(handed: convert.Handed, page, files) -> convert.Content:
    """Give `page` what MkDocs' own conversion would have: its table of contents, title, ids and the anchors its
    links name (MkDocs checks those against the pages they name, as after its own conversion); its content comes
    later."""
    page.toc = get_toc(handed.toc)
    if "title" not in page.meta and handed.title:
        page.title = handed.title
    page.present_anchor_ids = set(handed.ids)
    anchors: dict = {}
    for target, anchor, href in handed.anchors:
        found = files.get_file_from_path(target)
        if found is not None:
            anchors.setdefault(found, {}).setdefault(anchor, href)
    page.links_to_anchors = anchors
    return handed.content


def on_post_build(config, **kwargs) -> None:
    """Pagefind indexes the site; under `make build`, after MkDocs has exited (its pages no longer held while the
    indexer runs): the hook only says that the site wants it, in the file that search.LATER names."""
    if _pagefind(config):
        later = os.environ.get(search.LATER)
        if later:
            Path(later).write_text("pagefind", encoding="utf-8")
            return
        try:
            search.index_site(Path(config.site_dir))
        except BuildFailed as failed:
            raise PluginError(str(failed)) from None


def on_serve(server, config, builder, **kwargs):
    """Watch the sources; stop watching the generated folders.

    Generation writes into docs/, which MkDocs watches: without this, every edit
    would build twice (once for the source, once for the pages it regenerated).
    """
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for child in sorted(docs.iterdir()):
        if child.is_dir() and child.name not in GENERATED_DIRS:
            server.watch(str(child))
    for path in inputs.watched_paths(_root(config)):
        server.watch(str(path))
    return server
