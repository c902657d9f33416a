"""The documentation keeps up with the code: every command a maintainer can run is documented."""

from __future__ import annotations

import re

from conftest import REPO

from build_tools import __main__ as cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_set_up_is_exactly_make_serve_and_make_test() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)", setup.split("```sh", 1)[1].split("```", 1)[0], flags=re.M)
    assert commands == ["make serve", "make test"]


def test_every_make_target_is_documented() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY: (.+)$", makefile, flags=re.M).group(1).split()
    assert phony, "the Makefile lists its targets in .PHONY"
    for target in phony:
        assert f"make {target}" in README, f"`make {target}` is not in README.md"


def test_every_cli_command_and_option_is_documented() -> None:
    for command in cli.COMMANDS:
        assert f"python -m build_tools {command}" in README
    options = [o for action in cli.build_parser()._actions for o in action.option_strings if o not in ("-h", "--help")]
    assert "--root" in options
    for option in options:
        assert option in README


def test_ci_runs_make_test() -> None:
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_schema_files_are_up_to_date() -> None:
    from build_tools.commands.schemas import render_schemas
    from build_tools.config import SCHEMAS_DIR

    for name, text in render_schemas().items():
        committed = (REPO / SCHEMAS_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run `python -m build_tools schemas`"


def test_every_data_file_points_editors_to_its_schema() -> None:
    assert (
        (REPO / "glossary.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=build_tools/schemas/glossary.schema.json")
    )
    for path in sorted((REPO / "articles").glob("*.md")):
        assert "$schema=../build_tools/schemas/article.schema.json" in path.read_text(encoding="utf-8").split("\n")[1]
    for path in sorted((REPO / "articles").glob("*.annotations.yml")):
        first = path.read_text(encoding="utf-8").split("\n")[0]
        assert first == "# yaml-language-server: $schema=../build_tools/schemas/annotations.schema.json", path
