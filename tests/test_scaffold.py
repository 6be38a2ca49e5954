"""`new`'s scaffold: a file with valid front matter and the standard headings, refused over an existing one."""
from __future__ import annotations

import pytest

from casebook.contrib.scaffold import BODY_HEADINGS, NewCaseStudy, check_file_text, render_new_case_study, write_new_case_study
from casebook.problems import SiteError
from casebook.register import read_register
from casebook.taxonomy import get_taxonomy

ANSWERS = NewCaseStudy(
    title="No: a test", summary="A summary.", councils=["Adur District Council"], theme="shared-services", stage=1,
    status="active", started=2019, source_title="A source", source_url="https://www.adur-worthing.gov.uk/", source_publisher="Adur & Worthing Councils",
)


def test_the_scaffold_validates_and_has_every_heading(make_corpus) -> None:
    paths = make_corpus()
    text = render_new_case_study(ANSWERS)
    assert all(f"## {heading}" in text for heading in BODY_HEADINGS)
    assert 'title: "No: a test"' in text  # quoted, so YAML 1.1 cannot read `No` as false
    problems = check_file_text(text, "no-a-test", get_taxonomy(paths), read_register(paths.registers))
    # Only the placeholders left to fill in: the sections, the source's date and the headline measure's reason.
    assert {p.field for p in problems} == {"body", "sources[1].undated", "headline_unavailable"}
    assert all("is placeholder text" in p.message for p in problems)


def test_an_existing_file_is_never_overwritten(make_corpus) -> None:
    paths = make_corpus()
    target = write_new_case_study(ANSWERS, paths.casestudies)
    assert target.name == "no-a-test.md"
    with pytest.raises(SiteError, match="already exists"):
        write_new_case_study(ANSWERS, paths.casestudies)
