"""Synthetic archives of N articles, made from the real articles' paragraphs, and their plain-MkDocs twin."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from build_tools.config import GENERATED_DIRS

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
OUTLETS = ("Asia Times", "Voice of America", "Example Wire")
TAGS = ("opcon", "cfc", "spi", "plan-5029", "scm")
WORDS = (700, 1500)
"""Each synthetic article is this long, in words (the issue's measurements used the same range)."""
KOREAN_EVERY = 10
"""One synthetic article in this many is in Korean (`language: ko`), so that Korean text is built and searched."""
KOREAN_TERMS = ("전시작전통제권", "전작권", "한미연합군사령부", "연합사", "한미", "국방부")
"""Korean words of the archive's glossary, people and timeline: the Korean articles are made of them."""
KOREAN_PARTICLES = ("", "은", "는", "을", "를", "이", "가", "의", "와", "에")
"""Particles written onto nouns, as Korean does (전작권을): a search for the noun must still find it."""


def korean_paragraph(rng: random.Random) -> str:
    """A paragraph of Korean words and particles (not sentences anyone wrote: text for the benchmark)."""
    words = [rng.choice(KOREAN_TERMS) + rng.choice(KOREAN_PARTICLES) for _ in range(rng.randint(20, 40))]
    return " ".join(words) + "."


def _paragraphs() -> list[str]:
    out = []
    for path in sorted((REPO / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        out += [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "*"))]
    return out


def copy_hand_written_docs(target: Path) -> None:
    """docs/ without what the build generates there."""
    shutil.copytree(REPO / "docs", target, ignore=shutil.ignore_patterns(*GENERATED_DIRS))


def write_archive(root: Path, count: int, *, with_step: bool = True) -> None:
    """A project folder with `count` synthetic articles (deterministic)."""
    rng = random.Random(count)
    paragraphs = _paragraphs()
    for rel in ("mkdocs.yml", "glossary.yml", "people.yml", "timeline.yml"):
        shutil.copy2(REPO / rel, root / rel)
    copy_hand_written_docs(root / "docs")
    for folder in ("templates", "build_tools"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "articles", root / "articles")  # the real ones too: people.yml refers to them
    if not with_step:  # the baseline: the same bodies as plain pages, no hook, no generated pages
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        text = re.sub(r"hooks:\n  - build_tools/mkdocs_hook.py\n", "", text)
        text = re.sub(r"nav:\n(  - .*\n)+", "nav:\n  - Home: index.md\n", text)
        (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for number in range(count):
        year, month = 2000 + number % 20, 1 + number % 12
        body = [f"Synthetic report number {number} opens here."]
        korean = number % KOREAN_EVERY == KOREAN_EVERY - 1
        words, target = 0, rng.randint(*WORDS)
        while words < target:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            words += len(paragraph.split())
        if korean:  # as many paragraphs, from draws of its own: the other bodies stay those of earlier runs
            korean_words = random.Random(-number)
            body = body[:1] + [korean_paragraph(korean_words) for _ in body[1:]]
        tags = ", ".join(rng.sample(TAGS, k=2))
        front = (
            f"---\ntitle: Synthetic report {number}\noutlet: {OUTLETS[number % 3]}\n"
            f"published: {year}-{month:02d}\nlanguage: {'ko' if korean else 'en'}\n"
            "summary: A synthetic article made for benchmarks.\n"
            f"tags: [{tags}]\n---\n\n"
        )
        folder = root / ("articles" if with_step else "docs/articles")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"synthetic-{number:05d}.md").write_text(front + "\n\n".join(body) + "\n", encoding="utf-8")
        if with_step:
            note = (
                "annotations:\n  - id: opening\n    quote: Synthetic report number "
                f"{number} opens\n    note: A benchmark note.\n    author: octocat\n    kind: context\n"
                "    sources: [{title: S, url: 'https://example.org'}]\n"
            )
            (root / "articles" / f"synthetic-{number:05d}.annotations.yml").write_text(note, encoding="utf-8")
