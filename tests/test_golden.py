"""Golden files: sources in tests/golden/<case>/input -> pages in expected/ (or expected-error.txt).

Refresh with `make golden` (UPDATE_GOLDEN=1) and review the diff before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from build_tools import pipeline
from build_tools.errors import BuildFailed

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def run_case(case: str, tmp_path: Path) -> dict[str, str]:
    root = tmp_path / case
    shutil.copytree(GOLDEN / case / "input", root)
    shutil.copytree(REPO / "templates", root / "templates")
    try:
        return pipeline.render_pages(root)
    except BuildFailed as failed:
        return {"expected-error.txt": str(failed) + "\n"}


def expected_files(case: str) -> dict[str, str]:
    folder = GOLDEN / case / "expected"
    if (GOLDEN / case / "expected-error.txt").exists():
        return {"expected-error.txt": (GOLDEN / case / "expected-error.txt").read_text(encoding="utf-8")}
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def update_case(case: str, actual: dict[str, str]) -> None:
    shutil.rmtree(GOLDEN / case / "expected", ignore_errors=True)
    (GOLDEN / case / "expected-error.txt").unlink(missing_ok=True)
    for rel, text in actual.items():
        target = GOLDEN / case / (rel if rel == "expected-error.txt" else f"expected/{rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path) -> None:
    actual = run_case(case, tmp_path)
    if UPDATE:
        update_case(case, actual)
    expected = expected_files(case)
    assert sorted(actual) == sorted(expected)
    for rel in expected:
        assert actual[rel] == expected[rel], f"{case}/{rel} differs; run `make golden` if the change is intended"
