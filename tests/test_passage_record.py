"""Issue 25, point 3: the record of published passage ids (passages.jsonl), the command that appends to it, and old
ids landing on the paragraphs that hold their words now."""

from __future__ import annotations

import difflib
import json

import pytest
from conftest import ARTICLE, Project, committed

from build_tools import pipeline, sources
from build_tools.commands.passages import record_passages
from build_tools.errors import BuildFailed, Report
from build_tools.incremental.memo import Memo
from build_tools.link.amend import Landing, base, landings, opcodes
from build_tools.link.passages import passage_id
from build_tools.load.record import RECORD_FILE, Snapshot, parse_record, read_record
from build_tools.progress import SILENT
from build_tools.values import PublishedDate

DAY1, DAY2, DAY3 = PublishedDate(2026, 12, 1), PublishedDate(2026, 12, 5), PublishedDate(2026, 12, 9)


def snap(day: PublishedDate, *ids: str) -> Snapshot:
    return Snapshot(day, ids, 1)


A, B, C, D = (f"p-{word}-{index:08x}" for index, word in enumerate(("alpha", "beta", "gamma", "delta")))
B2 = "p-beta-new-0000000a"


def test_a_replaced_paragraph_lands_on_its_replacement_marked_on_the_day_it_changed() -> None:
    found = landings((snap(DAY1, A, B, C), snap(DAY2, A, B2, C)), (A, B2, C))
    assert found == (Landing(B2, (B,), DAY2),)


def test_a_paragraph_inserted_before_moves_no_id_and_marks_nothing() -> None:
    assert landings((snap(DAY1, A, B), snap(DAY2, D, A, B)), (D, A, B)) == ()


def test_a_deleted_paragraph_lands_on_the_one_before_it_or_after_it_at_the_start() -> None:
    assert landings((snap(DAY1, A, B, C), snap(DAY2, A, C)), (A, C)) == (Landing(A, (B,), DAY2),)
    assert landings((snap(DAY1, A, B), snap(DAY2, B)), (B,)) == (Landing(B, (A,), DAY2),)
    assert landings((snap(DAY1, A), snap(DAY2)), ()) == ()  # nothing left to land on


def test_two_corrections_in_a_row_carry_the_first_id_to_the_last_words_dated_the_last_change() -> None:
    third = "p-beta-newer-0000000b"
    found = landings((snap(DAY1, A, B, C), snap(DAY2, A, B2, C), snap(DAY3, A, third, C)), (A, third, C))
    assert found == (Landing(third, (B, B2), DAY3),)


def test_an_amendment_stays_marked_while_later_snapshots_leave_the_paragraph_alone() -> None:
    found = landings((snap(DAY1, A, B), snap(DAY2, A, B2), snap(DAY3, D, A, B2)), (D, A, B2))
    assert found == (Landing(B2, (B,), DAY2),)


def test_the_second_of_two_equal_paragraphs_keeps_its_old_numbered_id_when_the_first_changes() -> None:
    same, other = passage_id("Same words."), passage_id("Other words.")
    assert base(f"{same}-2") == same and base(same) == same and base("p-12345678-90abcdef") == "p-12345678-90abcdef"
    found = landings((snap(DAY1, same, f"{same}-2"), snap(DAY2, other, same)), (other, same))
    # the first copy's words changed: its paragraph is amended (its old id is still an id of the page, which the copy
    # left has now); the `-2` lands on that copy: both old links reach the words they named
    assert found == (Landing(other, (), DAY2), Landing(same, (f"{same}-2",), None))
    found = landings((snap(DAY1, same, B, same + "-2"), snap(DAY2, same, B2, same + "-2")), (same, B2, same + "-2"))
    assert found == (Landing(B2, (B,), DAY2),)  # a change between the copies renumbers neither


def test_the_alignment_takes_linear_time_on_lists_difflib_takes_quadratic_time_on() -> None:
    """The record is contributed: aligning two lines of alternating kept and changed ids (quadratic for difflib's
    matcher) or of ids all equal but for their number still gives difflib's answer, in O(n log n)."""
    kept = [f"p-kept-{index:08x}" for index in range(0, 2000, 2)]
    before = [item for index, item in enumerate(kept) for item in (item, f"p-old-{index:08x}")]
    after = [item for index, item in enumerate(kept) for item in (item, f"p-new-{index:08x}")]
    assert opcodes(before, after) == difflib.SequenceMatcher(None, before, after, False).get_opcodes()
    same = [A] * 3000
    assert opcodes(same, [B, *same[1:]]) == [("replace", 0, 1, 0, 1), ("equal", 1, 3000, 1, 3000)]


def test_words_changed_since_the_last_line_still_land_but_carry_no_date() -> None:
    assert landings((snap(DAY1, A, B),), (A, B2)) == (Landing(B2, (B,), None),)


def test_the_record_is_read_line_by_line_with_every_problem_at_its_line() -> None:
    good = f'{{"article":"talks","date":"2026-12-01","ids":["{A}","{B}"]}}\n'
    report = Report()
    record = parse_record(good.encode(), report)
    assert not report.errors and record.of("talks") == (Snapshot(DAY1, (A, B), 1),)
    bad = [
        '{"article":"talks","date":"2026-12-31","ids":[]}',
        "not json",
        '{"article":"talks","date":"2026-12-01","ids":["p-x-1"]}',  # dated before the line above
        '{"article":"Talks!","date":"2026-13-01","ids":["<script>"]}',
        '{"article":"talks","date":"2026-12-31","ids":["p-a-1","p-a-1"]}',
        '{"article":"talks","ids":[]}',
    ]
    report = Report()
    parse_record(("\n".join(bad) + "\n" + good.rstrip("\n")).encode(), report)
    lines = sorted({error.line for error in report.errors})
    assert lines == [2, 3, 4, 5, 6, 7]  # the last line has no line break
    assert all(error.path == RECORD_FILE for error in report.errors)


def test_the_record_is_only_a_regular_file(project: Project) -> None:
    (project.root / RECORD_FILE).symlink_to(project.root / "glossary.yml")
    report = Report()
    assert read_record(project.root, report).articles == {}
    assert "a symbolic link" in report.errors[0].message


CORRECTED = "published: 2006-03\ncorrections: [{date: 2026-12-05, what: A word restored., why: The capture lost it.}]"
EDITED = ARTICLE.replace("Later, SPI talks touched on", "Later, SPI talks again touched on").replace(
    "published: 2006-03", CORRECTED
)


def test_the_command_appends_only_what_changed_and_check_names_an_article_not_recorded(project: Project) -> None:
    project.article("talks")
    pipeline.check(project.root)  # a project without a record keeps none
    assert "1 article recorded" in record_passages(project.root, DAY1, SILENT)
    first = (project.root / RECORD_FILE).read_text(encoding="utf-8")
    assert "0 articles recorded" in record_passages(project.root, DAY2, SILENT)
    pipeline.check(project.root)
    project.article("talks", EDITED)
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    assert "articles/talks.md:12: its paragraphs' words changed" in str(failed.value)
    assert "python -m build_tools passages" in str(failed.value)
    record_passages(project.root, DAY2, SILENT)
    now = (project.root / RECORD_FILE).read_text(encoding="utf-8")
    assert now.startswith(first) and now.count("\n") == 2 and '"date":"2026-12-05"' in now
    pipeline.check(project.root)
    with pytest.raises(BuildFailed, match="recorded after 2026-12-01"):
        project.article("talks", ARTICLE)
        record_passages(project.root, DAY1, SILENT)


def test_a_change_is_dated_by_its_correction_and_check_holds_each_change_to_one(project: Project) -> None:
    """Without `--date`, a change is recorded on the day of the article's newest correction (newer than its last
    line); a line after an article's first must match a correction of its day, or `make check` names the line."""
    project.article("talks")
    record_passages(project.root, DAY1, SILENT)
    project.article("talks", EDITED)
    assert "1 article recorded in passages.jsonl (2026-12-05)" in record_passages(project.root, None, SILENT)
    pipeline.check(project.root)
    project.article("talks", EDITED.replace("date: 2026-12-05", "date: 2026-12-04"))
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    assert (
        "passages.jsonl:2: the change to talks recorded on 2026-12-05 has no correction of that day in the article"
        in str(failed.value)
    )
    assert "add to articles/talks.md a `corrections:` entry dated 2026-12-05" in str(failed.value)


def test_the_page_lands_the_old_id_on_the_amended_paragraph(project: Project) -> None:
    project.article("talks")
    record_passages(project.root, DAY1, SILENT)
    project.article("talks", EDITED)
    record_passages(project.root, DAY2, SILENT)
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    old, new = passage_id("Later, SPI talks touched on operational control again."), None
    new = passage_id("Later, SPI talks again touched on operational control again.")
    assert f'<span class="bx-passage-old" id="{old}"></span>Later, SPI talks again' in page
    assert '[](#corrections){.bx-amended aria-label="Amended on 5 December 2026"' in page
    assert f"{{: #{new} }}" in page and "## Corrections {#corrections}" in page
    assert f"[Paragraph 2](#{new}), amended on 5 December 2026" in page


@pytest.mark.parametrize("inside", [False, True])
def test_check_since_refuses_a_record_that_did_not_only_grow(project: Project, inside: bool) -> None:
    """Also with the archive in a folder of a larger repository: its own record is compared."""
    project.article("talks")
    record_passages(project.root, DAY1, SILENT)
    committed(project.root.parent if inside else project.root)
    project.article("talks", EDITED)
    record_passages(project.root, DAY2, SILENT)
    pipeline.check(project.root, since="HEAD")  # one line appended
    record = project.root / RECORD_FILE
    record.write_text(record.read_text(encoding="utf-8").replace("2026-12-01", "2026-11-30"), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"passages.jsonl:1: line 1 is not as it was at HEAD"):
        pipeline.check(project.root, since="HEAD")


def test_check_since_refuses_lines_that_record_no_real_change(project: Project) -> None:
    """A pull request's new lines must each record the change of one article's words as the article is now: a line
    of made-up ids (which would mark paragraphs amended), a second line, a line of an article the archive does not
    hold and a line that repeats the ids before it are refused, each at its line."""
    project.article("talks")
    record_passages(project.root, DAY1, SILENT)
    committed(project.root)
    record = project.root / RECORD_FILE
    (line,) = record.read_text(encoding="utf-8").splitlines()
    ids = json.loads(line)["ids"]
    made_up = line.replace(ids[0], "p-made-up-words-deadbeef").replace("2026-12-01", "2026-12-05")
    ghost = line.replace('"talks"', '"no-such-article"')
    with record.open("a", encoding="utf-8") as handle:
        handle.write("\n".join([made_up, line.replace("2026-12-01", "2026-12-05"), ghost]) + "\n")
    project.article("talks", ARTICLE.replace("published: 2006-03", CORRECTED.replace("\n", "\n", 1)))
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root, since="HEAD")
    said = str(failed.value)
    assert "passages.jsonl:2: a line added since the base: its ids are not those talks has now" in said
    assert "passages.jsonl:3: a line added since the base: a second new line for talks" in said
    assert "passages.jsonl:4: a line added since the base: there is no article no-such-article" in said
    with pytest.raises(SystemExit, match="check --since --output=x: not a revision"):
        pipeline.check(project.root, since="--output=x")  # never an option of git


def test_a_record_line_of_ids_no_build_makes_or_nested_too_deep_is_a_problem_at_its_line() -> None:
    lines = [
        '{"article":"talks","date":"2026-12-01","ids":["p-x-1","p-x-2"]}',  # no digest: not made by the build
        '{"article":"talks","date":"2026-12-01","ids":' + "[" * 100_000 + "]" * 100_000 + "}",
    ]
    report = Report()
    parse_record(("\n".join(lines) + "\n").encode(), report)
    assert [(error.line, error.message) for error in report.errors] == [
        (1, "'p-x-1' is not a passage id"),
        (2, "the line is not a JSON object"),
    ]


def test_a_new_line_in_the_record_links_again_only_the_article_it_is_of(project: Project) -> None:
    project.article("talks")
    project.article("other", ARTICLE.replace("Talks in Seoul", "Other talks"))
    record_passages(project.root, DAY1, SILENT)
    memo = Memo()

    def linked() -> dict[str, object]:
        memo.next_run()
        report = Report()
        found = sources.read_and_link(project.root, None, report, SILENT, memo)[1]
        assert not report.errors
        return {item.article.slug: item for item in found}

    first = linked()
    record = project.root / RECORD_FILE
    talks = next(line for line in record.read_text(encoding="utf-8").splitlines() if '"talks"' in line)
    with record.open("a", encoding="utf-8") as handle:  # as if its words had changed and changed back
        handle.write(talks.replace("2026-12-01", "2026-12-05") + "\n")
    second = linked()
    assert second["other"] is first["other"]  # reused: its lines are as they were
    assert second["talks"] is not first["talks"] and second["talks"].body == first["talks"].body


def test_an_old_id_lands_on_one_paragraph_only() -> None:
    """A paragraph restored elsewhere and replaced again: its old id would land twice; it lands once (on the later
    paragraph), so no page holds an id twice."""
    x, y, c0, c1 = (passage_id(f"Words {word}.") for word in ("x", "y", "c zero", "c one"))
    found = landings((snap(DAY1, x, y), snap(DAY2, c0, y), snap(DAY2, c0, x)), (c0, c1))
    every = [old for landing in found for old in landing.old]
    assert sorted(every) == sorted({x, y}) and len(every) == len(set(every))
