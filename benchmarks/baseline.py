"""The baseline: a bare MkDocs + Material build of the same synthetic Markdown, no casebook code.

The case-study files go into docs/ as they are (MkDocs reads and drops their front matter), with a
small navigation and MkDocs' defaults, so our overhead is a ratio measured in the same run.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

BARE_CONFIG = """site_name: Baseline
site_url: https://example.org/baseline/
use_directory_urls: true
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.top, toc.follow]
markdown_extensions: [abbr, admonition, attr_list, def_list, tables, {toc: {permalink: true}}]
validation: {omitted_files: info, unrecognized_links: info, anchors: info}
nav:
  - Home: index.md
  - About: about.md
"""


def make_bare_project(casestudies: Path, target: Path) -> Path:
    """A bare MkDocs project at `target` holding the case studies; returns its mkdocs.yml."""
    docs = target / "docs"
    shutil.copytree(casestudies, docs / "case-studies")
    (docs / "index.md").write_text("# Baseline\n\nCase studies are under case-studies/.\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nA bare MkDocs build for comparison.\n", encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(BARE_CONFIG, encoding="utf-8")
    return config


def build_command(config: Path, site_dir: Path) -> list[str]:
    """MkDocs' own build, with its default plugins (Material's built-in search)."""
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site_dir)]
