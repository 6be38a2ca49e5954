"""casebook.source_rules on its own: each rule in schema/source_rules.yml refuses what it names, with its fix."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from casebook.project import SOURCE_RULES_FILE
from casebook.source_rules import address_problem, get_source_rules, read_source_rules, source_findings

# The rules file itself, read here independently, so every entry it lists is exercised.
RAW: dict[str, Any] = yaml.safe_load(SOURCE_RULES_FILE.read_text(encoding="utf-8"))
GOOD = "https://www.adur-worthing.gov.uk/news/2024/joint-payroll?page=2#top"


@pytest.fixture(scope="module")
def rules():
    return get_source_rules()


def test_the_rules_are_the_file_s_rules(rules) -> None:
    assert set(rules.mirror_hosts) == {item["host"] for item in RAW["mirror_hosts"]} | set(RAW["document_copy_hosts"])
    assert rules.development_labels == set(RAW["development_labels"])
    assert set(rules.development_domains) == set(RAW["development_domains"])
    assert set(rules.tracking_parameters) == set(RAW["tracking_parameters"])


@pytest.mark.parametrize("url", [
    GOOD,
    "https://www.bbc.co.uk/news/uk-england-sussex-12345678",
    "https://www.example.gov.uk/amplify/report?sort=date",
    "https://www.example.gov.uk/camping?stamp=1",
    "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2",
    "https://www.testvalley.gov.uk/council/budget",  # a council named Test Valley is not a test site
])
def test_a_canonical_address_passes(rules, url: str) -> None:
    assert address_problem(url, rules) == ""


@pytest.mark.parametrize("item", RAW["mirror_hosts"], ids=lambda item: item["host"])
def test_every_mirror_host_in_the_file_is_refused_with_its_fix(rules, item: dict[str, str]) -> None:
    host = item["host"]
    for address_host in (host, "www." + host):
        problem = address_problem(f"https://{address_host}/a/page?x=1", rules)
        assert problem.startswith(f"{address_host} is a feed or mirror copy, not the publisher's own page; ")
        fix = f"use https://{item['canonical']}/a/page?x=1" if "canonical" in item else item["hint"]
        assert problem.endswith(fix)


@pytest.mark.parametrize("host", RAW["document_copy_hosts"])
def test_every_document_copy_host_is_refused_with_the_shared_hint(rules, host: str) -> None:
    problem = address_problem(f"https://{host}/doc/1/a-council-report", rules)
    assert problem == f"{host} is a feed or mirror copy, not the publisher's own page; " + RAW["document_copy_hint"].format(host=host)


def test_a_bbc_feed_address_is_turned_into_the_bbc_page(rules) -> None:
    assert address_problem("http://feeds.bbci.co.uk/news/uk-politics-123#anchor", rules) == (
        "feeds.bbci.co.uk is a feed or mirror copy, not the publisher's own page; use https://www.bbc.co.uk/news/uk-politics-123"
    )


def test_a_host_that_merely_ends_like_a_mirror_is_not_one(rules) -> None:
    assert address_problem("https://notpressreader.com/story", rules) == ""


@pytest.mark.parametrize("domain", RAW["development_domains"])
def test_every_hosting_platform_domain_in_the_file_is_a_development_copy(rules, domain: str) -> None:
    host = f"council-site.{domain}"
    assert address_problem(f"https://{host}/report", rules) == (
        f"{host} looks like a development or staging copy of a site; cite the live site's address for the same page"
    )


@pytest.mark.parametrize("label", RAW["development_labels"])
def test_every_development_label_in_the_file_marks_a_staging_host(rules, label: str) -> None:
    for host in (f"{label}.example.gov.uk", f"www-{label}.example.org"):
        assert address_problem(f"https://{host}/page", rules).startswith(f"{host} looks like a development or staging copy")


@pytest.mark.parametrize(("url", "clean"), [
    ("https://www.example.co.uk/news/story?amp", "https://www.example.co.uk/news/story"),
    ("https://www.example.co.uk/news/story?amp=1&id=4", "https://www.example.co.uk/news/story?id=4"),
    ("https://www.example.co.uk/news/story?outputType=amp", "https://www.example.co.uk/news/story"),
    ("https://www.example.co.uk/news/story/amp/", "https://www.example.co.uk/news/story/"),
    ("https://www.example.co.uk/amp/news/story", "https://www.example.co.uk/news/story"),
    ("https://www.example.co.uk/news/story.amp", "https://www.example.co.uk/news/story"),
    ("https://www.example.co.uk/news/story/amp?utm_source=x", "https://www.example.co.uk/news/story"),
])
def test_an_amp_address_is_refused_with_the_page_to_cite(rules, url: str, clean: str) -> None:
    assert address_problem(url, rules) == f"is an AMP copy of a page; cite the publisher's own page ({clean})"


@pytest.mark.parametrize("key", [p + "source" for p in RAW["tracking_prefixes"]] + RAW["tracking_parameters"])
def test_every_tracking_parameter_in_the_file_is_refused_and_removed(rules, key: str) -> None:
    url = f"https://www.example.gov.uk/report?id=7&{key}=abc"
    assert address_problem(url, rules) == (
        f"carries tracking parameters (`{key}`); remove them: https://www.example.gov.uk/report?id=7"
    )


def test_tracking_names_are_listed_once_each_whatever_their_case(rules) -> None:
    url = "https://www.example.gov.uk/r?UTM_Source=a&utm_medium=b&fbclid=c&fbclid=d"
    assert address_problem(url, rules) == (
        "carries tracking parameters (`UTM_Source`, `utm_medium`, `fbclid`); remove them: https://www.example.gov.uk/r"
    )


def test_read_source_rules_applies_whatever_the_file_says(tmp_path: Path) -> None:
    custom = tmp_path / "rules.yml"
    custom.write_text(
        "mirror_hosts:\n  - host: copies.example\n    hint: cite the original\n"
        "development_labels: [qa]\ndevelopment_domains: [glitch.me]\n"
        "tracking_prefixes: [pk_]\ntracking_parameters: [ref]\n",
        encoding="utf-8",
    )
    rules = read_source_rules(custom)
    assert address_problem("https://copies.example/x", rules).endswith("; cite the original")
    assert "development or staging" in address_problem("https://qa.example.org/x", rules)
    assert "development or staging" in address_problem("https://site.glitch.me/x", rules)
    assert address_problem("https://www.example.org/x?pk_campaign=1&ref=2", rules) == (
        "carries tracking parameters (`pk_campaign`, `ref`); remove them: https://www.example.org/x"
    )
    assert address_problem("https://feeds.bbci.co.uk/news/1?utm_source=x", rules) == ""


def test_source_findings_places_one_problem_per_bad_address(rules) -> None:
    data = {"sources": [
        {"url": f" {GOOD} "},
        {"url": "https://www.pressreader.com/uk/x?utm_source=y"},
        {"url": "https://www.example.org/a?fbclid=1"},
    ]}
    findings = source_findings(data, rules)
    assert [key for key, _ in findings] == [("sources", 1, "url"), ("sources", 2, "url")]
    assert findings[0][1].startswith("www.pressreader.com is a feed or mirror copy")
    assert source_findings({}, rules) == []
