"""`site` and `offline`: atomic site builds. Generate and run `mkdocs build --strict` in a scratch folder,
then swap the generated pages and the site into place only if both succeeded.

After any failure `docs/` and `site/` are exactly as they were, and the scratch
folder is gone.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools.config import DOCS_DIR, GENERATED_DIRS, OFFLINE_SITE_DIR, SCRATCH_PREFIX, SITE_DIR
from build_tools.errors import BuildFailed, SourceError
from build_tools.pipeline import generate
from build_tools.progress import SILENT, Progress
from build_tools.write import WriteResult

ENGINES = ("mkdocs", "properdocs", "zensical")
"""Site generators that read mkdocs.yml and build this project."""


def build_site(root: Path, *, offline: bool = False, engine: str = "mkdocs") -> Path:
    """Build `root`'s site into `root/site` (or `site-offline`), atomically; raise BuildFailed on failure."""
    return build_site_with_summary(root, offline=offline, engine=engine)[0]


def build_site_with_summary(
    root: Path, *, offline: bool = False, engine: str = "mkdocs", progress: Progress = SILENT
) -> tuple[Path, WriteResult]:
    """Like build_site, also returning what generation wrote (the hook then finds nothing to do)."""
    target = OFFLINE_SITE_DIR if offline else SITE_DIR
    with tempfile.TemporaryDirectory(dir=root, prefix=SCRATCH_PREFIX) as scratch:
        docs, site = Path(scratch) / DOCS_DIR, Path(scratch) / target
        shutil.copytree(root / DOCS_DIR, docs)
        result = generate(root, docs, progress)  # every source problem, with file and line, before the engine starts
        if engine == "mkdocs":
            _mkdocs_build(root, docs, site, offline=offline)
        else:
            _cli_build(engine, root, Path(scratch), target)
        _swap_in(root, docs, site, Path(scratch), target)
    return root / target, result


def _cli_build(engine: str, root: Path, scratch: Path, target: str) -> None:
    """Build the scratch copy with another engine's command line, from a copy of mkdocs.yml.

    The copy sits beside the scratch docs/, so relative paths resolve there; the hook
    path is made absolute (ProperDocs runs it and finds the pages already written;
    Zensical ignores hooks, which is why the pages are generated first).
    """
    config = scratch / "mkdocs.yml"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - build_tools/mkdocs_hook.py", f"  - {root.resolve() / 'build_tools/mkdocs_hook.py'}")
    config.write_text(text + f"\nsite_dir: {target}\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name(engine)), "build", "-f", str(config)]
    command += ["--strict"] if engine == "properdocs" else ["--clean"]
    result = subprocess.run(command, cwd=scratch, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (scratch / target / "index.html").exists():
        detail = " / ".join((result.stderr or result.stdout).strip().splitlines()[-5:])
        raise BuildFailed((SourceError("mkdocs.yml", None, f"{engine} build failed: {detail}"),))


def _mkdocs_build(root: Path, docs: Path, site: Path, *, offline: bool) -> None:
    from mkdocs.commands.build import build  # imported late: the CLI's check needs no MkDocs
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings()
    previous = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true" if offline else "false"
    try:
        config = load_config(str(root / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
        build(config)
    except MkDocsException as exc:
        message = f"mkdocs build --strict failed: {exc}; the messages above say where"
        raise BuildFailed((SourceError("mkdocs.yml", None, message),)) from None
    finally:
        os.environ.pop("OFFLINE") if previous is None else os.environ.__setitem__("OFFLINE", previous)


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_archive", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._archive = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def _swap_in(root: Path, docs: Path, site: Path, scratch: Path, target: str) -> None:
    """Replace the generated folders and the site; the old ones go to `scratch` and die with it."""
    old = scratch / "old"
    old.mkdir()
    for folder in GENERATED_DIRS:  # the manifest is in one of them
        if (docs / folder).exists():
            _replace(root / DOCS_DIR / folder, docs / folder, old / folder)
    _replace(root / target, site, old / target)


def _replace(target: Path, new: Path, graveyard: Path) -> None:
    if target.exists():
        target.rename(graveyard)
    new.rename(target)
