"""Where a project's folders are: what one build reads and writes. (Page addresses: addresses.py.)"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
TAXONOMY_FILE = PACKAGE_DIR / "schema" / "taxonomy.yml"  # this checkout's; a build reads its project's (ProjectPaths.taxonomy)
SOURCE_RULES_FILE = PACKAGE_DIR / "schema" / "source_rules.yml"  # addresses refused as sources


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

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def taxonomy(self) -> Path:
        """Themes, stages and the other vocabularies; read on every build, so edits show in the preview."""
        return self.root / TAXONOMY_FILE.relative_to(PROJECT_ROOT)


def get_paths(root: Path | None = None) -> ProjectPaths:
    return ProjectPaths((root or PROJECT_ROOT).resolve())
