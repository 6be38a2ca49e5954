"""The whole pipeline, stage by stage: load -> validate -> model -> render -> write -> site engine."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from casebook.browse import render_browse_pages
from casebook.citation import edition_date
from casebook.export import merge_pages, render_exports
from casebook.load import load_corpus_files
from casebook.model import Corpus, build_corpus
from casebook.problems import BuildError, ContentInvalid, Problem
from casebook.register import read_register
from casebook.render import SiteRenderer, render_site
from casebook.search import build_search_index
from casebook.settings import ProjectPaths
from casebook.siteconfig import read_site_config
from casebook.taxonomy import get_taxonomy
from casebook.validate import CaseStudyValidator, validate_files
from casebook.write import WriteReport, replace_directory, write_pages

# The site engine is driven through its command line only, so it can be swapped
# (ProperDocs and Zensical read the same mkdocs.yml).
SITE_ENGINE = [sys.executable, "-m", "mkdocs"]


@dataclass
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    file_count: int


def check_content(paths: ProjectPaths) -> CheckResult:
    """Load and validate every case study; build the corpus only if all are valid."""
    taxonomy = get_taxonomy()
    register = read_register(paths.registers)
    loaded = load_corpus_files(paths.casestudies, paths.root)
    problems = validate_files(loaded.files, CaseStudyValidator(taxonomy, register), loaded.problems)
    file_count = len(loaded.files) + len({p.path for p in loaded.problems} - {f.path for f in loaded.files})
    corpus = None if problems else build_corpus(loaded.files, taxonomy, register)
    return CheckResult(corpus, problems, file_count)


def generate_docs(paths: ProjectPaths) -> tuple[Corpus, WriteReport]:
    """Validate, then render every generated page into docs/. Nothing is written if any file is bad."""
    result = check_content(paths)
    if result.problems or result.corpus is None:
        raise ContentInvalid(result.problems)
    site = read_site_config(paths.mkdocs_config)
    pages = render_site(result.corpus, paths.templates, site)
    pages.update(render_browse_pages(SiteRenderer(paths.templates, result.corpus, site)))  # search, compare
    pages = merge_pages(pages, render_exports(result.corpus, paths.templates, site))  # data/: JSON, CSV, feeds
    return result.corpus, write_pages(dict(pages), paths.docs)


def run_site_engine(paths: ProjectPaths, site_dir: Path, strict: bool, epoch: int | None = None) -> None:
    """Build docs/ into site_dir; `epoch` (SOURCE_DATE_EPOCH) stands in for the clock in the sitemap."""
    command = SITE_ENGINE + ["build", "--clean", "-f", str(paths.mkdocs_config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    environment = dict(os.environ, **({"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else {}))
    completed = subprocess.run(command, cwd=paths.root, capture_output=True, text=True, env=environment)
    if completed.returncode != 0:
        raise BuildError(f"the site engine failed:\n{completed.stderr.strip() or completed.stdout.strip()}")


def build_site(paths: ProjectPaths, strict: bool = False) -> Corpus:
    """Generate docs/ and build site/; site/ is replaced only when the whole build succeeded."""
    corpus, _ = generate_docs(paths)
    staging = paths.site.with_name(paths.site.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    try:
        # The sitemap's dates (and sitemap.xml.gz's header) come from the content, not the day of the
        # build, so two builds of one commit are byte-identical.
        run_site_engine(paths, staging, strict, epoch=int(edition_date(corpus).timestamp()))
        build_search_index(staging, len(corpus.case_studies))  # a failed index keeps the old site/
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_directory(staging, paths.site)
    return corpus
