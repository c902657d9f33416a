"""The layout shows the pipeline: stages apart, wrapped by the orchestrator, small modules, tooling outside."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml
from conftest import REPO

from build_tools import config
from build_tools.incremental import inputs

PACKAGE = REPO / "build_tools"
STAGES = ("load", "link", "render", "write.py")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return found | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def modules(folder: str) -> list[Path]:
    target = PACKAGE / folder
    return [target] if target.is_file() else sorted(target.rglob("*.py"))


def test_ls_build_tools_shows_the_stages() -> None:
    names = {path.name for path in PACKAGE.iterdir() if not path.name.startswith("__pycache__")}
    assert {"load", "link", "render", "write.py", "pipeline.py", "incremental", "commands"} <= names
    assert "bench.py" not in names and (REPO / "bench" / "__main__.py").is_file()


def test_stages_know_nothing_of_what_wraps_them() -> None:
    """Caching, the orchestrator and the commands wrap the stages; no stage imports them."""
    for stage in STAGES:
        for path in modules(stage):
            wrapped = {name for name in imports(path) if name.startswith(
                ("build_tools.incremental", "build_tools.pipeline", "build_tools.commands", "bench"))}  # fmt: skip
            assert wrapped == set(), f"{path.relative_to(REPO)} imports {wrapped}"


def test_earlier_stages_do_not_import_later_ones() -> None:
    later = {"load": ("build_tools.link", "build_tools.render", "build_tools.write"),
             "link": ("build_tools.render", "build_tools.write")}  # fmt: skip
    for stage, forbidden in later.items():
        for path in modules(stage):
            assert not {name for name in imports(path) if name.startswith(forbidden)}, path


def test_no_module_is_over_about_300_lines() -> None:
    for path in sorted(PACKAGE.rglob("*.py")) + sorted((REPO / "bench").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 300, f"{path.relative_to(REPO)} has {lines} lines"


def test_only_the_code_that_makes_pages_is_in_the_input_digest() -> None:
    code = {path.relative_to(REPO).as_posix() for path in inputs.build_code()}
    assert {"build_tools/load/kinds.py", "build_tools/render/pages.py", "build_tools/escape.py"} <= code
    assert {"build_tools/render/csl/apa.csl", "build_tools/render/csl/chicago-notes-bibliography.csl"} <= code
    assert REPO / "requirements.txt" in inputs.input_files(REPO)  # pins of pandoc and the other tools
    assert not {path for path in code if path.startswith(("bench/", "tests/", "build_tools/commands/"))}
    assert "build_tools/mkdocs_hook.py" not in code


def test_the_site_name_is_the_one_mkdocs_shows() -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = next(line for line in text.splitlines() if line.startswith("site_name:"))
    assert yaml.safe_load(site_name)["site_name"] == config.SITE_NAME


def test_make_clean_removes_every_generated_folder() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    command = makefile.split("\nclean:\n", 1)[1].split("\n", 1)[0]
    listed = set(command.split("docs/,", 1)[1].split(")", 1)[0].split())
    assert listed == set(config.GENERATED_DIRS)
