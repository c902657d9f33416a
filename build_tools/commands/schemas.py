"""`schemas`: JSON Schema files for editors, generated from the field declarations.

Editors that read `# yaml-language-server: $schema=...` (VS Code's YAML extension,
for one) then autocomplete keys and flag mistakes as you type.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.config import SCHEMAS_DIR
from build_tools.load.fields import DOCUMENTS
from build_tools.load.shapes import json_schema


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of the schema of every kind of source file."""
    out = {}
    for document in DOCUMENTS:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": document.title}
        schema.update(json_schema(document.fields))
        out[document.schema] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
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
