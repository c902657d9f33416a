"""Inputs found by an adversarial review, kept as tests: the site must show them as typed or refuse them
with file and line; never run them, break a page's structure, or crash with a traceback."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from live_markup import in_site
from site_helpers import build_site, copy_project

from build_tools import pipeline
from build_tools.errors import BuildFailed

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

FIXTURE = Path(__file__).parent / "fixtures" / "injection"

ACCEPTED = [
    # Entities that decode to tags and to an attribute list, in an article's text.
    ("articles/report.md", "A second paragraph says the talks will continue.",
     "Officials said &lt;img src=x onerror=alert(1)&gt; and &#60;script&#62;alert(2)&#60;/script&#62;.\n\n"
     "The talks went on\n&#123;onmouseover&#61;alert(3)&#125;\n\nA #Heading-looking word and *x*{onmouseover}."),
    # A link definition inside a block quote, which Python-Markdown finds and markdown-it does not.
    ("glossary.yml", "definition: A longer explanation of the talks.",
     'definition: "> The talks are described [in this briefing][b].\\n> [b]: javascript:alert(document.domain)"'),
    # An attribute list of bare words.
    ("people.yml", "description: He led the US side at the talks.",
     'description: "He led the US side at the talks.\\n{onmouseover #md-main .md-typeset hidden}"'),
    # A code fence that is never closed.
    ("articles/report.annotations.yml", "note: A note with a [link](https://example.org/note).",
     'note: "A note with a [link](https://example.org/note).\\n\\n```"'),
    # A backtick and brackets in a tooltip.
    ("glossary.yml", "short: Authority to direct forces.", "short: Authority to run the ` command [x]."),
    # An apostrophe and parentheses in an address.
    ("glossary.yml", "url: https://example.org/spi", "url: https://example.org/'(x)"),
    # A source title that reads like a link definition.
    ("people.yml", "title: A person source", 'title: "Joint statement]: full-text (2006)"'),
    # Three equals signs around a word.
    ("timeline.yml", "title: A round of talks", 'title: "===Seoul=== round"'),
    # A dotless ı, which case folding does not make an i: the look-alike of an alias is not linked.
    ("articles/report.md", "Officials met in Seoul", "Talks on wartıme operational control. Officials met in Seoul"),
    # A tooltip whose quotes end the link early, so that the rest becomes an attribute list on it.
    ("people.yml", "short: A Pentagon official.",
     "short: \"A Pentagon official' ' ){#person-richard-lawless href=../people/index.md onmouseover=alert(21) x=1}\""),
    # The same inside contributed Markdown, with the braces as entities.
    ("people.yml", "description: Its headquarters building names it.",
     "description: 'A [link](https://example.org/note \"it''s'' )&#123;onclick&#61;alert(16)&#125;\").'"),
    # An image description that closes itself, and definitions mdformat would write unescaped.
    ("articles/report.md", "A #Heading-looking word",
     "![a&#93;(https://invalid.example/)&#123;onerror&#61;alert(12)&#125; b](https://example.org/y.png)\n\n"
     "See [y] too.\n\n[y]: https://example.org/y \"a\n&lt;img src=x onerror=alert(15)&gt;\"\n\n"
     "Read [x] for more.\n\n[x]\\: javascript:alert(14)\n\n[x]: https://example.org/x \"t\nu\"\n\n"
     "Seoul, March 9  \n(Yonhap)\n\n- The ministers agreed:\n  - a timetable\n\n  Both sides signed.\n\n"
     "A #Heading-looking word"),
    # A non-breaking space before ~~~, which mdformat strips, opening a fence that swallows the page; a quote
    # that ends in = next to the highlight's ==; a heading that ends in #.
    ("articles/report.md", "A #Heading-looking word",
     "The ministers met again.\n&nbsp;~~~\nLater that day:\n\n```\n~~~\n[m]: javascript:alert(document.cookie)\n\n"
     "[Full statement][m] (```)\n```\n\nIota kappa= lambda.\n\n## Lessons for C#\n\nA #Heading-looking word"),
    ("articles/report.annotations.yml", "        url: https://example.org/note-source\n",
     "        url: https://example.org/note-source\n  - id: iota\n    quote: Iota kappa=\n    note: A note.\n"
     "    author: octocat\n    kind: context\n    sources: [{title: S, url: 'https://example.org/s'}]\n"),
]  # fmt: skip

REFUSED = [
    ("articles/report.md", "title: A report on the talks", 'title: "A report \\x7f on the talks"', 2, "U+007F"),
    ("articles/report.md", "summary: Officials met to discuss the Security Policy Initiative.",
     'summary: "\\e Officials met."', 9, "U+001B"),
    ("glossary.yml", "name: SPI", 'name: "\\u200b"', 3, "U+200B"),
    ("articles/report.md", "A second paragraph", "A &#x202E; second paragraph", 21, "U+202E"),
    ("articles/report.md", "A second paragraph", "*" * 1000 + "x" + "*" * 1000 + " A second paragraph", 21,
     "nested more than"),
    ("glossary.yml", "definition: A longer explanation of the talks.",
     'definition: "' + "*" * 3000 + "x" + "*" * 3000 + '"', 7, "nested more than"),
    ("articles/report.annotations.yml", "note: A note with a [link](https://example.org/note).",
     'note: "Code:\\n\\n``` { onmouseover }\\nx\\n```"', 6, "language name"),
    # A code block opening a list item: Python-Markdown does not see the fence, and reads the code as Markdown.
    ("articles/report.md", "A second paragraph says the talks will continue.",
     "- ```\n  filler\n\n  [x]: javascript:alert(document.domain)\n\n  [click me][x]\n  ```", 21, "list item"),
    ("glossary.yml", "definition: A longer explanation of the talks.",
     'definition: "> - ```\\n>   a\\n>\\n>   [x]: javascript:alert(1)\\n>\\n>   [Read][x]\\n>   ```"', 7, "list item"),
    ("articles/report.annotations.yml", "note: A note with a [link](https://example.org/note).",
     'note: "10. ```\\n    a\\n\\n    [x]: javascript:alert(1)\\n\\n    [Source][x]\\n    ```"', 6, "list item"),
]  # fmt: skip


def project(tmp_path: Path, edits: list[tuple[str, str, str]]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    for rel, old, new in edits:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(("rel", "old", "new", "line", "says"), REFUSED, ids=[r[-1] for r in REFUSED])
def test_refused_with_file_and_line_never_a_traceback(tmp_path: Path, rel: str, old: str, new: str, line: int,
                                                      says: str) -> None:  # fmt: skip
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project(tmp_path, [(rel, old, new)]))
    assert [(e.path, e.line) for e in failed.value.errors if says in e.message] == [(rel, line)], str(failed.value)


def test_accepted_inputs_are_shown_as_typed_and_leave_pages_whole(tmp_path: Path) -> None:
    root = project(tmp_path, [edit[:3] for edit in ACCEPTED])
    site = build_site(copy_project(root, sources=False))
    assert in_site(site) == []
    page = (site / "articles/report/index.html").read_text(encoding="utf-8")
    assert "<img src=x onerror=alert(1)>" in html.unescape(page) and "{onmouseover=alert(3)}" in html.unescape(page)
    assert 'id="about-this-copy"' in page and 'id="annotations"' in page  # the open fence swallowed nothing
    assert "Talks on wartıme operational control. Officials" in page  # the look-alike stays text, not a link
    assert 'src="https://example.org/y.png"' in page and "Seoul, March 9<br />" in page
    assert re.search(  # a loose list's paragraphs are paragraphs too: each has its passage id
        r'<li>\s*<p id="p-the-ministers-agreed-[0-9a-f]{8}">The ministers agreed:</p>\s*<ul>\s*<li[^>]*>a timetable</li>'
        r'\s*</ul>\s*<p id="p-both-sides-',
        page,
    )
    assert 'href="https://example.org/x"' in page and 'href="https://example.org/y"' in page
    term = (site / "glossary/spi/index.html").read_text(encoding="utf-8")
    assert "javascript:" not in term.replace("javascript:alert(document.domain)</p>", "")  # shown, not linked
    assert 'href="https://example.org/%27(x)"' in term
    related = re.search(r"<li><a [^>]*>OPCON</a>: Authority to run the ` command \[x\]\.</li>", html.unescape(term))
    assert related and 'title="Authority to run the ` command [x]."' in related.group()
    person = (site / "people/richard-lawless/index.html").read_text(encoding="utf-8")
    assert 'id="md-main"' not in person and '<p class="md-typeset"' not in person
    assert "{onmouseover #md-main .md-typeset hidden}" in person  # the words, shown as typed
    assert "Joint statement]: full-text (2006)</a>" in html.unescape(person)
    assert 'id="cite-this-page"' in page and "<pre" in page.split('id="cite-this-page"')[1]  # no fence swallowed it
    assert '<h2 id="lessons-for-c">Lessons for C#' in page and ">Iota kappa=</mark>" in html.unescape(page)
    iota = (
        r'<a aria-label="Annotation (\d+)" class="bx-note-ref" data-note="(\d+)" href="#note-iota" id="ref-iota"></a>'
    )
    marker = re.search(iota, page)
    assert marker and marker[1] == marker[2]  # the marker kept its id and class, its number drawn, not text
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert "<mark>" not in timeline and "===Seoul=== round" in html.unescape(timeline)


def test_a_page_with_live_markup_is_never_published(tmp_path: Path) -> None:
    """The last guard: whatever gets past the escaping, the MkDocs hook refuses to publish it."""
    root = copy_project(project(tmp_path, []), sources=False)
    about = root / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<a href="javascript:alert(1)">x</a>\n', "utf-8")
    with pytest.raises(Exception, match="Aborted"):
        build_site(root)
    assert not (root / "site/about/index.html").exists()


@pytest.mark.parametrize(
    "markup",
    ["<!--><script>alert(1)</script><!-- -->", "<![CDATA[ ><script>alert(3)</script> ]]>",
     "<p><!---><img src=x onerror=alert(4)><!-- --></p>", "<p><!---><a href=javascript:alert(5)>x</a><!-- --></p>"],
)  # fmt: skip
def test_markup_that_only_looks_like_a_comment_to_python_is_never_published(tmp_path: Path, markup: str) -> None:
    """Python's HTML parser reads these as comments or declarations; a browser runs the script in them. A
    maintainer's page (docs/ is the site's code) carrying one stops the build all the same."""
    root = copy_project(project(tmp_path, []), sources=False)
    about = root / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{markup}\n", "utf-8")
    with pytest.raises(Exception, match="Aborted"):
        build_site(root)


def test_a_front_matter_title_with_markup_is_never_published(tmp_path: Path) -> None:
    """Material writes a page's front-matter title into <title> unescaped (generated pages give it escaped)."""
    root = copy_project(project(tmp_path, []), sources=False)
    about = root / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: About", "title: 'T</title><script>x</script>'"))
    with pytest.raises(Exception, match="Aborted"):
        build_site(root)
