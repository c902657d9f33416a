"""The citations of a run: reused from the last run (the memo) or the last build (a store in docs/).

Formatting with the CSL styles (`render.cite`) starts pandoc, about 2 ms an article: at
5,000 articles, 10 s of every build. A citation depends only on its article's fingerprint
(its two CSL-JSON items, the styles, the code that formats them and pandoc's release), so
the build leaves what it formatted in `docs/cite/.formatted.json` and the next build
formats only the articles whose fingerprint it does not find there. The briefings' citations
(`cite.BriefingCitations`) are formatted, kept and stored alongside, by their own fingerprints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from functools import cache, partial
from pathlib import Path

from build_tools.config import CITATION_STORE
from build_tools.disk import RECORD_LIMIT, read_regular
from build_tools.errors import BuildFailed, SourceError
from build_tools.incremental.memo import Memo
from build_tools.incremental.trust import UNSEALED, Seal
from build_tools.link.models import LinkedArticle, LinkedBriefing
from build_tools.models import Article
from build_tools.progress import Progress
from build_tools.render import cite, citeproc
from build_tools.render.briefings import BriefingCard
from build_tools.render.cite import BriefingCitations, Citations
from build_tools.write import write_changed

_CODE = b"".join(Path(module.__file__).read_bytes() for module in (cite, citeproc))  # type: ignore[arg-type]
"""The formatting code as it was imported, that is, as it runs."""

Cited = Citations | BriefingCitations
"""An article's citations or a briefing's."""

STORE = CITATION_STORE
"""Where a build leaves its citations, by fingerprint (a dot file: the engines do not publish it), sealed with
the working copy's key (`trust`): a store committed to the repository or copied in is never read."""


def formatted(
    linked: tuple[LinkedArticle, ...],
    progress: Progress,
    memo: Memo,
    docs: Path | None,
    seal: Seal = UNSEALED,
    briefings: tuple[LinkedBriefing, ...] = (),
) -> tuple[dict[str, Citations], dict[str, BriefingCitations], str | None]:
    """Every article's citations by slug, every briefing's by slug, and the store of them for the next build
    (None when the last run of this process left every one of them, so the store on disk is already written).

    Citations whose fingerprint the last run (the memo) or the last build into `docs` (its
    store, read only when the memo lacks some) formatted are reused; the others are formatted
    together: pandoc starts once per thousand items, not per article, and the few briefings go
    into the same runs. BuildFailed when pandoc is missing or fails."""
    cards = tuple(BriefingCard.of(item.briefing) for item in briefings)
    try:
        keys = {item.article.slug: memo.get(("fingerprint", item.article), partial(fingerprint, item.article))
                for item in linked}  # fmt: skip
        briefing_keys = {card.slug: memo.get(("fingerprint", card), partial(briefing_fingerprint, card))
                         for card in cards}  # fmt: skip
        wanted = {key: Citations for key in keys.values()} | {key: BriefingCitations for key in briefing_keys.values()}
        remembered = _remembered(wanted, memo)
        found = remembered | _stored_in(docs, {k: t for k, t in wanted.items() if k not in remembered}, seal)
        todo = [item.article for item in linked if keys[item.article.slug] not in found]
        todo_briefings = [card for card in cards if briefing_keys[card.slug] not in found]
        progress.start("formatting citations", len(todo) + len(todo_briefings))
        found |= _formatted_now(todo, todo_briefings, keys, briefing_keys)
    except citeproc.CiteprocError as error:
        problem = SourceError("requirements.txt", None, f"the citations could not be formatted: {error}", error.hint)
        raise BuildFailed((problem,)) from error
    progress.advance(len(todo) + len(todo_briefings))
    for key in found.keys() - remembered.keys():
        memo.keep(("citations", key), found[key])
    by_slug = {slug: found[key] for slug, key in keys.items()}
    by_briefing = {slug: found[key] for slug, key in briefing_keys.items()}
    return by_slug, by_briefing, None if len(remembered) == len(found) else store(found, seal)  # type: ignore[return-value]


def _formatted_now(
    articles: list[Article], briefings: list[BriefingCard], keys: dict[str, str], briefing_keys: dict[str, str]
) -> dict[str, Cited]:
    """The citations of `articles` and `briefings`, formatted together, by fingerprint (`keys`, by slug)."""
    if not articles and not briefings:
        return {}
    of_articles, of_briefings = cite.cite_every(articles, briefings)
    found: dict[str, Cited] = {keys[slug]: citations for slug, citations in of_articles.items()}
    return found | {briefing_keys[slug]: citations for slug, citations in of_briefings.items()}


def fingerprint(article: Article) -> str:
    """A digest of everything `article`'s citations are made from."""
    items = json.dumps(cite.items(article), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(items + _formatting()).hexdigest()


def briefing_fingerprint(card: BriefingCard) -> str:
    """A digest of everything a briefing's citations are made from (its item names it a briefing: no article's
    fingerprint can be the same)."""
    item = json.dumps(cite.briefing_item(card), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(item + _formatting()).hexdigest()


@cache
def _formatting() -> bytes:
    """What makes the texts besides the items: the code that formats, the styles as pandoc gets them,
    and pandoc's release."""
    styles = b"".join(citeproc.standalone_style(style) for style in cite.STYLES.values())
    return hashlib.sha256(_CODE + styles).digest() + citeproc.pandoc_release().encode()


def _remembered(keys: dict[str, type], memo: Memo) -> dict[str, Cited]:
    """The citations of `keys` (fingerprints, each with the kind of citations wanted) the memo holds."""
    found: dict[str, Cited] = {}
    for key, kind in keys.items():
        hit, citations = memo.lookup(("citations", key))
        if hit and isinstance(citations, kind):
            found[key] = citations
    return found


def _stored_in(docs: Path | None, keys: dict[str, type], seal: Seal) -> dict[str, Cited]:
    """The citations of `keys` (each with the kind wanted) in the store the last build left in `docs` (not read
    when none is wanted)."""
    if not keys or docs is None:
        return {}
    try:
        kept = stored(read_regular(docs / STORE, RECORD_LIMIT), seal)
    except OSError:
        return {}
    return {key: kept[key] for key, kind in keys.items() if isinstance(kept.get(key), kind)}


def stored(data: bytes, seal: Seal) -> dict[str, Cited]:
    """Citations by fingerprint, from what `store` wrote and `seal` verifies; nothing from anything else: four
    texts are an article's, two a briefing's."""
    try:
        found = seal.opened("citations", json.loads(data.decode("utf-8")))
    except ValueError:  # UnicodeDecodeError too
        return {}
    if found is None:
        return {}
    kinds = {len(kind.__dataclass_fields__): kind for kind in (Citations, BriefingCitations)}
    valid = {key: texts for key, texts in found.items() if isinstance(texts, list) and len(texts) in kinds}
    return {key: kinds[len(texts)](*texts) for key, texts in valid.items() if all(isinstance(t, str) for t in texts)}


def store(citations: dict[str, Cited], seal: Seal) -> str:
    """Citations by fingerprint as JSON, sorted (the same citations give the same bytes), sealed."""
    found = {key: list(astuple(c)) for key, c in sorted(citations.items())}
    return json.dumps(seal.sealed("citations", found), ensure_ascii=False, indent=0) + "\n"


def keep(docs: Path, text: str | None) -> None:
    """Leave the store `text` in `docs` for the next build (written only when it changed; None: unchanged)."""
    if text is not None:
        write_changed(docs / STORE, text)
