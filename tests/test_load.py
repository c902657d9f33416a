"""Loading sources into models, and the file:line errors for bad input."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, Project
from markdown_it import MarkdownIt

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.escape import destination
from build_tools.load import load_archive
from build_tools.load.sanitize import article_problems, note_problems
from build_tools.markdown import parse
from build_tools.values import PublishedDate


def errors_of(project: Project) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.render_pages(project.root)  # loading, linking and page planning report together
    return [str(error) for error in failed.value.errors]


def test_loads_article_and_glossary(project: Project) -> None:
    project.article("talks")
    archive = load_archive(project.root)
    (article,) = archive.articles
    assert article.slug == "talks"
    assert article.title == "Talks in Seoul"
    assert article.published == PublishedDate(2006, 3)
    assert article.tags == ("opcon",)
    assert article.body.startswith("Officials met")
    assert article.body_line == 11
    assert [term.id for term in archive.terms] == ["spi", "opcon"]
    assert archive.terms[0].aliases[0].exact_case is True
    assert archive.terms[0].aliases[1].exact_case is False


def test_articles_are_newest_first(project: Project) -> None:
    project.article("older", ARTICLE.replace("2006-03", "2005"))
    project.article("newer", ARTICLE.replace("2006-03", "2017-10-30"))
    project.article("middle", ARTICLE)
    assert [a.slug for a in load_archive(project.root).articles] == ["newer", "middle", "older"]


@pytest.mark.parametrize(
    ("value", "label", "precision"),
    [("2006", "2006", "year"), ("2006-03", "March 2006", "month"), ("2017-10-28", "28 October 2017", "day")],
)
def test_date_is_shown_only_as_precisely_as_known(project: Project, value: str, label: str, precision: str) -> None:
    project.article("a", ARTICLE.replace("2006-03", value))
    (article,) = load_archive(project.root).articles
    assert (article.published.label, article.published.precision) == (label, precision)


def test_missing_title_names_file_and_line(project: Project) -> None:
    project.article("a", ARTICLE.replace("title: Talks in Seoul\n", ""))
    (message,) = errors_of(project)
    assert message.startswith("articles/a.md:2: front matter is missing required key 'title'")
    assert "hint: add a line such as `title:" in message


def test_unknown_key_suggests_the_right_one(project: Project) -> None:
    project.article("a", ARTICLE.replace("outlet:", "outlett:"))
    messages = errors_of(project)
    assert any(
        m.startswith("articles/a.md:3: unknown key 'outlett'") and "did you mean 'outlet'" in m for m in messages
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("published: 2006-03", "published: March 2006", "articles/a.md:5: 'March 2006' is not a date"),
        ("published: 2006-03", "published: 2006-02-30", "articles/a.md:5: '2006-02-30' is not a real date"),
        ("url: https://example.org/talks", "url: ftp://example.org/talks", "articles/a.md:4: 'ftp://"),
        ("language: en", "language: English", "articles/a.md:6: 'English' is not a language tag"),
        ("tags: [opcon]", "tags: [Wartime Control]", "articles/a.md:8: 'Wartime Control' is not a valid id"),
        ("tags: [opcon]", "tags: opcon", "articles/a.md:8: expected a list here"),
        ("title: Talks in Seoul", "title: Talks: in Seoul: x", "articles/a.md:2: invalid YAML"),
        ("outlet: Example News", "outlet: Example News\ntitle: Again", "articles/a.md:4: duplicate key 'title'"),
        ("outlet: Example News", "outlet: &o Example News", "articles/a.md:3: invalid YAML: anchors and aliases"),
        ("outlet: Example News", "outlet: !!python/name:os.system x", "articles/a.md:3: invalid YAML: YAML tags"),
    ],
)
def test_bad_front_matter_is_reported_at_its_line(project: Project, old: str, new: str, expected: str) -> None:
    assert old in ARTICLE
    project.article("a", ARTICLE.replace(old, new))
    assert any(message.startswith(expected) for message in errors_of(project)), errors_of(project)


def test_http_addresses_are_accepted_for_originals_and_sources(project: Project) -> None:
    """Many originals predate https: an http address is a link like any other; other schemes stay refused."""
    project.article("a", ARTICLE.replace("url: https://example.org/talks", "url: http://example.org/2005/talks.html"))
    project.write("glossary.yml", project.root.joinpath("glossary.yml").read_text().replace(
        "url: https://example.org/spi", "url: http://eai.or.kr/new/en/pub/view.asp?intSeq=17739"))  # fmt: skip
    archive = load_archive(project.root)
    assert archive.articles[0].url == "http://example.org/2005/talks.html"
    assert archive.terms[0].sources[0].url == "http://eai.or.kr/new/en/pub/view.asp?intSeq=17739"
    pipeline.check(project.root)  # the whole check passes


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "javascript:alert(1)", "//example.org/a", "httpx://example.org"]
)
def test_other_schemes_stay_refused(project: Project, url: str) -> None:
    project.article("a", ARTICLE.replace("url: https://example.org/talks", f"url: {url}"))
    assert any(m.startswith("articles/a.md:4:") and "not a web address" in m for m in errors_of(project))


def test_yaml_never_guesses_types(project: Project) -> None:
    project.article(
        "a", ARTICLE.replace("title: Talks in Seoul", "title: NO").replace("outlet: Example News", "outlet: 1.0")
    )
    (article,) = load_archive(project.root).articles
    assert (article.title, article.outlet) == ("NO", "1.0")


def test_every_problem_of_the_run_is_reported_together(project: Project) -> None:
    project.article("a", ARTICLE.replace("title: Talks in Seoul\n", ""))
    project.article("b", ARTICLE.replace("published: 2006-03", "published: soon"))
    project.write(
        "glossary.yml",
        project.root.joinpath("glossary.yml")
        .read_text(encoding="utf-8")
        .replace("related: [opcon]", "related: [nope]"),
    )
    messages = errors_of(project)
    assert [m.split(":")[0] for m in messages] == ["articles/a.md", "articles/b.md", "glossary.yml"]
    assert "unknown related term 'nope'" in messages[2] and "known: opcon, spi" in messages[2]


def test_file_structure_errors(project: Project) -> None:
    project.article("no-front-matter", "Just text.\n")
    project.article("unclosed", "---\ntitle: x\n")
    project.article("empty-body", ARTICLE.split("---\n\n")[0] + "---\n\n")
    project.article("Bad_Name")
    (project.root / "articles" / "latin1.md").write_bytes(ARTICLE.replace("Seoul", "S\xe9oul").encode("latin-1"))
    messages = errors_of(project)
    assert "articles/Bad_Name.md: file name 'Bad_Name.md' is not a valid slug" in messages[0]
    expected = [
        "articles/empty-body.md:10: the article has no text",
        "articles/latin1.md: not UTF-8: byte",
        "articles/no-front-matter.md:1: missing YAML front matter",
        "articles/unclosed.md:1: front matter is not closed",
    ]
    for prefix in expected:
        assert any(m.startswith(prefix) for m in messages), (prefix, messages)


def test_crlf_and_bom_give_the_same_article(project: Project) -> None:
    project.article("a")
    plain = load_archive(project.root).articles[0]
    (project.root / "articles" / "a.md").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    assert load_archive(project.root).articles[0] == plain


def test_symlinked_article_is_refused(project: Project) -> None:
    target = project.write("elsewhere.md", ARTICLE)
    (project.root / "articles" / "link.md").symlink_to(target)
    assert errors_of(project) == [
        "articles/link.md: is a symbolic link; only regular files are read\n    hint: copy the file here"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - id: opcon",
            "  - id: spi",
            "glossary.yml:12: term 'spi' would write the page glossary/spi.md, which term 'spi' (glossary.yml:2) already writes",
        ),
        (
            "[OPCON, operational control",
            "[OPCON, SPI, operational control",
            "glossary.yml:12: alias 'SPI' of 'glossary/opcon' is already an alias of 'glossary/spi'",
        ),
        (
            "    short: Authority to direct forces.\n",
            "",
            "glossary.yml:12: a glossary term is missing required key 'short'",
        ),
        ("url: https://example.org/spi", "url: ftp://example.org/spi", "glossary.yml:11: 'ftp://example.org/spi'"),
        (
            "aliases: [SPI, Security",
            "aliases: [{text: SPI, case: upper}, Security",
            "glossary.yml:7: case must be one of exact, any",
        ),
        (
            "    sources:\n      - title: A source\n        url: https://example.org/spi\n",
            "    sources: []\n",
            "glossary.yml:9: the list needs at least 1 item",
        ),
    ],
)
def test_bad_glossary_is_reported_at_its_line(project: Project, old: str, new: str, expected: str) -> None:
    text = project.root.joinpath("glossary.yml").read_text(encoding="utf-8")
    assert old in text
    project.write("glossary.yml", text.replace(old, new, 1))
    assert any(message.startswith(expected) for message in errors_of(project)), errors_of(project)


def test_alias_case_can_be_set_explicitly(project: Project) -> None:
    text = project.root.joinpath("glossary.yml").read_text(encoding="utf-8")
    project.write("glossary.yml", text.replace("aliases: [SPI,", "aliases: [{text: Spi Talks, case: exact}, SPI,"))
    alias = load_archive(project.root).terms[0].aliases[0]
    assert (alias.text, alias.exact_case) == ("Spi Talks", True)


def test_a_definition_no_link_uses_is_held_to_the_same_schemes(project: Project) -> None:
    """Every address is judged, used or not: the parse the rules read is the one linking writes the page from."""
    project.article("a", ARTICLE + "\n[unused]: javascript:alert(1)\n")
    (message,) = [m for m in errors_of(project) if "javascript" in m]
    assert message.startswith("articles/a.md:15: links with the scheme 'javascript:' are not allowed in articles")


def test_an_articles_text_is_parsed_once_for_its_checks_and_its_links(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.article("a")
    body = load_archive(project.root).articles[0].body
    parsed: list[str] = []
    real = MarkdownIt.parse
    monkeypatch.setattr(MarkdownIt, "parse", lambda self, src, env=None: parsed.append(src) or real(self, src, env))
    pipeline.render_pages(project.root)
    assert parsed.count(body) == 1


def test_an_address_that_is_no_address_is_a_problem_at_its_line_not_a_crash(project: Project) -> None:
    project.article("a", ARTICLE + "\nSee [the talks](http://[i]).\n")
    (message,) = [m for m in errors_of(project) if "[i]" in m]
    assert message.startswith("articles/a.md:15: 'http://[i]' is not a valid address")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("[u]: javascript&colon;alert(1)", 3),  # an entity, as markdown-it reads it
        ("> [u]: javascript:alert('é')", 3),  # in a quote, percent-encoded by the parser
        ("- [u]:\n  javascript:alert(1)", 4),  # in a list item, the address on the next line
    ],
)
def test_a_definitions_address_is_reported_where_it_is_written(body: str, line: int) -> None:
    text = f"Words.\n\n{body}\n"
    ((offset, problem),) = article_problems(parse(text))
    assert text.count("\n", 0, offset) + 1 == line and "scheme 'javascript:'" in problem


@pytest.mark.parametrize("note", ["1. [x]: https://example.org/a", "> [x]: https://example.org/a\n\nSee [x]."])
def test_notes_refuse_a_definition_wherever_markdown_reads_one(note: str) -> None:
    """A definition inside a list item or a quote is one too: it would make the note's words vanish or a link."""
    assert any("definitions (`[x]: ...`) are not allowed" in problem for _, problem in note_problems(parse(note)))


def test_no_script_address_is_ever_written_as_a_link() -> None:
    """The last guard behind the rules: an address markdown-it would not link stops the build where it is written."""
    assert destination("https://example.org/a b") == "https://example.org/a%20b"
    for address in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "vbscript:x",
        "file:///etc/passwd",
        "data:text/html,x",
    ):
        with pytest.raises(ValueError, match="refused to write the address"):
            destination(address)


def test_a_drafts_text_is_parsed_once_for_its_checks_and_its_notes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article with problems still has its notes placed (their problems show in the same run), on the parse its
    checks made: a hostile text costs one parse, not two."""
    project.article("a", ARTICLE.replace("title: Talks in Seoul\n", ""))
    parsed: list[str] = []
    real = MarkdownIt.parse
    monkeypatch.setattr(MarkdownIt, "parse", lambda self, src, env=None: parsed.append(src) or real(self, src, env))
    errors_of(project)
    body = ARTICLE.split("---\n", 2)[2]
    assert [src for src in parsed if "Officials met" in src] == [body.lstrip("\n")]
