"""Charts: well-formed accessible SVG whose figures equal the table beside it and the model."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from casebook import addresses, project
from casebook.outputs.charts import COLOUR_AXIS, COLOUR_BAR, COLOUR_ENDED, build_charts
from casebook.model import Corpus
from casebook.pipeline import check_content
from casebook.render import format_value, render_site
from casebook.siteconfig import read_site_config
from tests.support.variants import vary

SVG = "{http://www.w3.org/2000/svg}"
CHART_IDS = ["chart-theme-stage", "chart-headline-shared-services", "chart-headline-commercialisation", "chart-timeline"]


def _money(value: float) -> str:
    return format_value(value, "GBP")


def _saving(value: float, **changes: object) -> dict:
    outcome = {"measure": "Saving", "value": value, "unit": "GBP", "year": 2012, "basis": "annual", "kind": "saving", "evidence": "audited", "source": 1}
    return {**outcome, **changes}


@pytest.fixture
def corpus(make_corpus, valid_text) -> Corpus:
    """The minimal corpus plus case studies whose outcomes test what is summed and what is not."""
    files = {
        "two-years.md": vary(valid_text, outcomes=[_saving(100_000, year=2011), _saving(400_000, year=2012)]),
        "estimate-and-one-off.md": vary(valid_text, outcomes=[_saving(900_000, evidence="estimate"), _saving(50_000, basis="one-off"), _saving(70_000, kind="income")]),
        "ended-early.md": vary(valid_text, theme="commercialisation", stage=3, started=2012, ended=2014, status="ended", outcomes=[_saving(30_000)]),
        "headline.md": vary(valid_text, title="Headline: a marked figure", outcomes=[_saving(900_000, year=2011), _saving(400_000, headline=True)]),
        "loss.md": vary(valid_text, title="Loss: a council company", theme="commercialisation", outcomes=[_saving(38_000_000, kind="cost", basis="cumulative", headline=True)]),
    }
    result = check_content(make_corpus(files, corpus="minimal"))
    assert result.problems == [] and result.corpus is not None
    return result.corpus


@pytest.fixture
def page(corpus: Corpus) -> str:
    return render_site(corpus, project.PROJECT_ROOT / "templates", read_site_config(project.PROJECT_ROOT / "mkdocs.yml"))[addresses.INSIGHTS]


def _svg_of(page: str, chart_id: str) -> ET.Element:
    match = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title.*?</svg>', page, re.S)
    assert match, f"no SVG for {chart_id}"
    return ET.fromstring(match.group(0))


def _marks(svg: ET.Element) -> dict[tuple[str, str], float]:
    """(row, column) -> value of every bar, from its data-key and data-value."""
    return {tuple(rect.get("data-key").split("|")): float(rect.get("data-value")) for rect in svg.iter(f"{SVG}rect") if rect.get("data-key")}


def _number(text: str) -> float:
    return float(text.replace("£", "").replace(",", ""))


def _table_of(page: str, chart_id: str) -> dict[tuple[str, str], float]:
    """(row, column) -> value of every cell of the chart's table, read back from the page's HTML."""
    match = re.search(rf'<caption id="{chart_id}-caption">.*?</table>', page, re.S)
    assert match, f"no table for {chart_id}"
    table = ET.fromstring("<table>" + match.group(0))  # the generated table is well-formed XHTML
    columns = [th.text for th in table.find("thead").iter("th")][1:]
    cells = {}
    for row in table.find("tbody").iter("tr"):
        header = row.find("th").text
        for column, cell in zip(columns, row.findall("td")):
            if not re.search(r"[A-Za-z]", cell.text):  # figures only: "2012, Audited" is a label
                cells[(header, column)] = _number(cell.text)
    return cells


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_svg_is_an_accessible_image(page: str, chart_id: str) -> None:
    svg = _svg_of(page, chart_id)
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert [title.get("id"), desc.get("id")] == ids
    assert title.text.strip() and desc.text.strip()
    assert svg.get("viewBox").startswith("0 0 ") and svg.get("width") == "100%"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_svg_numbers_equal_the_table(page: str, chart_id: str) -> None:
    marks, table = _marks(_svg_of(page, chart_id)), _table_of(page, chart_id)
    assert marks, "a chart with no bars proves nothing"
    for key, value in marks.items():
        assert table[key] == value, key
    # Every non-zero figure of a drawn column has its bar (zero-valued bars may be left out).
    drawn = {column for _, column in marks}
    assert {k for k, v in table.items() if v and k[1] in drawn} == {k for k, v in marks.items() if v}


def test_theme_stage_figures_equal_the_model(page: str, corpus: Corpus) -> None:
    counted = Counter((cs.theme.name, f"Stage {cs.stage.id}: {cs.stage.name}") for cs in corpus.case_studies)
    table = _table_of(page, "chart-theme-stage")
    assert table == {key: counted.get(key, 0) for key in table}
    assert sum(table.values()) == len(corpus.case_studies)


def test_headline_charts_show_one_marked_figure_per_case_study(page: str, corpus: Corpus) -> None:
    table = _table_of(page, "chart-headline-shared-services")
    marked = {cs.title.split(":")[0]: cs.headline.value for cs in corpus.case_studies if cs.theme.id == "shared-services" and cs.headline}
    assert {row: value for (row, column), value in table.items() if column == "Recurring annual saving"} == marked
    assert marked == {"Headline": 400_000}  # the outcome marked `headline: true`, not the largest or a sum


def test_a_net_loss_is_negative_and_drawn_in_red(page: str) -> None:
    marks = _marks(_svg_of(page, "chart-headline-commercialisation"))
    assert marks == {("Loss", "Net return to the council"): -38_000_000}
    svg = page.split('id="chart-headline-commercialisation-title"')[1].split("</svg>")[0]
    assert f'fill="{COLOUR_ENDED}"' in svg


def test_a_theme_without_headline_figures_says_none_reported(page: str) -> None:
    section = page.split("{#chart-headline-combined-authority}")[1].split("\n## ")[0]
    assert "None reported" in section and "<svg" not in section


def test_timeline_counts_every_start_and_end(page: str, corpus: Corpus) -> None:
    table = _table_of(page, "chart-timeline")
    assert sum(v for (_, column), v in table.items() if column == "Started") == len(corpus.case_studies)
    assert sum(v for (_, column), v in table.items() if column == "Ended") == sum(1 for cs in corpus.case_studies if cs.ended)
    starts = Counter(str(cs.started) for cs in corpus.case_studies)
    assert {year: v for (year, column), v in table.items() if column == "Started" and v} == dict(starts)


def test_page_says_what_is_compared(page: str) -> None:
    assert "never\nadded across case studies or themes" in page
    assert "one figure per case study" in page


def _contrast_on_white(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_colours_meet_contrast_and_text_follows_the_page(page: str, chart_id: str) -> None:
    svg = _svg_of(page, chart_id)
    colours = {el.get("fill") for el in svg.iter() if el.get("fill")} | {el.get("stroke") for el in svg.iter() if el.get("stroke")}
    assert {el.get("fill") for el in svg.iter(f"{SVG}text")} == {"currentColor"}
    for colour in colours - {"currentColor"}:
        assert _contrast_on_white(colour) >= 4.5, colour
    assert {COLOUR_BAR, COLOUR_ENDED, COLOUR_AXIS} >= colours - {"currentColor"}


def test_charts_build_for_a_corpus_without_savings_or_endings(make_corpus, valid_text) -> None:
    result = check_content(make_corpus({"a.md": vary(valid_text, outcomes=None)}))
    charts = build_charts(result.corpus, _money)
    for chart in charts:
        if chart.id.startswith("chart-headline-"):
            assert chart.svg == "" and chart.table.rows == ()  # no figures: the page says "None reported"
        else:
            ET.fromstring(chart.svg)
    assert [chart.id for chart in charts] == [CHART_IDS[0], "chart-headline-shared-services", "chart-headline-combined-authority", "chart-headline-commercialisation", CHART_IDS[-1]]
