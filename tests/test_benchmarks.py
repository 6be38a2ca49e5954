"""The benchmark's generator makes valid case studies, and the harness runs end to end (tiny N, no timing asserted)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import harness
from benchmarks.synthetic import HEADINGS, generate_case_studies, make_project
from casebook.pipeline import check_content


def test_generated_case_studies_validate(tmp_path: Path) -> None:
    paths = make_project(tmp_path / "project", 20, seed=7)
    result = check_content(paths)
    assert result.problems == []
    assert result.corpus is not None and len(result.corpus.case_studies) == 20


def test_generator_is_deterministic_per_seed() -> None:
    assert generate_case_studies(5, seed=3) == generate_case_studies(5, seed=3)
    assert generate_case_studies(5, seed=3) != generate_case_studies(5, seed=4)


def test_bodies_have_the_standard_headings_and_about_700_words() -> None:
    for text in generate_case_studies(10, seed=1).values():
        body = text.split("---\n", 2)[2]
        assert [line[3:] for line in body.splitlines() if line.startswith("## ")] == list(HEADINGS)
        assert 550 <= len(body.split()) <= 900


@pytest.mark.slow
def test_harness_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    harness.main(["--sizes", "10", "--serve-at", "10", "--serve-edits", "1", "--work", str(tmp_path / "work"), "--out", str(out)])
    report = json.loads(out.read_text(encoding="utf-8"))
    size = report["sizes"][0]
    assert size["n"] == 10
    assert set(size["stages"]) == {"load", "validate", "model", "render", "write", "mkdocs", "search index", "engine beside index"}
    assert all(stage["peak_mib"] > 0 for stage in size["stages"].values())
    assert size["baseline"]["site"]["files"] > 10 and size["site"]["bytes"] > 0
    assert size["browser"]["search"]["results_shown"] > 0
    assert size["browser"]["search"]["payload_gzip_bytes"] > 0
    assert size["browser"]["case_study_page"]["with_assets_gzip_bytes"] > size["browser"]["case_study_page"]["html_gzip_bytes"] > 0
    assert len(report["serve"]["edit_to_page_seconds"]) == 1


def test_baseline_uses_our_plugins(tmp_path: Path) -> None:
    """The bare build must not pay for a search index ours does not build (issue 15)."""
    from benchmarks.baseline import make_bare_project, our_plugins
    from casebook.project import PROJECT_ROOT
    from casebook.siteconfig import load_config

    (tmp_path / "cs").mkdir()
    config = make_bare_project(tmp_path / "cs", tmp_path / "bare")
    assert load_config(config)["plugins"] == our_plugins() == load_config(PROJECT_ROOT / "mkdocs.yml")["plugins"]


def test_site_size_reports_bytes_per_page_by_kind(tmp_path: Path) -> None:
    from benchmarks.transfer import site_size

    for path, size in {"case-studies/a/index.html": 100, "case-studies/b/index.html": 300, "councils/c/index.html": 50, "councils/index.html": 999, "assess/index.html": 7}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    pages = site_size(tmp_path)["pages"]
    assert pages["case study"] == {"pages": 2, "mean_bytes": 200, "largest_bytes": 300}
    assert pages["council"] == {"pages": 1, "mean_bytes": 50, "largest_bytes": 50}  # not the councils' index
    assert pages["self-assessment"]["mean_bytes"] == 7 and "theme" not in pages
