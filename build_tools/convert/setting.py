"""What a conversion depends on besides the page: mkdocs.yml's Markdown extensions and the link style.

The extensions are read by MkDocs' own option (the builtins it adds, in its order, with
its configuration), so the workers convert with exactly what MkDocs would. The hook
computes the same signature from the configuration MkDocs loaded and uses a converted
page only when the two agree.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from build_tools.config import MAX_SOURCE_BYTES, MKDOCS_CONFIG
from build_tools.disk import read_regular

CONVERTED_STYLES = {"folders": True, "files": False}
"""Link styles whose pages are converted here, and MkDocs' `use_directory_urls` for each (Zensical's
`sources` style is not: it converts and rewrites the links itself)."""


@dataclass(frozen=True)
class Setting:
    """How pages are converted: what MkDocs would use for them."""

    extensions: tuple[str, ...]
    """The Markdown extensions by name, MkDocs' builtins first, in MkDocs' order."""
    configs: str
    """Their configuration (MkDocs' `mdx_configs`), as sorted JSON."""
    directory_urls: bool
    """MkDocs' `use_directory_urls`: pages at `articles/talks/` (True) or `articles/talks.html`."""

    @property
    def signature(self) -> str:
        """What a converted page was made with, as the hook checks it."""
        return signature(self.extensions, json.loads(self.configs), self.directory_urls)

    @property
    def extension_configs(self) -> dict:
        """The extensions' configuration, as Python-Markdown takes it."""
        return json.loads(self.configs)


def signature(extensions: object, configs: object, directory_urls: bool) -> str:
    """A digest of a conversion's setting, from the values MkDocs holds (hook) or reads (generation)."""
    text = json.dumps([list(extensions), configs, directory_urls], sort_keys=True, default=repr)  # type: ignore[call-overload]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_setting(root: Path, style: str) -> Setting | None:
    """The setting of pages in link `style` (None: not converted here), from `root`'s mkdocs.yml.

    A configuration MkDocs itself would refuse is left for MkDocs to report: the pages are then not
    converted here, and MkDocs' own error names the problem."""
    if style not in CONVERTED_STYLES:
        return None
    try:
        text = read_regular(root / MKDOCS_CONFIG, MAX_SOURCE_BYTES).decode("utf-8")
        option = copy.deepcopy(dict(MkDocsConfig._schema)["markdown_extensions"])
        extensions = option.validate(yaml_load(text).get("markdown_extensions"))
        configs = json.dumps(option.configdata, sort_keys=True)  # a value JSON cannot hold: MkDocs converts
    except (OSError, UnicodeDecodeError, ConfigurationError, ValidationError, ValueError, TypeError):
        return None
    return Setting(tuple(extensions), configs, CONVERTED_STYLES[style])
