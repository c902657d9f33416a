"""The same sources and mkdocs.yml build with ProperDocs and Zensical too (`make build ENGINE=...`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from site_helpers import copy_project

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast

VOA = "articles/us-south-korea-discuss-changes-in-military-relationship/index.html"
SEARCH = {"properdocs": "search/search_index.json", "zensical": "search.json"}


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_each_engine_builds_a_working_site(tmp_path: Path, engine: str) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    for rel in ("Makefile", "requirements.txt"):
        shutil.copy2(REPO / rel, root / rel)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = ["make", "--no-print-directory", "build", f"ENGINE={engine}", f"VENV={Path(sys.prefix)}"]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    article = (site / VOA).read_text(encoding="utf-8")
    assert 'href="../../glossary/spi/"' in article and 'class="bx-note-ref"' in article
    assert "stylesheets/archive.css" in article and "javascripts/annotations.js" in article
    term = (site / "glossary/spi/index.html").read_text(encoding="utf-8")
    assert 'href="../../articles/us-south-korea-discuss-changes-in-military-relationship/#term-spi"' in term
    index = json.loads((site / SEARCH[engine]).read_text(encoding="utf-8"))
    assert "Lawless" in json.dumps(index)
    assert not list(root.glob(".build-*"))
