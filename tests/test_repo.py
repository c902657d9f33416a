"""Repository plumbing for contributors: CI and deploy workflows, CODEOWNERS, CONTRIBUTING's example."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.load.strict_yaml import load_yaml

ASIA_TIMES = "washington-seoul-postpone-changes-wartime-troop-command-structure"


def workflow(name: str) -> dict:
    return load_yaml((REPO / ".github/workflows" / name).read_text(encoding="utf-8"), name)


def run_steps(flow: dict) -> list[str]:
    return [step.get("run", step.get("uses", "")) for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_ci_runs_check_test_and_build_on_pull_requests_read_only() -> None:
    flow = workflow("ci.yml")
    assert "pull_request" in flow["on"] and "pull_request_target" not in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    steps = run_steps(flow)
    assert [s for s in steps if s.startswith("make ")][-3:] == ["make check", "make test", "make build"]


def test_deploy_publishes_the_built_site_to_pages() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = run_steps(flow)
    assert "make build" in steps
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)


def test_codeowners_cover_code_templates_config_and_ci() -> None:
    """Everything but the sources contributors write (articles, the registers) needs a maintainer: the site's
    own pages, scripts and styles are published as they are."""
    owned = {
        line.split()[0]
        for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line[:1] == "/"
    }
    assert owned == {
        "/build_tools/", "/templates/", "/mkdocs.yml", "/.github/", "/docs/", "/Makefile", "/requirements.txt",
        "/requirements.in", "/pyproject.toml", "/.ci/", "/tests/", "/bench/",
    }  # fmt: skip
    open_to_all = {"articles", "glossary.yml", "people.yml", "timeline.yml"}
    assert not {f"/{name}" for name in open_to_all} & owned


def test_pull_request_template_asks_for_check_and_sources() -> None:
    text = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "make check" in text and "source" in text


def test_contributing_annotation_example_is_valid_and_anchors(tmp_path: Path) -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Add an annotation", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S).group(1)
    root = tmp_path / "repo"
    for folder in ("articles", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "glossary.yml", root / "glossary.yml")
    notes = root / f"articles/{ASIA_TIMES}.annotations.yml"
    notes.write_text(example, encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:  # the author is a placeholder, to replace with one's own handle
        pipeline.render_pages(root)
    assert [error.message for error in failed.value.errors] == [
        "“your-github-handle” is a placeholder, still to replace"
    ]
    notes.write_text(example.replace("your-github-handle", "octocat"), encoding="utf-8")
    page = pipeline.render_pages(root)[f"articles/{ASIA_TIMES}.md"]
    assert "==according to Chosinilbo==[](#note-chosinilbo-typo" in page
