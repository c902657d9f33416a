"""`site` and `offline`: atomic site builds. Generate and run `mkdocs build --strict` in a scratch folder,
then swap the generated pages and the site into place only if both succeeded.

After any failure `docs/` and `site/` are exactly as they were, and the scratch
folder is gone; the swap itself is one journal (`swap`): a rename that fails undoes
the others, and a build killed during it is finished by the next build, which also
removes the scratch folders of builds that are gone.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from build_tools import disk, parallel, swap
from build_tools.commands import search
from build_tools.config import DOCS_DIR, GENERATED_DIRS, MAX_SOURCE_BYTES, OFFLINE_SITE_DIR, SITE_DIR
from build_tools.disk import read_regular
from build_tools.errors import BuildFailed, Report, SourceError
from build_tools.incremental.trust import Seal
from build_tools.load.folders import check_other_inputs
from build_tools.pipeline import generate
from build_tools.progress import SILENT, Progress
from build_tools.text import one_line
from build_tools.write import WriteResult, check_targets

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
    root = root.resolve()  # the engine runs in the scratch folder: a relative root would not reach it
    with disk.reported(root, "build the site"):
        seal = Seal.of(root)
        swap.recover(root, seal)
        _check_hand_written(root)
        with swap.scratch_folder(root) as scratch:
            docs = scratch / DOCS_DIR
            shutil.copytree(root / DOCS_DIR, docs, symlinks=True)  # checked above: regular files only
            with _environment(OFFLINE="true" if offline else "false", BUILD_ENGINE=engine):
                result = _generate_apart(root, docs, progress)  # every source problem, with file and line, first
                _engine_build(engine, root, scratch, target)
            _swap_in(root, scratch, target, seal)
    return root / target, result


def _generate_apart(root: Path, docs: Path, progress: Progress) -> WriteResult:
    """`generate`, in a process of its own that ends before the engine starts: the memory it held is returned,
    so the build's peak is the larger of the two stages, not their sum. Its problems are raised here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return generate(root, docs, progress)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_generate_and_send, args=(sending, root, docs, progress))
    child.start()
    sending.close()
    try:
        outcome = receiving.recv()
    except EOFError:  # it ended without a word: killed
        outcome = None
    finally:
        child.join()  # an interrupted generation first undoes what it had begun (swap)
    code = child.exitcode or 0
    ended = f"killed by signal {-code}" if code < 0 else f"ended with exit code {code}"
    kind, value = outcome or ("stopped", f"generation {ended}, before it could report (out of memory?)")
    if kind == "done":
        return value
    if kind == "failed":
        raise value
    raise BuildFailed((SourceError(DOCS_DIR, None, value, "run the build again; report it if it persists"),))


def _generate_and_send(sending: Connection, root: Path, docs: Path, progress: Progress) -> None:
    """The generation process: `generate`, its result or its problems sent back (a bug's traceback printed)."""
    parallel.forget_inherited_server()
    try:
        sending.send(("done", generate(root, docs, progress)))
    except BuildFailed as failed:
        sending.send(("failed", failed))
    except KeyboardInterrupt:
        sending.send(("stopped", "generation was interrupted"))
    except Exception:  # a bug: its traceback on stderr, its last lines in the report
        traceback.print_exc()
        sending.send(("stopped", "generation failed: " + " / ".join(traceback.format_exc().strip().splitlines()[-3:])))


def _check_hand_written(root: Path) -> None:
    """docs/ holds regular files only, and its generated folders only what the build wrote; mkdocs.yml is a
    regular file (all are copied and read before generation, which checks the sources)."""
    report = Report()
    check_other_inputs(root, report)
    check_targets((), root / DOCS_DIR, report)
    report.raise_if_any()


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Settings that generation and the engine both read from the environment (see config.link_style)."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)


def _engine_build(engine: str, root: Path, scratch: Path, target: str) -> None:
    """Build the scratch copy with the engine's command line, in a process of its own, from a copy of mkdocs.yml.

    Its own process, started once generation's has ended: the stages' memory is never added up.
    The copy sits beside the scratch docs/, so relative paths resolve there; the paths of the hook
    and of the theme's additions (custom_dir) are made absolute (MkDocs and ProperDocs run the hook
    and find the pages already written; Zensical ignores hooks, which is why the pages are generated
    first).
    The engine's warnings and errors are passed on; its progress lines are not.
    """
    config = scratch / "mkdocs.yml"
    text = read_regular(root / "mkdocs.yml", MAX_SOURCE_BYTES).decode("utf-8", "replace")
    text = text.replace("  - build_tools/mkdocs_hook.py", f"  - {root.resolve() / 'build_tools/mkdocs_hook.py'}")
    text = re.sub(r"(?m)^(\s+custom_dir: )(\S+)$", lambda m: m.group(1) + str(root.resolve() / m.group(2)), text)
    config.write_text(text + f"\nsite_dir: {target}\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name(engine)), "build", "-f", str(config)]
    command += ["--clean"] if engine == "zensical" else ["--strict"]
    later = scratch / ".search-later"
    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, search.LATER: str(later)}
    result = subprocess.run(command, cwd=scratch, capture_output=True, text=True, check=False, env=env)
    shown = [
        f"{engine}: {one_line(line)}" for line in (result.stderr + result.stdout).split("\n") if _worth_showing(line)
    ]
    if shown:
        print("\n".join(shown), file=sys.stderr)
    if result.returncode != 0 or not (scratch / target / "index.html").exists():
        detail = " / ".join(shown[-3:] or (result.stderr or result.stdout).strip().splitlines()[-3:])
        message = f"{engine} build{' --strict' if engine != 'zensical' else ''} failed: {detail}"
        raise BuildFailed((SourceError("mkdocs.yml", None, message + "; the messages above say where"),))
    if later.exists():  # the site wants a Pagefind index: made now that the engine's process is gone
        search.index_site(scratch / target)


def _worth_showing(line: str) -> bool:
    """The engine's warnings and errors, not its progress (INFO) lines or blank ones."""
    return bool(line.strip()) and not line.lstrip().startswith(("INFO", "DEBUG"))


def _swap_in(root: Path, scratch: Path, target: str, seal: Seal) -> None:
    """Replace the generated folders and the site together; the old ones go to the scratch folder and die with it."""
    moves = []
    for name in [f"{DOCS_DIR}/{folder}" for folder in GENERATED_DIRS] + [target]:
        new = f"{scratch.name}/{name}"
        if (root / new).is_dir():
            moves.append(swap.Move(name, new, f"{scratch.name}/old/{name}"))
        elif os.path.lexists(root / name):
            moves.append(swap.Move(name, "", f"{scratch.name}/old/{name}"))
    (scratch / "old" / DOCS_DIR).mkdir(parents=True)
    swap.commit(root, scratch / swap.JOURNAL, moves, seal, undoable=True)
