"""Render: turn the corpus into Markdown pages for docs/, each added to the build's collector.

Rendering is pure: pages go to the build's collector and no file is written here (write.py does that,
staging each page as it arrives), so a failure leaves docs/ alone.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Callable, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from casebook import addresses
from casebook.addresses import case_study_path, council_path, page_url, service_path, relative_doc_path, relative_url, stage_path, theme_feed_path, theme_path
from casebook.outputs.charts import build_charts
from casebook.outputs.citation import build_citation, build_jsonld, dumps_html_safe
from casebook.history import UNAVAILABLE, History
from casebook.outputs.headlines import cell_headlines
from casebook.model import CaseStudy, Corpus
from casebook.collector import Collector
from casebook.register import Council
from casebook.markers import link_citations
from casebook.outputs.trust import evidence_summary
from casebook.outputs.search import template_globals as search_template_globals
from casebook.outputs.council_map import build_map
from casebook.project import PROJECT_ROOT
from casebook.outputs.benchmark import neighbour_positions, positions as council_positions
from casebook.outputs.neighbours import NeighbourTable, get_neighbour_table
from casebook.outputs.related import index_corpus, place_on_matrix, related_case_studies, similar_council_case_studies, similar_council_count
from casebook.taxonomy import Term, stage_label

Pages = dict[str, str]


def format_value(value: float, unit: str) -> str:
    """An outcome figure exactly as given, in a readable form: 6400000 GBP -> £6,400,000."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    if unit == "GBP":
        return f"£{number}" if value >= 0 else f"-£{number.lstrip('-')}"
    if unit == "percent":
        return f"{number}%"
    return f"{number} {unit}"


def _frontmatter(title: str, description: str, meta: dict[str, Any] | None = None) -> str:
    # JSON strings are valid YAML scalars, so titles with colons or quotes stay intact.
    # `meta` adds fields the theme's <head> reads (JSON-LD, feed links): see overrides/partials/casebook-head.html.
    # The theme prints `title` and `description` into HTML unescaped (<title>, meta description, header),
    # so they are HTML-escaped here, once, for every page.
    fields = {"title": html.escape(title), "description": html.escape(description), **(meta or {})}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


class SiteRenderer:
    """Renders every generated page from one Jinja environment."""

    def __init__(self, templates_dir: Path, corpus: Corpus, site: dict[str, Any], registers: Path | None = None, history: History = UNAVAILABLE) -> None:
        self.corpus = corpus
        self.history = history  # from git (casebook/history.py); pages say when it is unavailable
        self.relations = index_corpus(corpus)  # built once: related lists look groups up in it
        self.registers = registers or PROJECT_ROOT / "registers"
        self.neighbours: NeighbourTable = get_neighbour_table(self.registers / "uk_local_authorities.csv")
        self.council_map = build_map(corpus, self.neighbours, self.registers)  # councils index and benchmark
        self.council_pages = {c.gss_code: c for c in corpus.by_council() if c.gss_code}  # GSS code -> council with a page
        self.positions = council_positions(corpus)  # (council, theme id) -> highest stage reached
        self.site = site
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            autoescape=select_autoescape(enabled_extensions=("j2",), default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # `{#id}` is Markdown attr_list syntax for heading anchors, so Jinja comments use `{##`.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters["money"] = lambda value: format_value(value, "GBP")
        self.env.filters["stage_label"] = stage_label
        self.env.filters["figure"] = lambda outcome: format_value(outcome.value, outcome.unit)
        self.env.globals.update(
            taxonomy=corpus.taxonomy,
            corpus=corpus,
            site=site,
            case_study_path=case_study_path,
            theme_path=theme_path,
            service_path=service_path,
            stage_path=stage_path,
            council_path=council_path,
            theme_feed_path=theme_feed_path,
            search_page=addresses.SEARCH,
            compare_page=addresses.COMPARE,
            addresses=addresses.PATTERNS,  # `md(addresses.THEMES)`: pages link by name, never by a path written out
            cell_headlines=cell_headlines,
        )
        self.env.globals.update(search_template_globals())  # index attributes and search links

    def render(self, template: str, path: str, title: str, description: str, meta: dict[str, Any] | None = None, **context: Any) -> tuple[str, str]:
        # `link` is for HTML (final URLs); `md` is for Markdown links, which the engine validates.
        link: Callable[[str], str] = lambda to: relative_url(path, to)
        md: Callable[[str], str] = lambda to: relative_doc_path(path, to)
        body = self.env.get_template(template).render(page_path=path, link=link, md=md, title=title, **context)
        return path, _frontmatter(title, description, meta) + body

    def render_all(self, collector: Collector, first: Sequence[CaseStudy] = ()) -> None:
        """Every page made from the model: home, lists, one per case study, theme, stage and council, charts.
        The pages of `first` (the preview's edited case studies) come before all others."""
        corpus = self.corpus
        done = {id(case_study) for case_study in first}
        for case_study in first:
            collector.add(*self._case_study(case_study), claimant=f"the case study {case_study.path}")
        for page in (self._home(), self._all_list(), self._themes_index(), self._stages_index(), self._councils_index(), self._services_index(), self._charts(), self._model(), self._evidence()):
            collector.add(*page, claimant="the site's index pages (render.py)")
        for case_study in corpus.case_studies:
            if id(case_study) not in done:
                collector.add(*self._case_study(case_study), claimant=f"the case study {case_study.path}")
        for theme, items in corpus.by_theme().items():
            collector.add(*self._theme(theme, items), claimant=f"the theme {theme.id!r}")
        for stage, items in corpus.by_stage().items():
            collector.add(*self._stage(stage, items), claimant=f"stage {stage.id}")
        for service, items in corpus.by_service().items():
            collector.add(*self._service(service, items), claimant=f"the service area {service.id!r}")
        for council, items in corpus.by_council().items():
            collector.add(*self._council(council, items), claimant=f"the council {council.name!r}")

    def _home(self) -> tuple[str, str]:
        return self.render("home.md.j2", addresses.HOME, "Home", self.site["description"], matrix=self.corpus.matrix())

    def _all_list(self) -> tuple[str, str]:
        return self.render("case_study_list.md.j2", addresses.CASE_STUDIES, "All case studies", f"All {len(self.corpus.case_studies)} case studies in the casebook.")

    def _themes_index(self) -> tuple[str, str]:
        return self.render("facet_list.md.j2", addresses.THEMES, "Themes", "Case studies by transformation theme.", facet="theme", groups=self.corpus.by_theme(), path_of=theme_path)

    def _stages_index(self) -> tuple[str, str]:
        return self.render("facet_list.md.j2", addresses.STAGES, "3R stages", "Case studies by stage of the 3R model.", facet="stage", groups=self.corpus.by_stage(), path_of=stage_path)

    def _councils_index(self) -> tuple[str, str]:
        return self.render("council_list.md.j2", addresses.COUNCILS, "Councils A to Z", "Every council with a case study in the casebook.", groups=self.corpus.by_council(), map=self.council_map)

    def _case_study(self, case_study: CaseStudy) -> tuple[str, str]:
        related = related_case_studies(self.relations, case_study)
        url = self.site["site_url"] + page_url(case_study_path(case_study))
        # jsonld is safe inside <script>; reviewed_on goes in the footer of every printed sheet (overrides/partials/casebook-print.html).
        meta = {"jsonld": dumps_html_safe(build_jsonld(case_study, url, self.site)), "reviewed_on": case_study.reviewed.strftime("%-d %B %Y")}
        citation = build_citation(case_study, url)
        body = link_citations(case_study.body, len(case_study.sources))
        evidence = evidence_summary(case_study, self.corpus.taxonomy.evidence_grades)
        return self.render("case_study.md.j2", case_study_path(case_study), case_study.title, case_study.summary, meta=meta, case_study=case_study, related=related, citation=citation, history=self.history, body=body, evidence=evidence)

    def _services_index(self) -> tuple[str, str]:
        description = "Case studies by service area: who shares, runs or changes which council service."
        return self.render("facet_list.md.j2", addresses.SERVICES, "Service areas", description, facet="service", groups=self.corpus.by_service(), path_of=service_path)

    def _service(self, service: Term, items: list[CaseStudy]) -> tuple[str, str]:
        groups = {theme: [cs for cs in items if cs.theme == theme] for theme in self.corpus.taxonomy.themes if theme in {cs.theme for cs in items}}
        description = f"Case studies in the service area {service.name}. {service.description}"
        return self.render("facet_index.md.j2", service_path(service), service.name, description, facet="service", term=service, groups=groups, group_path=theme_path, count=len(items))

    def _theme(self, theme: Term, items: list[CaseStudy]) -> tuple[str, str]:
        groups = {stage: [cs for cs in items if cs.stage == stage] for stage in self.corpus.taxonomy.stages}
        meta = {"feed": theme_feed_path(theme), "feed_title": f"{self.site['name']}: {theme.name}"}
        return self.render("facet_index.md.j2", theme_path(theme), theme.name, theme.description, meta=meta, facet="theme", term=theme, groups=groups, group_path=stage_path, count=len(items))

    def _stage(self, stage: Term, items: list[CaseStudy]) -> tuple[str, str]:
        groups = {theme: [cs for cs in items if cs.theme == theme] for theme in self.corpus.taxonomy.themes}
        title = stage_label(stage)
        return self.render("facet_index.md.j2", stage_path(stage), title, stage.description, facet="stage", term=stage, groups=groups, group_path=theme_path, count=len(items))

    def _council(self, council: Council, items: list[CaseStudy]) -> tuple[str, str]:
        description = f"Case studies involving {council.name}: {council.type_name}, {council.region}."
        similar = similar_council_case_studies(self.relations, council, self.neighbours)
        similar_count = similar_council_count(self.relations, council, self.neighbours)
        matrix = place_on_matrix(self.corpus, items)
        profile = self.neighbours.profile(council.gss_code)
        positions = neighbour_positions(council, self.corpus, self.neighbours, self.council_pages, self.positions)
        neighbours = self.neighbours.neighbours(council.gss_code)
        return self.render(
            "council.md.j2", council_path(council), council.name, description, council=council, items=items, matrix=matrix,
            similar=similar, similar_count=similar_count, profile=profile, neighbours=neighbours, council_pages=self.council_pages,
            case_count=lambda gss: len(self.relations.by_gss.get(gss, ())), positions=positions,
        )

    def _model(self) -> tuple[str, str]:
        description = "The 3R model behind the casebook: where it comes from, its three levels of transformation, and how each case study is placed on one."
        return self.render("model.md.j2", addresses.MODEL, "The 3R model", description)

    def _evidence(self) -> tuple[str, str]:
        description = "How the casebook chooses sources, grades evidence, presents figures, classifies and reviews case studies, and reports failures."
        return self.render("evidence.md.j2", addresses.EVIDENCE, "Evidence and methods", description)

    def _charts(self) -> tuple[str, str]:
        charts = build_charts(self.corpus, lambda value: format_value(value, "GBP"))
        description = "Charts of the casebook: case studies by theme and stage, annual savings by theme, initiatives over time."
        return self.render("charts.md.j2", addresses.INSIGHTS, "Outcomes at a glance", description, charts=charts)


def render_site(corpus: Corpus, templates_dir: Path, site: dict[str, Any]) -> Pages:
    """The pages made from the model alone (no search, compare or open data), by path."""
    collector = Collector()
    SiteRenderer(templates_dir, corpus, site).render_all(collector)
    return {path: str(text) for path, text in collector.files.items()}
