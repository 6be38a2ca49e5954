"""The whole pipeline, stage by stage: load -> validate -> model -> render -> write -> site engine."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from casebook.addresses import engine_environment
from casebook.outputs.browse import render_browse_pages
from casebook.engines import DEFAULT_ENGINE, build_command, get_engine
from casebook.outputs.citation import edition_date
from casebook.outputs.export import render_exports
from casebook.load import LoadResult, SourceFile, find_name_clashes, find_case_study_files, load_corpus_files, load_file
from casebook.collector import Collector
from casebook.model import Corpus, build_corpus
from casebook.problems import BuildError, ContentInvalid, Problem
from casebook.register import read_register
from casebook.render import SiteRenderer
from casebook.outputs.search import build_search_index
from casebook.project import ProjectPaths
from casebook.siteconfig import read_site_config
from casebook.taxonomy import get_taxonomy
from casebook.validate import CaseStudyValidator, validate_files
from casebook.write import WriteReport, replace_directory, write_pages

@dataclass
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    file_count: int


Stamp = tuple[int, int]  # a file's modification time (ns) and size


@dataclass
class ContentCache:
    """What the last check read, so a preview re-reads and re-validates only the files that changed.

    Valid only while the taxonomy and the register stay the same: `serve` starts a new cache when
    anything but a case-study file changes.
    """

    stamps: dict[Path, Stamp] = field(default_factory=dict)
    sources: dict[str, SourceFile | None] = field(default_factory=dict)  # path -> file as loaded
    load_problems: dict[str, list[Problem]] = field(default_factory=dict)  # path -> problems met loading it
    checked: dict[str, list[Problem]] = field(default_factory=dict)  # path -> the validator's problems


def _stamps(folder: Path) -> dict[Path, Stamp]:
    stamps = {}
    for entry in find_case_study_files(folder):
        status = entry.lstat()
        stamps[entry] = (status.st_mtime_ns, status.st_size)
    return stamps


def _load_changed(paths: ProjectPaths, cache: ContentCache, validator: CaseStudyValidator) -> LoadResult | None:
    """Re-read only the files whose stamp changed; None when files were added, removed or are not plain .md files."""
    stamps = _stamps(paths.casestudies)
    changed = [entry for entry, stamp in stamps.items() if cache.stamps.get(entry) != stamp]
    if not cache.stamps or stamps.keys() != cache.stamps.keys() or any(e.suffix != ".md" or not e.is_file() or e.is_symlink() for e in changed):
        return None
    for entry in changed:
        source, problems = load_file(entry, paths.root)
        path = entry.relative_to(paths.root).as_posix()
        cache.sources[path], cache.load_problems[path] = source, problems
        cache.checked[path] = validator.validate(source) if source is not None else []
    cache.stamps = stamps
    files = [source for _, source in sorted(cache.sources.items()) if source is not None]
    problems = [p for _, found in sorted(cache.load_problems.items()) for p in found]
    return LoadResult(files, problems + find_name_clashes([e for e in stamps if e.suffix == ".md"], paths.root))


def _fill_cache(paths: ProjectPaths, cache: ContentCache, stamps: dict[Path, Stamp], loaded: LoadResult, validator: CaseStudyValidator) -> None:
    """Remember a full load, file by file (names that clash are left out: their problem is recomputed)."""
    cache.stamps = stamps  # taken before reading, so an edit made while reading is seen next time
    clashes = set(find_name_clashes([e for e in cache.stamps if e.suffix == ".md"], paths.root))
    cache.sources = {entry.relative_to(paths.root).as_posix(): None for entry in cache.stamps}
    cache.sources |= {source.path: source for source in loaded.files}
    cache.load_problems = {path: [] for path in cache.sources}
    for problem in loaded.problems:
        if problem not in clashes:
            cache.load_problems.setdefault(problem.path, []).append(problem)
    cache.checked = {source.path: validator.validate(source) for source in loaded.files}


def _validate_cached(loaded: LoadResult, cache: ContentCache) -> list[Problem]:
    """validate_files' result from the cached per-file problems (same filtering, same order)."""
    flagged = {(p.path, p.field) for p in loaded.problems}
    problems = list(loaded.problems)
    for source in loaded.files:
        problems += [p for p in cache.checked[source.path] if (p.path, p.field) not in flagged]
    return sorted(set(problems))


def check_content(paths: ProjectPaths, cache: ContentCache | None = None) -> CheckResult:
    """Load and validate every case study; build the corpus only if all are valid.

    With a cache (the preview), files unchanged since the last check are not read or validated again.
    """
    taxonomy = get_taxonomy()
    register = read_register(paths.registers)
    validator = CaseStudyValidator(taxonomy, register)
    if cache is None:
        loaded = load_corpus_files(paths.casestudies, paths.root)
        problems = validate_files(loaded.files, validator, loaded.problems)
    else:
        changed = _load_changed(paths, cache, validator)
        if changed is None:
            stamps = _stamps(paths.casestudies)
            changed = load_corpus_files(paths.casestudies, paths.root)
            _fill_cache(paths, cache, stamps, changed, validator)
        loaded, problems = changed, _validate_cached(changed, cache)
    file_count = len(loaded.files) + len({p.path for p in loaded.problems} - {f.path for f in loaded.files})
    corpus = None if problems else build_corpus(loaded.files, taxonomy, register)
    return CheckResult(corpus, problems, file_count)


def generate_docs(paths: ProjectPaths, cache: ContentCache | None = None) -> tuple[Corpus, WriteReport]:
    """Validate, then render every generated page into docs/. Nothing is written if any file is bad."""
    result = check_content(paths, cache)
    if result.problems or result.corpus is None:
        raise ContentInvalid(result.problems)
    return result.corpus, write_pages(render_pages(result.corpus, paths), paths.docs)


def render_pages(corpus: Corpus, paths: ProjectPaths) -> dict[str, str | bytes]:
    """Every generated file of docs/, in memory: pages, search and compare, data exports."""
    renderer = SiteRenderer(paths.templates, corpus, read_site_config(paths.mkdocs_config))  # one per build
    collector = Collector()  # every output claims its paths here; a path claimed twice stops the build
    renderer.render_all(collector)
    render_browse_pages(renderer, collector)  # search, compare
    render_exports(renderer, collector)  # open data: JSON, CSV, feeds
    return collector.files


def run_site_engine(paths: ProjectPaths, site_dir: Path, strict: bool, epoch: int | None = None, engine: str = DEFAULT_ENGINE) -> None:
    """Build docs/ into site_dir; `epoch` (SOURCE_DATE_EPOCH) stands in for the clock in the sitemap."""
    environment = dict(os.environ, **engine_environment(), **({"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else {}))
    with build_command(get_engine(engine), paths.mkdocs_config, site_dir, strict) as command:
        completed = subprocess.run(command, cwd=paths.root, capture_output=True, text=True, env=environment)
    if completed.returncode != 0:
        raise BuildError(f"the site engine ({engine}) failed:\n{completed.stderr.strip() or completed.stdout.strip()}")


def build_site(paths: ProjectPaths, strict: bool = False, engine: str = DEFAULT_ENGINE) -> Corpus:
    """Generate docs/ and build site/ with the named engine; site/ is replaced only when the whole build succeeded."""
    get_engine(engine)  # an unknown or missing engine is refused before any work
    corpus, _ = generate_docs(paths)
    staging = paths.site.with_name(paths.site.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    try:
        # The sitemap's dates (and sitemap.xml.gz's header) come from the content, not the day of the
        # build, so two builds of one commit are byte-identical.
        run_site_engine(paths, staging, strict, epoch=int(edition_date(corpus).timestamp()), engine=engine)
        build_search_index(staging, len(corpus.case_studies))  # a failed index keeps the old site/
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_directory(staging, paths.site)
    return corpus
