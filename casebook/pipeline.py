"""The whole pipeline, stage by stage: load -> validate -> model -> render -> write -> site engine, with the
search index built from the model beside the engine."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Protocol, Sequence

from casebook import addresses
from casebook.addresses import case_study_path, engine_environment
from casebook.outputs.browse import render_browse_pages
from casebook.engines import DEFAULT_ENGINE, build_command, get_engine
from casebook.outputs.dates import edition_date
from casebook.outputs.export import render_exports
from casebook.outputs.assess_page import published_assessments, render_assess_pages
from casebook.outputs.benchmark import render_benchmark_page
from casebook.load import LoadResult, SourceFile, load_corpus_files
from casebook.collector import Collector
from casebook.history import read_history
from casebook.model import CaseStudy, Corpus, build_corpus
from casebook.problems import BuildError, ContentInvalid, Problem
from casebook.register import get_register, read_register
from casebook.render import SiteRenderer
from casebook.outputs.pagefind import case_study_records, write_search_index
from casebook.project import ProjectPaths
from casebook.siteconfig import read_site_config
from casebook.taxonomy import read_taxonomy
from casebook.validate import CaseStudyValidator, validate_files
from casebook.write import DocsWriter, WriteReport, replace_directory

@dataclass
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    file_count: int


class ContentLoader(Protocol):
    """How check_content reads and checks files when not from scratch (the preview's cache)."""

    def load(self, paths: ProjectPaths) -> LoadResult: ...

    def memoised(self, check: Callable[[SourceFile], list[Problem]]) -> Callable[[SourceFile], list[Problem]]: ...


def check_content(paths: ProjectPaths, cache: ContentLoader | None = None) -> CheckResult:
    """Load and validate every case study; build the corpus only if all are valid.

    The taxonomy and the register are read from the project on every call. With a cache (the
    preview's, casebook/preview/cache.py), unchanged files are not read or validated again.
    """
    taxonomy = read_taxonomy(paths.taxonomy)
    register = read_register(paths.registers)
    validator = CaseStudyValidator(taxonomy, register)
    loaded = cache.load(paths) if cache is not None else load_corpus_files(paths.casestudies, paths.root)
    problems = validate_files(loaded.files, cache.memoised(validator.validate) if cache is not None else validator.validate, loaded.problems)
    file_count = len(loaded.files) + len({p.path for p in loaded.problems} - {f.path for f in loaded.files})
    corpus = None if problems else build_corpus(loaded.files, taxonomy, register)
    return CheckResult(corpus, problems, file_count)


def generate_docs(paths: ProjectPaths, cache: ContentLoader | None = None, first: Collection[str] = ()) -> tuple[Corpus, WriteReport]:
    """Validate, then render every generated page into docs/. Nothing is written if any file is bad.

    Pages are streamed to a staging folder as they are rendered (no whole site in memory) and moved
    into docs/ only when every page rendered (casebook/write.py). `first` (the preview's edited
    case-study files) are rendered before anything else and their own pages written to docs/ at
    once, so the site engine can show them while the rest is rendered.
    """
    result = check_content(paths, cache)
    if result.problems or result.corpus is None:
        raise ContentInvalid(result.problems)
    early = [cs for cs in result.corpus.case_studies if cs.path in first]
    writer = DocsWriter(paths.docs, early={case_study_path(cs) for cs in early})
    try:
        render_into(result.corpus, paths, Collector(writer.add), early)
    except BaseException:
        writer.abort()
        raise
    return result.corpus, writer.commit()


def render_pages(corpus: Corpus, paths: ProjectPaths) -> dict[str, str | bytes]:
    """Every generated file of docs/, in memory (for tests): pages, search and compare, data exports."""
    collector = Collector()
    render_into(corpus, paths, collector)
    return collector.files


def render_into(corpus: Corpus, paths: ProjectPaths, collector: Collector, first: Sequence[CaseStudy] = ()) -> None:
    """Every generated file of docs/, added to `collector` (which claims each path once); the pages of
    the case studies in `first` before any other."""
    # One per build; the change history comes from git, read once per build.
    history = read_history(paths.root, paths.casestudies.relative_to(paths.root).as_posix())
    renderer = SiteRenderer(paths.templates, corpus, read_site_config(paths.mkdocs_config), paths.registers, history)
    renderer.render_all(collector, first)  # every output claims its paths there; a path claimed twice stops the build
    render_browse_pages(renderer, collector)  # search, compare
    register = get_register(paths.registers)
    collector.add_all(render_assess_pages(renderer, register, renderer.neighbours), "the self-assessment (outputs/assess_page.py)")
    published = published_assessments(paths.root, renderer, register)  # councils' own, from assessments/
    collector.add_all(render_benchmark_page(renderer, register, renderer.council_map, published), "the benchmark page (outputs/benchmark.py)")
    render_exports(renderer, collector)  # open data: JSON, CSV, feeds


async def run_site_engine(paths: ProjectPaths, site_dir: Path, strict: bool, epoch: int | None = None, engine: str = DEFAULT_ENGINE) -> None:
    """Build docs/ into site_dir; `epoch` (SOURCE_DATE_EPOCH) stands in for the clock in the sitemap.

    The engine is a child process (its command from casebook/engines.py; never imported); if this
    coroutine is cancelled (the search index failed beside it), the engine is stopped.
    """
    environment = dict(os.environ, **engine_environment(), **({"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else {}))
    with build_command(get_engine(engine), paths.mkdocs_config, site_dir, strict) as command:
        process = await asyncio.create_subprocess_exec(*command, cwd=paths.root, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            stdout, stderr = await process.communicate()
        except asyncio.CancelledError:
            process.kill()
            await process.wait()
            raise
    if process.returncode != 0:
        output = (stderr or stdout).decode(errors="replace").strip()
        raise BuildError(f"the site engine ({engine}) failed:\n{output}")


async def run_engine_beside_index(paths: ProjectPaths, corpus: Corpus, site_dir: Path, bundle: Path, strict: bool, epoch: int | None = None, engine: str = DEFAULT_ENGINE) -> None:
    """The site engine into site_dir and, at the same time, the search index from the model into
    `bundle` (it cannot go inside site_dir: the engine empties that first). The engine runs on its
    own core while this process makes the index's records; the first failure stops the other."""
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(run_site_engine(paths, site_dir, strict, epoch, engine))
            group.create_task(write_search_index(case_study_records(corpus), bundle, len(corpus.case_studies)))
    except BaseExceptionGroup as failures:
        raise failures.exceptions[0] from None


def search_staging(paths: ProjectPaths) -> Path:
    """Where the search bundle is written while the engine builds: the ignored .cache/ beside site/."""
    return paths.site.parent / ".cache" / "search.staging"


def build_site(paths: ProjectPaths, strict: bool = False, engine: str = DEFAULT_ENGINE) -> Corpus:
    """Generate docs/, then build site/ with the named engine while the search index is built beside it;
    site/ is replaced only when both succeeded (and the index holds exactly the published case studies)."""
    get_engine(engine)  # an unknown or missing engine is refused before any work
    corpus, _ = generate_docs(paths)
    staging, bundle = paths.site.with_name(paths.site.name + ".new"), search_staging(paths)
    for folder in (staging, bundle):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        # The sitemap's dates (and sitemap.xml.gz's header) come from the content, not the day of the
        # build, so two builds of one commit are byte-identical.
        asyncio.run(run_engine_beside_index(paths, corpus, staging, bundle, strict, epoch=int(edition_date(corpus).timestamp()), engine=engine))
        bundle.rename(staging / addresses.SEARCH_BUNDLE_DIR)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a failed engine or index keeps the old site/
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    replace_directory(staging, paths.site)
    return corpus
