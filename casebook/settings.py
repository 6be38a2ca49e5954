"""Where things live and how generated pages are named: declarative settings, no logic."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
TAXONOMY_FILE = PACKAGE_DIR / "schema" / "taxonomy.yml"

# Limits on contributed files: bigger or stranger files are refused, not guessed at.
MAX_FILE_BYTES = 200_000

# Generated pages, one pattern per page type; paths are relative to docs/.
# MkDocs serves `x/y.md` at `x/y/` (use_directory_urls), which render.page_url mirrors.
INDEX_HOME = "index.md"
INDEX_CASE_STUDIES = "case-studies/index.md"
INDEX_CASE_STUDY = "case-studies/{slug}.md"
INDEX_THEMES = "themes/index.md"
INDEX_THEME = "themes/{slug}.md"
INDEX_STAGES = "stages/index.md"
INDEX_STAGE = "stages/{slug}.md"
INDEX_COUNCILS = "councils/index.md"
INDEX_COUNCIL = "councils/{slug}.md"
# Search and compare (casebook/outputs/search.py, casebook/outputs/browse.py): pages, per-case-study data, index.
INDEX_SEARCH = "search/index.md"
INDEX_COMPARE = "compare/index.md"
COMPARE_DATA = "compare/{slug}.json"
SEARCH_BUNDLE_DIR = "pagefind"  # Pagefind's index and scripts, inside the built site
INDEX_CHARTS = "insights/index.md"  # "Outcomes at a glance": charts and their tables

# Everything under these folders of docs/ (and these single files) is generated:
# wiped and rewritten on every build, ignored by git.
GENERATED_DIRS = ("case-studies", "themes", "stages", "councils", "data", "insights", "search", "compare")
GENERATED_FILES = ("index.md",)


@dataclass(frozen=True)
class ProjectPaths:
    """The folders one build reads and writes; tests point this at a temporary tree."""

    root: Path

    @property
    def casestudies(self) -> Path:
        return self.root / "casestudies"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def registers(self) -> Path:
        return self.root / "registers"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"


def get_paths(root: Path | None = None) -> ProjectPaths:
    return ProjectPaths((root or PROJECT_ROOT).resolve())
