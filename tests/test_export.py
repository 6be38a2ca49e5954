"""Open data under docs/data/: the JSON against its schema, the CSVs through their Table Schemas,
the spreadsheet formula guard, and byte-identical output from two builds."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from frictionless import Package

from casebook.outputs.export_csv import guard_formula
from casebook.outputs.export_json import build_export_schema
from casebook import addresses
from casebook.pipeline import generate_docs
from tests.conftest import make_project

# A title meant to break every format it lands in: HTML script, CSV formula, quotes, entities.
TRICKY_TITLE = "=cmd|' /C calc'!A0 </script> \"quoted\" & co"


def _data_dir(paths) -> Path:
    return paths.docs / "data"


def _load_json(paths, name: str):
    return json.loads((_data_dir(paths) / name).read_text(encoding="utf-8"))


def _csv_rows(paths, name: str) -> list[dict[str, str]]:
    with (_data_dir(paths) / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def minimal(make_corpus):
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    return paths, corpus


@pytest.fixture
def tricky(make_corpus, valid_text: str):
    """The minimal corpus plus a case study with a hostile title and a negative figure."""
    text = valid_text.replace('title: "Alpha: a shared payroll service"', f"title: {json.dumps(TRICKY_TITLE)}")
    text = text.replace("value: 250000", "value: -250000")
    paths = make_corpus({"tricky-title.md": text}, corpus="minimal")
    corpus, _ = generate_docs(paths)
    return paths, corpus


def test_json_validates_against_its_published_schema(minimal) -> None:
    paths, corpus = minimal
    schema = _load_json(paths, "casestudies.schema.json")
    assert schema == build_export_schema(corpus.taxonomy)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(_load_json(paths, "casestudies.json"))) == []


def test_json_holds_exactly_the_published_case_studies(minimal) -> None:
    paths, corpus = minimal
    data = _load_json(paths, "casestudies.json")
    slugs = [record["slug"] for record in data["case_studies"]]
    assert slugs == [cs.slug for cs in corpus.case_studies]
    assert corpus.drafts and not {cs.slug for cs in corpus.drafts} & set(slugs)
    assert data["count"] == len(slugs)


def test_json_carries_register_fields_and_outcomes(minimal) -> None:
    paths, corpus = minimal
    records = {r["slug"]: r for r in _load_json(paths, "casestudies.json")["case_studies"]}
    for case_study in corpus.case_studies:
        record = records[case_study.slug]
        assert [c["gss_code"] for c in record["councils"]] == [c.gss_code for c in case_study.councils]
        assert [c["nation"] for c in record["councils"]] == [c.nation for c in case_study.councils]
        assert [o["value"] for o in record["outcomes"]] == [o.value for o in case_study.outcomes]
        assert record["url"].endswith(f"/case-studies/{case_study.slug}/")


def test_schema_rejects_a_record_missing_a_field(minimal) -> None:
    paths, _ = minimal
    data = _load_json(paths, "casestudies.json")
    del data["case_studies"][0]["councils"][0]["gss_code"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _load_json(paths, "casestudies.schema.json"))


def test_csvs_load_through_their_table_schemas(minimal) -> None:
    paths, corpus = minimal
    package = Package(str(_data_dir(paths) / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    case_studies = package.get_resource("casestudies").read_rows()
    outcomes = package.get_resource("outcomes").read_rows()
    assert len(case_studies) == len(corpus.case_studies)
    assert len(outcomes) == sum(len(cs.outcomes) for cs in corpus.case_studies)
    assert {row["slug"] for row in outcomes} <= {row["slug"] for row in case_studies}
    assert all(isinstance(row["stage"], int) for row in case_studies)


@pytest.mark.parametrize("text", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_guarded(text: str) -> None:
    assert guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Adur", "'already", "a=b", " =1"])
def test_other_text_is_unchanged(text: str) -> None:
    assert guard_formula(text) == text


def test_hostile_title_is_guarded_in_csv_and_intact_in_json(tricky) -> None:
    paths, _ = tricky
    row = next(r for r in _csv_rows(paths, "casestudies.csv") if r["slug"] == "tricky-title")
    assert row["title"] == "'" + TRICKY_TITLE
    record = next(r for r in _load_json(paths, "casestudies.json")["case_studies"] if r["slug"] == "tricky-title")
    assert record["title"] == TRICKY_TITLE


def test_numbers_are_not_guarded(tricky) -> None:
    paths, _ = tricky
    row = next(r for r in _csv_rows(paths, "outcomes.csv") if r["slug"] == "tricky-title")
    assert row["value"] == "-250000"
    rows = Package(str(_data_dir(paths) / "datapackage.json")).get_resource("outcomes").read_rows()
    assert next(r for r in rows if r["slug"] == "tricky-title")["value"] == -250000


def _data_bytes(paths) -> dict[str, bytes]:
    root = _data_dir(paths)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("epoch", [None, "1767225600"])
def test_two_builds_give_identical_data_bytes(tmp_path: Path, monkeypatch, epoch: str | None) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    first = make_project(tmp_path / "one", corpus="minimal")
    second = make_project(tmp_path / "two", corpus="minimal")
    generate_docs(first)
    generate_docs(second)
    assert "feeds/all.atom.xml" in _data_bytes(first)
    assert _data_bytes(first) == _data_bytes(second)


def test_data_page_links_every_data_file(minimal) -> None:
    paths, _ = minimal
    page = (_data_dir(paths) / "index.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)#:]+)\)", page))
    files = set(_data_bytes(paths)) - {"index.md"}
    assert files <= links
    assert all((_data_dir(paths) / link).resolve().is_file() for link in links)


def test_shipped_data_loads_and_matches_the_corpus(built_site) -> None:
    corpus = built_site.corpus
    site_data = built_site.paths.site / "data"
    package = Package(str(site_data / "datapackage.json"))
    assert package.validate().valid
    assert len(package.get_resource("casestudies").read_rows()) == len(corpus.case_studies)
    assert len(package.get_resource("outcomes").read_rows()) == sum(len(cs.outcomes) for cs in corpus.case_studies)
    data = json.loads((site_data / "casestudies.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((site_data / "casestudies.schema.json").read_text(encoding="utf-8")))
    assert [r["slug"] for r in data["case_studies"]] == [cs.slug for cs in corpus.case_studies]


def test_csv_is_rfc4180(minimal) -> None:
    paths, _ = minimal
    raw = (_data_dir(paths) / "casestudies.csv").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n")
    assert list(csv.reader(io.StringIO(raw)))[0][0] == "slug"


def test_every_open_data_address_is_claimed_once(make_corpus) -> None:
    from casebook.collector import Collector
    from casebook.outputs import export
    from casebook.render import SiteRenderer
    from casebook.siteconfig import read_site_config

    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    collector = Collector()
    export.render_exports(SiteRenderer(paths.templates, corpus, read_site_config(paths.mkdocs_config)), collector)
    data = {addresses.DATA, addresses.EXPORT_JSON, addresses.EXPORT_SCHEMA, addresses.FRONT_MATTER_SCHEMA, addresses.CASE_STUDIES_CSV, addresses.OUTCOMES_CSV, addresses.DATAPACKAGE, addresses.FEED_ALL}
    assert data <= set(collector.files)
