"""Chicago and APA citations: formatted from the article's CSL-JSON item by the official styles."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ARTICLE, Project

from build_tools import identifiers, pipeline
from build_tools.errors import BuildFailed
from build_tools.incremental import citations
from build_tools.incremental.memo import Memo
from build_tools.incremental.trust import Seal
from build_tools.models import Article
from build_tools.render import cite as cite_module
from build_tools.render import citeproc
from build_tools.render.cite import cite_all
from build_tools.values import PublishedDate

ARCHIVE = "https://archive.example.org/"


@pytest.fixture(autouse=True)
def site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", ARCHIVE)


def article(**changes: object) -> Article:
    values = dict(
        slug="talks", path="articles/talks.md", title="Talks in Seoul on wartime control", outlet="Example News",
        url="https://example.org/talks", published=PublishedDate(2006, 3), date_note=None, byline=None,
        language="en", summary="S.", tags=("opcon",), capture_note=None, body="B.\n", body_line=10,
    )  # fmt: skip
    return Article(**{**values, **changes})


def cite(one: Article) -> cite_module.Citations:
    return cite_all([one])[one.slug]


def test_an_unsigned_article_is_cited_under_its_outlet_in_chicago_and_its_title_in_apa() -> None:
    c = cite(article())
    assert c.chicago == "Example News. “Talks in Seoul on wartime control.” March 2006. https://example.org/talks."
    assert c.apa == "Talks in Seoul on wartime control. (2006, March). Example News. https://example.org/talks"


def test_the_archive_copy_is_the_original_kept_in_the_archive_at_the_page_address() -> None:
    c = cite(article())
    page = ARCHIVE + "articles/talks/"
    assert c.archive_chicago == (
        f"Example News. “Talks in Seoul on wartime control.” March 2006. The Briefing Archive. {page}."
    )
    assert (
        c.archive_apa == f"Talks in Seoul on wartime control. (2006, March). Example News. The Briefing Archive. {page}"
    )


@pytest.mark.parametrize(
    ("date", "chicago", "apa"),
    [
        (PublishedDate(2017, 10, 28), "October 28, 2017", "(2017, October 28)"),
        (PublishedDate(2017, 10), "October 2017", "(2017, October)"),
        (PublishedDate(2006), "2006", "(2006)"),
    ],
)
def test_a_byline_leads_and_the_date_is_only_as_precise_as_known(date: PublishedDate, chicago: str, apa: str) -> None:
    c = cite(article(byline="Jane Reporter", published=date, url=None))
    assert c.chicago == f"Jane Reporter. “Talks in Seoul on wartime control.” Example News, {chicago}."
    assert c.apa == f"Jane Reporter. {apa}. Talks in Seoul on wartime control. Example News."


def test_a_korean_title_keeps_its_own_form() -> None:
    c = cite(article(title="전작권 전환 합의", outlet="조선일보", language="ko", url=None))
    assert c.chicago == "조선일보. “전작권 전환 합의.” March 2006."
    assert c.apa == "전작권 전환 합의. (2006, March). 조선일보."


def test_each_article_is_cited_as_if_alone_not_as_one_of_a_reference_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """In one reference list APA tells apart two articles of one author and year with "2006a" and
    "2006b" (an article and its archive copy too); a page's citation must not carry that letter."""
    one = article(byline="Jane Reporter")
    two = article(slug="more", title="More talks", byline="Jane Reporter")
    together = cite_all([one, two])
    assert together["talks"] == cite(one) and together["more"] == cite(two)
    assert all("(2006, March)" in text for c in together.values() for text in (c.apa, c.archive_apa))
    monkeypatch.setattr(citeproc, "standalone_style", lambda style: citeproc.style_file(style).read_bytes())
    assert "(2006a, March)" in str(cite_all([one, two]))  # what the style's own options would print


def test_titles_keep_the_capitals_they_were_published_with() -> None:
    """The styles' automatic title case would print "Roh Moo-Hyun", "Kim Jong-Un", "U.S. And ROK", and pandoc
    reads straight single quotes as quotation marks ("Rock “n” roll")."""
    titles = ("Roh Moo-hyun: U.S. and ROK at odds", "Kim Jong-un vs. Moon Jae-in", "e.g. USFK’s iPhone plan",
              "Rock 'n' roll diplomacy: Moon's 'Sunshine' ends")  # fmt: skip
    for title in titles:
        c = cite(article(title=title, byline="Kim Ji-hoon", url=None))
        assert c.chicago == f"Kim Ji-hoon. “{title}.” Example News, March 2006."
        assert c.apa == f"Kim Ji-hoon. (2006, March). {title}. Example News."


def test_markup_in_a_title_is_text_not_formatting() -> None:
    """CSL-JSON strings read <i>, <b> and <span class="nocase"> as markup; a title's own '<' stays text."""
    title = 'A <i>title</i>, <b>bold</b> <span class="nocase">markup</span> & <script>x</script>'
    c = cite(article(title=title))
    shown = "A <i>title</i>, <b>bold</b> <span class=“nocase”>markup</span> & <script>x</script>"  # quotes curled
    assert c.apa.startswith(shown + ". (2006, March).")
    assert c.chicago.startswith("Example News. “" + shown.replace("“", "‘").replace("”", "’") + ".”")


def test_the_page_shows_what_the_style_makes_of_the_published_csl_json(project: Project) -> None:
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", 'title: "US and ROK: \\"wartime\\" talks"'))
    pages = pipeline.render_pages(project.root)
    item = json.loads(pages["cite/talks.json"])
    shown = re.findall(r'<code class="language-text">(.*?)</code>', pages["articles/talks.md"].split("## Cite", 1)[1])
    unescaped = [text.replace("&quot;", '"').replace("&amp;", "&") for text in shown]
    texts = citeproc.format_items(item, tuple(cite_module.STYLES.values()))
    expected = [texts[cite_module.STYLES[name]][identifiers.article("talks")] for name in ("chicago", "apa")]
    assert unescaped[:2] == expected
    assert expected[0] == "Example News. “US and ROK: ‘wartime’ talks.” March 2006. https://example.org/talks."


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The ids of the items each call formats, in order (an article's identifier as its slug)."""
    calls: list[list[str]] = []

    def spy(items: list[dict], styles: tuple[str, ...]) -> dict[str, dict[str, str]]:
        calls.append([item["id"].removeprefix(identifiers.article("")) for item in items])
        return citeproc.format_items(items, styles)

    monkeypatch.setattr(cite_module, "format_items", spy)
    return calls


def test_a_note_edit_formats_no_citation_again_and_a_title_edit_only_that_article(
    project: Project, formatted: list[list[str]]
) -> None:
    project.article("talks")
    project.article("other", ARTICLE.replace("Talks in Seoul", "Other talks"))
    memo = Memo()
    pipeline.render_pages(project.root, memo=memo)
    assert sorted(formatted[0]) == ["archive:other", "archive:talks", "other", "talks"] and len(formatted) == 1
    formatted.clear()
    note = "  - id: met\n    quote: Officials met\n    note: A note.\n    author: octocat\n    kind: context\n"
    note += "    sources: [{title: A source, url: 'https://example.org/s'}]\n"
    project.write("articles/talks.annotations.yml", "annotations:\n" + note)
    pipeline.render_pages(project.root, memo=memo)
    assert formatted == []
    project.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))
    after = pipeline.render_pages(project.root, memo=memo)
    assert formatted == [["talks", "archive:talks"]]
    assert "Talks in Busan" in after["articles/talks.md"] and after == pipeline.render_pages(project.root)


def test_a_build_reuses_the_citations_the_last_build_into_docs_formatted(
    project: Project, formatted: list[list[str]]
) -> None:
    project.article("talks")
    project.article("other", ARTICLE.replace("Talks in Seoul", "Other talks"))
    pipeline.generate(project.root)
    store = project.root / "docs" / citations.STORE
    first = store.read_bytes()
    project.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))
    pipeline.generate(project.root)  # a new process would find the same store: no memo is kept here
    assert formatted[1:] == [["talks", "archive:talks"]]
    assert "Talks in Busan" in store.read_text(encoding="utf-8") and "Talks in Seoul" not in store.read_text()
    project.article("talks")  # back to the first text: the store now holds the Busan title, not this
    pipeline.generate(project.root)
    assert formatted[2:] == [["talks", "archive:talks"]] and store.read_bytes() == first


def test_under_serve_the_store_is_written_only_when_a_citation_was_formatted(
    project: Project, formatted: list[list[str]]
) -> None:
    project.article("talks")
    memo, store = Memo(), project.root / "docs" / citations.STORE
    pipeline.generate(project.root, memo=memo)
    assert json.loads(store.read_text(encoding="utf-8"))
    store.write_text("{}", encoding="utf-8")  # were it written again, this would be replaced
    project.article("talks", ARTICLE.replace("Officials met for", "Officials met in Seoul for"))
    pipeline.generate(project.root, memo=memo)
    assert store.read_text(encoding="utf-8") == "{}" and len(formatted) == 1
    project.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))
    pipeline.generate(project.root, memo=memo)
    assert "Talks in Busan" in store.read_text(encoding="utf-8") and len(formatted) == 2


def test_a_store_that_is_not_the_build_s_own_is_not_read(project: Project, formatted: list[list[str]]) -> None:
    project.article("talks")
    pipeline.generate(project.root)
    page = (project.root / "docs/articles/talks.md").read_text(encoding="utf-8")
    seal = Seal.of(project.root)
    kept = json.loads((project.root / "docs" / citations.STORE).read_text())["citations"]
    key = next(iter(kept))
    entries = (["a", 2, "c", "d"], ["a", "b", "c"], "abcd", {"chicago": "a"}, None)
    sealed = [{key: entry} for entry in entries]
    broken = [b"not json", b"\xff\xfe", b"[1, 2]", json.dumps({"citations": kept}).encode()] + [
        json.dumps(seal.sealed("citations", found)).encode() for found in sealed
    ]
    for data in broken:
        assert citations.stored(data, seal) == {}
        (project.root / "docs" / citations.STORE).write_bytes(data)
        (project.root / "docs/articles/talks.md").unlink()  # so the run does not stop early
        pipeline.generate(project.root)
        assert (project.root / "docs/articles/talks.md").read_text(encoding="utf-8") == page
    assert len(formatted) == 1 + len(broken)


def test_a_store_sealed_elsewhere_cannot_dictate_the_citations(project: Project, formatted: list[list[str]]) -> None:
    """A store committed to the repository, keyed right and sealed with another working copy's key (the
    attacker's), is not read: the page shows what the style makes of the article."""
    project.article("talks")
    pipeline.generate(project.root)
    page = (project.root / "docs/articles/talks.md").read_text(encoding="utf-8")
    kept = json.loads((project.root / "docs" / citations.STORE).read_text())["citations"]
    forged = {key: ["FORGED CHICAGO", "FORGED APA", *texts[2:]] for key, texts in kept.items()}
    other = Seal(b"k" * 32)
    data = json.dumps(other.sealed("citations", forged)).encode()
    (project.root / "docs" / citations.STORE).write_bytes(data)
    (project.root / "docs/articles/talks.md").unlink()
    pipeline.generate(project.root)
    assert (project.root / "docs/articles/talks.md").read_text(encoding="utf-8") == page
    assert "FORGED" not in (project.root / "docs" / citations.STORE).read_text(encoding="utf-8")


def test_new_styles_code_or_pandoc_format_every_citation_again(
    project: Project, monkeypatch: pytest.MonkeyPatch, formatted: list[list[str]]
) -> None:
    project.article("talks")
    pipeline.generate(project.root)
    (project.root / "docs/articles/talks.md").unlink()  # so the run does not stop early
    monkeypatch.setattr(citeproc, "pandoc_release", lambda: "99.0")
    citations._formatting.cache_clear()
    try:
        pipeline.generate(project.root)
    finally:
        citations._formatting.cache_clear()
    assert formatted == [["talks", "archive:talks"]] * 2


def test_a_new_site_address_formats_the_archive_citations_again(
    project: Project, monkeypatch: pytest.MonkeyPatch, formatted: list[list[str]]
) -> None:
    project.article("talks")
    pipeline.generate(project.root)
    monkeypatch.setenv("SITE_URL", "https://moved.example.net/")
    pipeline.generate(project.root)
    assert formatted[1:] == [["talks", "archive:talks"]]
    page = (project.root / "docs/articles/talks.md").read_text(encoding="utf-8")
    assert "The Briefing Archive. https://moved.example.net/articles/talks/." in page and ARCHIVE not in page


def test_many_items_go_through_several_pandoc_runs_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    several = [article(slug=f"a{n}", title=f"Talks {n}", byline="Jane Reporter") for n in range(5)]
    at_once = cite_all(several)
    monkeypatch.setattr(citeproc, "CHUNK", 3)
    assert cite_all(several) == at_once


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        (
            subprocess.CompletedProcess([], 3, b"", b"pandoc: out of memory\n"),
            "pandoc failed (exit status 3): pandoc: out",
        ),
        (
            subprocess.CompletedProcess([], 0, b"<p>nothing</p>", b""),
            f"pandoc gave no entry for {identifiers.article('talks')}, archive:talks",
        ),
        (subprocess.TimeoutExpired("pandoc", citeproc.TIMEOUT), "pandoc could not run: Command 'pandoc' timed out"),
        (PermissionError(13, "Permission denied"), "pandoc could not run: [Errno 13] Permission denied"),
    ],
)
def test_a_failing_pandoc_fails_the_build_with_what_it_said(
    project: Project, monkeypatch: pytest.MonkeyPatch, outcome: object, said: str
) -> None:
    def run(*args: object, **kwargs: object) -> object:
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    monkeypatch.setattr(citeproc.subprocess, "run", run)
    project.article("talks")
    with pytest.raises(BuildFailed) as failed:
        pipeline.generate(project.root)
    assert f"requirements.txt: the citations could not be formatted: {said}" in str(failed.value)
    assert not (project.root / "docs/articles").exists()  # nothing written


def test_citation_blocks_cannot_be_closed_by_the_text(project: Project) -> None:
    project.article(
        "talks", ARTICLE.replace("title: Talks in Seoul", "title: A title ```` with </pre><script>x</script>")
    )
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    block = page.split("## Cite this page", 1)[1].split("\n\n")[2]
    assert block == (
        '<pre class="highlight"><code class="language-text">Example News. “A title ```` with '
        "&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;.” March 2006. https://example.org/talks.</code></pre>"
    )


def test_without_pandoc_the_build_says_how_to_install_it(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)
    with pytest.raises(citeproc.CiteprocError, match="not installed") as missing:
        citeproc.pandoc_binary.__wrapped__()
    assert "make build" in missing.value.hint
    monkeypatch.setattr(citeproc, "pandoc_binary", citeproc.pandoc_binary.__wrapped__)
    project.article("talks")
    with pytest.raises(BuildFailed) as failed:
        pipeline.generate(project.root)
    assert "pypandoc-binary, which brings pandoc, is not installed" in str(failed.value)
    assert "hint: install the pinned requirements" in str(failed.value)
