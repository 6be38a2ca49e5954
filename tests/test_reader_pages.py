"""The model, evidence and data pages speak to readers: terms explained in place from the taxonomy,
developer detail only in a "For developers" section at the bottom, and each download's size, rows and date."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from markupsafe import escape

from casebook import addresses
from casebook.outputs.export import file_size
from casebook.pipeline import render_pages
from casebook.taxonomy import read_taxonomy

READER_PAGES = (addresses.MODEL, addresses.EVIDENCE, addresses.DATA)
DEVELOPER_WORDS = ("taxonomy.yml", "JSON Schema", "frictionless", "`casebook/", "`registers/", ".py`", "`templates/")
DEVELOPERS = "## For developers"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import make_project

    paths = make_project(tmp_path_factory.mktemp("reader") / "project", corpus="minimal")
    files = render_pages(*_checked(paths))
    return paths, files


def _checked(paths):
    from casebook.pipeline import check_content

    return check_content(paths).corpus, paths


def _main_text(page: str) -> str:
    """A page without its front matter and its "For developers" section (which must come last)."""
    body = re.sub(r"<!--.*?-->", "", page.split("---\n", 2)[2], flags=re.DOTALL)  # comments are not shown
    main, _, developers = body.partition(DEVELOPERS)
    assert "\n## " not in developers, "the For developers section must be the last on the page"
    return main


@pytest.mark.parametrize("path", READER_PAGES)
def test_main_text_has_no_developer_words(built, path: str) -> None:
    _, files = built
    main = _main_text(files[path])
    for word in DEVELOPER_WORDS:
        assert word not in main, f"{path} speaks of {word!r} outside its For developers section"


@pytest.mark.parametrize("path", READER_PAGES)
def test_developer_detail_is_kept_at_the_bottom(built, path: str) -> None:
    _, files = built
    assert DEVELOPERS in files[path]


def test_terms_are_explained_from_the_taxonomy(built) -> None:
    paths, files = built
    taxonomy = read_taxonomy(paths.taxonomy)
    model, evidence = files[addresses.MODEL], files[addresses.EVIDENCE]
    for stage in taxonomy.stages:
        assert all(escape(text) in model for text in (stage.name, stage.short_name, stage.question, stage.description))
    for theme in taxonomy.themes:
        assert escape(theme.headline_measure.name) in evidence and escape(theme.headline_measure.description) in evidence
    for vocabulary in (taxonomy.evidence_grades, taxonomy.bases, taxonomy.outcome_kinds, taxonomy.statuses, taxonomy.services):
        for term in vocabulary:
            assert escape(term.name) in evidence and escape(term.description) in evidence, term.id


def test_an_edited_grade_description_reaches_the_evidence_page(make_corpus) -> None:
    """The definitions are read at build time, not copied into the page by hand."""
    paths = make_corpus(corpus="minimal")
    text = paths.taxonomy.read_text(encoding="utf-8")
    old = "Reported by journalists; no primary source found."
    assert old in text
    paths.taxonomy.write_text(text.replace(old, "Reported in newspapers, and no primary source found yet."), encoding="utf-8")
    files = render_pages(*_checked(paths))
    assert "Reported in newspapers, and no primary source found yet." in files[addresses.EVIDENCE]


def _download_rows(page: str) -> dict[str, list[str]]:
    """Rows of the Downloads table: file name -> its cells."""
    section = page.split("## Downloads", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"^\| \[([^\]]+)\]\([^)]+\) \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_each_download_gives_its_size_rows_and_date_from_the_written_file(built) -> None:
    _, files = built
    rows = _download_rows(files[addresses.DATA])
    assert set(rows) == {"casestudies.csv", "outcomes.csv", "casestudies.json"}
    for name, path in (("casestudies.csv", addresses.CASE_STUDIES_CSV), ("outcomes.csv", addresses.OUTCOMES_CSV)):
        content = files[path]
        _, size, count, date = rows[name]
        assert size == file_size(len(content.encode("utf-8")))
        assert int(count) == len(list(csv.reader(io.StringIO(content)))) - 1
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", date)
    _, size, count, _ = rows["casestudies.json"]
    assert int(count) == len(json.loads(files[addresses.EXPORT_JSON])["case_studies"]) == 2


def test_the_data_page_says_how_to_open_the_csv_in_a_spreadsheet(built) -> None:
    _, files = built
    main = _main_text(files[addresses.DATA])
    assert "## Open it in a spreadsheet" in main
    section = main.split("## Open it in a spreadsheet", 1)[1].split("\n## ", 1)[0]
    assert "casestudies.csv" in section and "Excel" in section


@pytest.mark.parametrize(("size", "shown"), [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 kB"), (13_849, "13.8 kB"), (2_500_000, "2.5 MB")])
def test_file_sizes_read_as_a_download_link_would_show_them(size: int, shown: str) -> None:
    assert file_size(size) == shown
