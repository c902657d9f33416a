"""What the generated pages depend on, as files: the inputs a run hashes to know whether anything changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from build_tools.config import (
    ARTICLES_DIR,
    BRIEFINGS_DIR,
    GLOSSARY_FILE,
    MAX_SOURCE_BYTES,
    MKDOCS_CONFIG,
    PEOPLE_FILE,
    TEMPLATES_DIR,
    TIMELINE_FILE,
    output_setting,
)
from build_tools.disk import digest, read_regular
from build_tools.load.record import RECORD_FILE

PACKAGE = Path(__file__).parent.parent
REGISTER_FILES = (GLOSSARY_FILE, PEOPLE_FILE, TIMELINE_FILE)
COMMANDS = PACKAGE / "commands"


def input_files(root: Path) -> list[Path]:
    """Everything the generated pages depend on: sources, templates, mkdocs.yml (its Markdown extensions convert
    them: see `input_digest`), the product code that makes them and the pinned versions of the libraries and
    tools it runs."""
    files = [root / name for name in (*REGISTER_FILES, RECORD_FILE, MKDOCS_CONFIG)]
    for folder in (ARTICLES_DIR, BRIEFINGS_DIR, TEMPLATES_DIR):
        files += sorted((root / folder).glob("*"))
    return files + build_code() + [PACKAGE.parent / "requirements.txt"]


def build_code() -> list[Path]:
    """The modules that make the pages, and the citation styles: the package, without the commands (site,
    import, schemas) and the MkDocs glue, which do not change what is generated."""
    code = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.csl")])
    return [path for path in code if not path.is_relative_to(COMMANDS) and path.name != "mkdocs_hook.py"]


def input_digest(root: Path, files: list[Path], hash_of: Callable[[Path], bytes | None] = digest) -> str:
    """Hash of the inputs' contents (each file's by `hash_of`) and of the output setting (SITE_URL, URL style)."""
    hashed = hashlib.sha256(output_setting().encode())
    for path in files:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.relative_to(PACKAGE.parent)
        found = _extensions(path) if path == root / MKDOCS_CONFIG else hash_of(path)  # never reads a link or device
        hashed.update(str(name).encode() + b"\0" + (found or b"-") + b"\0")
    return hashed.hexdigest()


def _extensions(config: Path) -> bytes | None:
    """What generation reads of mkdocs.yml: its `markdown_extensions:` section, as text (an edit to the nav or
    the theme changes no generated page)."""
    try:
        lines = read_regular(config, MAX_SOURCE_BYTES).decode("utf-8", "replace").split("\n")
    except OSError:
        return None
    section: list[str] = []
    for line in lines:
        if section and line[:1] not in ("", " ", "#", "\t"):
            break
        if section or line.startswith("markdown_extensions:"):
            section.append(line)
    return hashlib.blake2b("\n".join(section).encode("utf-8"), digest_size=16).digest()


def watched_paths(root: Path) -> list[Path]:
    """Sources whose change should regenerate the site under `mkdocs serve`."""
    return [root / ARTICLES_DIR, root / BRIEFINGS_DIR, *(root / name for name in REGISTER_FILES), root / TEMPLATES_DIR]
