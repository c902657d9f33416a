"""Korean text is marked as Korean (`lang="ko"`), in page text only, never inside markup."""

from __future__ import annotations

import pytest

from build_tools.render.language import mark_korean


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Korean: 한미연합군사령부</p>", '<p>Korean: <span lang="ko">한미연합군사령부</span></p>'),
        (  # one span per phrase, with its inner spaces and punctuation; the English after it stays outside
            "<li>한·미 안보협의회 결산 (Seoul Shinmun, 2017)</li>",
            '<li><span lang="ko">한·미 안보협의회 결산</span> (Seoul Shinmun, 2017)</li>',
        ),
        (
            "<p>Kwon An-do (권안도) and 조선일보</p>",
            '<p>Kwon An-do (<span lang="ko">권안도</span>) and <span lang="ko">조선일보</span></p>',
        ),
        ('<a title="한미 talks" href="#x">x</a>', '<a title="한미 talks" href="#x">x</a>'),  # attributes untouched
        (
            "<script>var s = '전작권';</script><style>/* 연합사 */</style>",
            "<script>var s = '전작권';</script><style>/* 연합사 */</style>",
        ),
        ("<head><title>연합사</title></head><!-- 연합사 -->", "<head><title>연합사</title></head><!-- 연합사 -->"),
        ("<p>No Korean here.</p>", "<p>No Korean here.</p>"),
        ("<textarea>전작권</textarea><p>한</p>", '<textarea>전작권</textarea><p><span lang="ko">한</span></p>'),
        (  # a "<" inside a script, with no ">" before its end tag, does not hide what follows
            "<script>if (a<b) {}</script><p>연합사</p>",
            '<script>if (a<b) {}</script><p><span lang="ko">연합사</span></p>',
        ),
        ('<a title="x &gt; 한">한</a>', '<a title="x &gt; 한"><span lang="ko">한</span></a>'),
    ],
)
def test_hangul_runs_in_text_are_marked_korean(html: str, expected: str) -> None:
    assert mark_korean(html) == expected


def test_text_after_a_raw_element_is_marked_again() -> None:
    marked = mark_korean("<script>x('한')</script><p>전작권</p>")
    assert marked == "<script>x('한')</script><p><span lang=\"ko\">전작권</span></p>"
