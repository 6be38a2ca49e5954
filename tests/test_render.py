"""Rendering helpers: URLs under any sub-path, figures shown exactly, escaping."""
from __future__ import annotations

import pytest

from casebook.pipeline import check_content
from casebook.render import format_value, page_url, relative_doc_path, relative_url, render_site
from casebook.siteconfig import read_site_config


@pytest.mark.parametrize(
    ("path", "url"),
    [("index.md", ""), ("case-studies/index.md", "case-studies/"), ("case-studies/a.md", "case-studies/a/"), ("model.md", "model/")],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


@pytest.mark.parametrize(
    ("from_path", "to_path", "expected"),
    [
        ("index.md", "themes/a.md", "themes/a/"),
        ("themes/a.md", "case-studies/b.md", "../../case-studies/b/"),
        ("themes/index.md", "themes/a.md", "a/"),
        ("case-studies/b.md", "index.md", "../../"),
        ("case-studies/index.md", "case-studies/index.md", "./"),
        ("index.md", "themes/a.md#stage-1", "themes/a/#stage-1"),
    ],
)
def test_relative_url_never_starts_at_the_server_root(from_path: str, to_path: str, expected: str) -> None:
    assert relative_url(from_path, to_path) == expected


def test_relative_doc_path() -> None:
    assert relative_doc_path("themes/a.md", "case-studies/b.md#x") == "../case-studies/b.md#x"
    assert relative_doc_path("index.md", "model.md") == "model.md"


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
