"""JSON Schema files for editors, generated from the loader's own key definitions.

Editors that read `# yaml-language-server: $schema=...` (VS Code's YAML extension,
for one) then autocomplete keys and flag mistakes as you type.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_tools import load
from build_tools.schema import json_schema

SCHEMAS_DIR = "build_tools/schemas"

DOCUMENTS = {
    "article.schema.json": ("Article front matter", load.ARTICLE_KEYS),
    "glossary.schema.json": ("Glossary (glossary.yml)", load.GLOSSARY_KEYS),
    "people.schema.json": ("People and organisations (people.yml)", load.PEOPLE_FILE_KEYS),
    "timeline.schema.json": ("Timeline (timeline.yml)", load.TIMELINE_FILE_KEYS),
    "annotations.schema.json": ("Annotations (articles/<slug>.annotations.yml)", load.ANNOTATIONS_FILE_KEYS),
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of every schema."""
    out = {}
    for name, (title, keys) in DOCUMENTS.items():
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **json_schema(keys)}
        out[name] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(root: Path) -> list[str]:
    """Write the schema files; return those that changed."""
    changed = []
    for name, text in render_schemas().items():
        path = root / SCHEMAS_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
