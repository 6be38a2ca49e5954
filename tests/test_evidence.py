"""casebook.evidence on its own: `confirmed_by`, the headline measure, and source addresses in one pass."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from casebook.evidence import evidence_findings
from casebook.project import get_paths
from casebook.taxonomy import get_taxonomy, read_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return get_taxonomy()


def _outcome(**changes: Any) -> dict[str, Any]:
    outcome = {"measure": "Annual saving", "value": 250000, "unit": "GBP", "year": 2010,
               "basis": "annual", "kind": "saving", "evidence": "council-reported", "source": 1}
    outcome.update(changes)
    return outcome


def _data(*outcomes: dict[str, Any], theme: str = "shared-services", sources: int = 3) -> dict[str, Any]:
    data = {
        "theme": theme,
        "sources": [{"title": f"S{n}", "url": f"https://www.example.gov.uk/report-{n}", "publisher": "P", "date": "2020"} for n in range(1, sources + 1)],
        "outcomes": list(outcomes) or [_outcome()],
    }
    if not any(outcome.get("headline") for outcome in data["outcomes"]):
        data["headline_unavailable"] = "No public figure."  # the headline rule has tests of its own
    return data


def test_a_sound_file_has_no_findings(taxonomy) -> None:
    data = _data(_outcome(confirmed_by=[2, 3], headline=True), _outcome(value=5, confirmed_by=[]))
    assert evidence_findings(data, taxonomy, set()) == []


def test_confirmed_by_past_the_last_source_is_refused(taxonomy) -> None:
    findings = evidence_findings(_data(_outcome(confirmed_by=[2, 4]), sources=3), taxonomy, set())
    assert findings == [(("outcomes", 0, "confirmed_by", 1), "4 points past the last source; use a number from 1 to 3")]


def test_confirmed_by_the_figure_s_own_source_is_refused(taxonomy) -> None:
    findings = evidence_findings(_data(_outcome(), _outcome(source=2, confirmed_by=[1, 2])), taxonomy, set())
    assert findings == [(
        ("outcomes", 1, "confirmed_by", 1),
        "2 is this figure's own `source`; list only other sources that confirm it independently",
    )]


@pytest.mark.parametrize(("changes", "is_now"), [
    ({"basis": "cumulative"}, "GBP, cumulative"),
    ({"unit": "FTE"}, "FTE, annual"),
])
def test_a_headline_that_does_not_match_the_theme_s_measure_is_refused(taxonomy, changes: dict[str, str], is_now: str) -> None:
    findings = evidence_findings(_data(_outcome(headline=True, **changes)), taxonomy, set())
    assert findings == [(("outcomes", 0, "headline"), (
        f"the theme's headline measure (Recurring annual saving) is GBP, annual; this figure is {is_now}: "
        "mark the figure that matches, or remove `headline` and say why in `headline_unavailable`"
    ))]


def test_each_theme_checks_against_its_own_measure(taxonomy) -> None:
    measure = taxonomy.themes.get("commercialisation").headline_measure
    matching = _outcome(headline=True, unit=measure.unit, basis=measure.basis)
    assert evidence_findings(_data(matching, theme="commercialisation"), taxonomy, set()) == []
    annual = _outcome(headline=True, unit="GBP", basis="annual")
    assert [key for key, _ in evidence_findings(_data(annual, theme="commercialisation"), taxonomy, set())] == [("outcomes", 0, "headline")]


def test_two_headlines_are_refused_at_the_second(taxonomy) -> None:
    data = _data(_outcome(), _outcome(headline=True), _outcome(headline=True), _outcome(headline=True))
    assert evidence_findings(data, taxonomy, set()) == [
        (("outcomes", 2, "headline"), "outcome 2 is already the headline; only one outcome may have `headline: true`"),
        (("outcomes", 3, "headline"), "outcome 2 is already the headline; only one outcome may have `headline: true`"),
    ]


def test_headline_false_is_not_a_headline(taxonomy) -> None:
    assert evidence_findings(_data(_outcome(headline=True), _outcome(headline=False)), taxonomy, set()) == []


def test_a_headline_and_headline_unavailable_together_are_refused(taxonomy) -> None:
    data = _data(_outcome(), _outcome(headline=True)) | {"headline_unavailable": "no public figure"}
    assert evidence_findings(data, taxonomy, set()) == [
        (("headline_unavailable",), "outcome 2 has `headline: true`, so the headline is available; remove this field")
    ]
    data["outcomes"][1]["headline"] = False
    assert evidence_findings(data, taxonomy, set()) == []


def test_a_theme_without_a_measure_refuses_headline(tmp_path: Path) -> None:
    raw = yaml.safe_load(get_paths().taxonomy.read_text(encoding="utf-8"))
    for theme in raw["themes"]:
        if theme["id"] == "shared-services":
            del theme["headline_measure"]
    (tmp_path / "taxonomy.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    findings = evidence_findings(_data(_outcome(headline=True)), read_taxonomy(tmp_path / "taxonomy.yml"), set())
    assert findings == [(("outcomes", 0, "headline"), "theme `shared-services` declares no headline measure; remove `headline`")]


def test_source_addresses_are_checked_with_the_other_rules(taxonomy) -> None:
    data = _data(_outcome(confirmed_by=[9]))
    data["sources"][1]["url"] = "https://www.example.gov.uk/report?utm_source=newsletter"
    findings = evidence_findings(data, taxonomy, set())
    assert [key for key, _ in findings] == [("sources", 1, "url"), ("outcomes", 0, "confirmed_by", 0)]
    assert findings[0][1].startswith("carries tracking parameters (`utm_source`)")


@pytest.mark.parametrize("bad", ["outcomes", "theme", "headline_unavailable"])
def test_cross_checks_wait_for_the_schema_but_addresses_are_still_checked(taxonomy, bad: str) -> None:
    data = _data(_outcome(confirmed_by=[9], headline=True, basis="cumulative"))
    data["sources"][0]["url"] = "https://www.example.gov.uk/r?fbclid=1"
    assert [key for key, _ in evidence_findings(copy.deepcopy(data), taxonomy, {bad})] == [("sources", 0, "url")]


def test_a_sources_list_the_schema_refused_stops_every_check(taxonomy) -> None:
    data = _data(_outcome(confirmed_by=[9]))
    data["sources"][0]["url"] = "https://www.example.gov.uk/r?fbclid=1"
    assert evidence_findings(data, taxonomy, {"sources"}) == []


def test_a_case_study_without_a_headline_must_say_why(taxonomy) -> None:
    data = _data(_outcome())
    del data["headline_unavailable"]
    findings = evidence_findings(data, taxonomy, set())
    assert [key for key, _ in findings] == [("headline_unavailable",)]
    assert findings[0][1].startswith("is required when no outcome has `headline: true`; mark the outcome that reports the theme's headline measure (Recurring annual saving: GBP, annual)")
    assert evidence_findings(dict(data, headline_unavailable="No figure was published."), taxonomy, set()) == []


def test_a_draft_or_a_file_without_outcomes_may_wait_for_its_headline(taxonomy) -> None:
    data = _data(_outcome())
    del data["headline_unavailable"]
    assert evidence_findings(dict(data, draft=True), taxonomy, set()) == []
    assert [key for key, _ in evidence_findings(dict(data, outcomes=[]), taxonomy, set())] == [("headline_unavailable",)]


def test_a_source_needs_a_date_or_a_reason_it_has_none(taxonomy) -> None:
    data = _data(_outcome())
    del data["sources"][1]["date"]
    findings = evidence_findings(data, taxonomy, set())
    assert [key for key, _ in findings] == [("sources", 1, "date")]
    assert findings[0][1].startswith("is required; give when it was published (YYYY, YYYY-MM or YYYY-MM-DD), or if no date can be known say why in `undated`")
    data["sources"][1]["undated"] = "living web page, no publication date"
    assert evidence_findings(data, taxonomy, set()) == []
    data["sources"][1]["date"] = "2021-03"
    assert evidence_findings(data, taxonomy, set()) == [(("sources", 1, "undated"), "the source has a `date`, so it is not undated; remove this field")]
    del data["sources"][1]["date"], data["sources"][1]["undated"]
    assert evidence_findings(dict(data, draft=True), taxonomy, set()) == []  # a draft may find its dates later
