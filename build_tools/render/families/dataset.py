"""The families of the archive as a dataset (`build_tools.dataset`): its tables in each format, the notes as one
Web Annotation collection, the Data Package that describes them, and the Data page.

Each file reads the whole archive, as the feeds do, through the site's facts: under `make serve` it is read again
only after an edit to what it reads, and written again only when its rows changed (an edit to an article's words
changes no row of the articles' table, whose cells are its front matter). A row, and a note's Web Annotation, is
made once from its entry and kept with it (`Site.derived`): reading a file again makes only the edited entries'
rows, and writing it joins texts already made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from build_tools import config, urls
from build_tools.dataset import files, package
from build_tools.dataset.rows import Row
from build_tools.dataset.tables import TABLES
from build_tools.link.models import AnchoredNote
from build_tools.render.families.base import Builds, Family, Reads, Templated
from build_tools.render.families.data import Constant
from build_tools.values import Url

if TYPE_CHECKING:
    import jinja2

    from build_tools.registry import Claim
    from build_tools.render.context import Site

WRITERS = {"csv": files.csv_table, "json": files.json_table, "jsonl": files.json_lines}
"""How a table is written in each format."""


@dataclass(frozen=True)
class TableReads(Reads):
    """What a table's file holds: its rows."""

    rows: tuple[Row, ...]
    """A row per entry, in the archive's order."""


@dataclass(frozen=True)
class DataTable(Builds, Family[TableReads]):
    """One table of the dataset in one format (`data/<table>.<form>`)."""

    table: str
    """The table's name in `dataset.tables.TABLES`."""
    form: str
    """The format: a key of `WRITERS`."""

    def reads(self, site: Site, claim: Claim) -> TableReads:
        """The table's rows."""
        return TableReads(TABLES[self.table].rows(site))

    def render(self, env: jinja2.Environment, path: str, reads: TableReads) -> str:
        """The table, written in its format."""
        return WRITERS[self.form](TABLES[self.table], reads.rows)


@dataclass(frozen=True)
class NotesReads(Reads):
    """Every note, article by article."""

    notes: tuple[str, ...]
    """Every note as one line of JSON (`dataset.files.annotation_line`), article by article, newest article
    first."""


def _lines(slug: str, notes: tuple[AnchoredNote, ...]) -> tuple[str, ...]:
    return tuple(files.annotation_line(note, slug) for note in notes)


@dataclass(frozen=True)
class NotesCollection(Builds, Family[NotesReads]):
    """Every note as one W3C Web Annotation collection (`data/notes.jsonld`)."""

    def reads(self, site: Site, claim: Claim) -> NotesReads:
        """Every article's notes, each article's made once."""
        made = (
            site.derived("annotations", (slug, notes), partial(_lines, slug, notes))
            for slug, notes in site.every_note()
        )
        return NotesReads(tuple(line for lines in made for line in lines))

    def render(self, env: jinja2.Environment, path: str, reads: NotesReads) -> str:
        """The collection as JSON-LD."""
        return files.notes_collection(reads.notes)


@dataclass(frozen=True)
class DataPageReads(Reads):
    """What the Data page shows: each table's size."""

    counts: tuple[tuple[str, int], ...]
    """(table name, rows) of each table."""

    def context(self) -> dict[str, object]:
        """The counts, the tables with their formats and schemas, the licence and the CSV conventions."""
        tables = [(TABLES[name], package.TABLE_FORMATS[name], _columns(package.schema(TABLES[name])), count)
                  for name, count in self.counts]  # fmt: skip
        spdx, title, address = config.LICENCE
        return {**super().context(), "tables": tables, "licence": {"id": spdx, "title": title, "url": Url(address)},
                "site_name": config.SITE_NAME, "notes_collection": files.NOTES_COLLECTION}  # fmt: skip


def _columns(schema: dict) -> list[tuple[str, str, bool, str]]:
    """(name, type and format, required, description) of each column of a Table Schema."""
    found = []
    for column in schema["fields"]:
        shown = f"{column['type']} ({column['format']})" if "format" in column else column["type"]
        required = column.get("constraints", {}).get("required", False)
        found.append((column["name"], shown, required, column.get("description", "")))
    return found


@dataclass(frozen=True)
class DataPage(Builds, Templated[DataPageReads]):
    """The Data page: the dataset's files, what each table holds, its columns, and the licence."""

    def reads(self, site: Site, claim: Claim) -> DataPageReads:
        """How many rows each table has (its rows as its files have them: made once for them all)."""
        return DataPageReads(tuple((name, len(table.rows(site))) for name, table in TABLES.items()))


_TABLES = "build_tools/dataset/tables.py"
DATASET: tuple[Family, ...] = (
    DataPage("data-page", "data.md.j2", urls.DATA_PAGE, "the Data page", f"{config.TEMPLATES_DIR}/data.md.j2"),
    Constant("datapackage", urls.DATAPACKAGE, "the dataset's Data Package", "build_tools/dataset/package.py",
             package.datapackage),
    NotesCollection("notes-jsonld", files.NOTES_COLLECTION, "every note as Web Annotations", _TABLES),
    *(DataTable(f"data-{name}-{form}", urls.data_file(name, form), f"the {name} table ({form})", _TABLES, name, form)
      for name, forms in package.TABLE_FORMATS.items() for form in forms),
)  # fmt: skip
"""Every family of the dataset (`render.pages.FAMILIES` lists them)."""
