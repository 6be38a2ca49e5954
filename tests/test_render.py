"""Rendering: figures shown exactly, escaping, drafts left out. (URLs: test_addresses.py.)"""
from __future__ import annotations

import pytest

from casebook.pipeline import check_content
from casebook.render import format_value, render_site
from casebook.siteconfig import read_site_config


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [(6400000, "GBP", "£6,400,000"), (-5000, "GBP", "-£5,000"), (12.5, "percent", "12.5%"), (230, "jobs", "230 jobs"), (0.25, "GBP", "£0.25")],
)
def test_format_value_shows_the_figure_exactly(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_front_matter_values_are_escaped(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    result = check_content(paths)
    pages = render_site(result.corpus, paths.templates, read_site_config(paths.mkdocs_config))
    page = pages["case-studies/beta-energy-company.md"]
    assert "<h1>Beta &lt;energy&gt; &amp; co: a council energy company</h1>" in page
    assert 'title: "Beta &lt;energy&gt; &amp; co: a council energy company"' in page  # the theme prints it unescaped
    assert "<energy>" not in page.split("---", 2)[2]


def test_drafts_are_not_rendered(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    result = check_content(paths)
    pages = render_site(result.corpus, paths.templates, read_site_config(paths.mkdocs_config))
    assert "case-studies/gamma-draft.md" not in pages
    assert not any("gamma-draft" in text for text in pages.values())


def test_outcomes_say_whether_a_second_source_confirms_them(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    result = check_content(paths)
    pages = render_site(result.corpus, paths.templates, read_site_config(paths.mkdocs_config))
    beta, alpha = pages["case-studies/beta-energy-company.md"], pages["case-studies/alpha-shared-payroll.md"]
    assert 'confirmed by <a href="#source-2">[2]</a>' in beta
    assert "Headline facts checked against a second source on <time datetime=\"2026-02-02\">2 February 2026</time>" in beta
    assert "Net return to the council:</strong> no public figure. Fixture: no net return figure was published." in beta
    assert "rests on one source" in alpha and "confirmed by" not in alpha
    assert "Headline facts checked" not in alpha


def test_a_shortened_list_of_similar_councils_links_to_search_views(make_corpus, valid_text: str) -> None:
    """No "first 10 of 12" dead end: the council page links to search views holding the rest."""
    from tests.support.variants import vary

    files = {f"case-{n:02}.md": vary(valid_text, title=f"Case {n}", councils=["Worthing Borough Council"]) for n in range(12)}
    files["adur.md"] = vary(valid_text, title="Adur alone", councils=["Adur District Council"])
    paths = make_corpus(files)
    result = check_content(paths)
    pages = render_site(result.corpus, paths.templates, read_site_config(paths.mkdocs_config))
    page = pages["councils/adur-district-council.md"]
    assert "Showing the first 10 of 12. More in search:" in page  # the rest rank by likeness, not only type or region
    assert '<a href="../../search/?type=non-metropolitan-district">every case study involving a council of this type (Non-metropolitan district)</a>' in page
    assert '<a href="../../search/?region=south-east">every case study involving a council in South East</a>.' in page


def test_related_case_studies_link_to_all_of_their_theme_and_stage(make_corpus, valid_text: str) -> None:
    from tests.support.variants import vary

    paths = make_corpus({f"case-{n}.md": vary(valid_text, title=f"Case {n}") for n in range(3)})
    result = check_content(paths)
    pages = render_site(result.corpus, paths.templates, read_site_config(paths.mkdocs_config))
    assert '<a href="../../search/?theme=shared-services&amp;stage=1">every Shared services case study at stage 1</a> in search.</p>' in pages["case-studies/case-0.md"]
