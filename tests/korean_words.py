"""Korean words as the search tests read them: the particles (조사), a noun + particle word read off the built pages,
and the archive's Korean names with a particle written on (tests/test_korean_search.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from site_helpers import entry_names

from build_tools.commands import search as site_search

ALTERNATING = (
    *(("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이나", "나"), ("이랑", "랑")),
    *(("으로서", "로서"), ("으로써", "로써"), ("으로부터", "로부터")),
)
"""Particles with two forms: the first after a final consonant (전작권을), the second after a vowel (연합사를);
the (으)로 forms take 로 after a final ㄹ too."""

INVARIANT = ("의", "에", "에서", "에게", "에게서", "한테", "한테서", "께", "께서", "도", "만", "까지", "부터", "보다")
INVARIANT += ("처럼", "마저", "조차", "하고")
"""Particles with one form."""

PARTICLES = tuple(form for pair in ALTERNATING for form in pair) + INVARIANT
"""Korean particles (조사) written onto a noun, as two references class them: the case particles (이/가, 을/를, 의,
에, 에서, 에게/한테, 께, 께서, (으)로), 은/는 and 도 in Wikipedia's "Korean postpositions"
(https://en.wikipedia.org/wiki/Korean_postpositions); those and the rest, 와/과, 하고, (이)랑 (접속 조사), 보다,
처럼, 에게서/한테서, (으)로서/써/부터 (격 조사), 만, 까지, 부터, 마저, 조차, (이)나 (보조사), in namu.wiki's
"한국어의 조사" (read in a copy of it, https://thewiki.kr/w/%ED%95%9C%EA%B5%AD%EC%96%B4%EC%9D%98%20%EC%A1%B0%EC%82%AC). The longest
is tried first when one is read off a word: 합참에서 is 합참 + 에서, not 합참에 + 서."""

HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
MIN_NOUN = 2
"""A noun left by cutting a particle has at least two syllables: 국가 ("state") is not read as 국 + 가."""

SKIPPED = {"pre", "script", "style"}
"""Elements neither engine reads as text (Material skips scripts and styles; Pagefind also skips code blocks)."""

LEFT_OUT = set(site_search.EXCLUDE_SELECTORS.replace(" ", "").replace(".", "").split(",")) - SKIPPED
"""Classes Pagefind is told to leave out (the lists that repeat other pages): a word found only there is no pair."""


def split_particle(word: str) -> tuple[str, str] | None:
    """(noun, particle) when `word` ends in a particle of `PARTICLES` after a noun of `MIN_NOUN` syllables or more.

    Only a test's reading: a noun that itself ends in a particle's syllable (the name 권안도) is read as one more
    pair, and the engines find it all the same, since they cut nothing."""
    for particle in sorted(PARTICLES, key=len, reverse=True):
        if word.endswith(particle) and len(word) - len(particle) >= MIN_NOUN:
            return word[: -len(particle)], particle
    return None


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ReadText(HTMLParser):
    """The words of a page's content (`article.md-content__inner`) that both engines index."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.skip_at, self.words = 0, None, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self.depth == 0 and tag == "article" and "md-content__inner" in classes:
            self.depth = 1
        elif self.depth and tag not in VOID:
            self.depth += 1
            if self.skip_at is None and (tag in SKIPPED or classes & LEFT_OUT):
                self.skip_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.skip_at = None if self.skip_at == self.depth else self.skip_at
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.skip_at is None:
            self.words += HANGUL_WORD.findall(data)


def noun_particle_pairs(site: Path) -> list[tuple[str, str, str, str]]:
    """(page, word, noun, particle) for every Hangul word of every built page that is a noun + a particle."""
    pairs = set()
    for path in sorted(site.rglob("index.html")):
        reader = _ReadText()
        reader.feed(path.read_text(encoding="utf-8"))
        page = path.parent.relative_to(site).as_posix() + "/"
        pairs |= {(page, word, *split) for word in reader.words if (split := split_particle(word))}
    return sorted(pairs)


def with_particle(noun: str, forms: tuple[str, ...]) -> str:
    """`noun` and the form of the particle its last syllable takes (in `forms`: after a consonant, after a vowel)."""
    final = (ord(noun[-1]) - 0xAC00) % 28  # the final consonant's index in the syllable block, 0 for none
    rieul = final == 8 and forms[0].startswith("으로")
    return noun + (forms[0] if final and not rieul else forms[-1])


def korean_names() -> list[str]:
    """The one-word Korean names, expansions and aliases of the glossary's terms, people and organisations."""
    return [name for name, _ in entry_names() if HANGUL_WORD.fullmatch(name)]


EVERY_PARTICLE = [*ALTERNATING, *((form,) for form in INVARIANT)]
"""Each particle, as `with_particle` takes it (both forms of one that alternates)."""
