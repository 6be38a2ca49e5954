"""The baseline: a bare MkDocs + Material build of the same synthetic Markdown, no casebook code.

The case-study files go into docs/ as they are (MkDocs reads and drops their front matter), with a
small navigation and the same plugins as our own mkdocs.yml (ours switches MkDocs' search off, so
the bare build must too: with MkDocs' default search plugin it would pay for a lunr index we never
build, and our ratio to it would look better than it is). Our overhead is a ratio measured in the
same run.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from casebook.project import PROJECT_ROOT
from casebook.siteconfig import load_config

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


def our_plugins(mkdocs_yml: Path = PROJECT_ROOT / "mkdocs.yml") -> list[Any]:
    """The `plugins` list of our own site configuration (MkDocs' default, search on, when it has none)."""
    return load_config(mkdocs_yml).get("plugins", ["search"])


def bare_config(plugins: list[Any]) -> str:
    # A JSON list is valid YAML, so the plugin list is written as our config has it.
    return BARE_CONFIG + f"plugins: {json.dumps(plugins)}\n"


def make_bare_project(casestudies: Path, target: Path) -> Path:
    """A bare MkDocs project at `target` holding the case studies; returns its mkdocs.yml."""
    docs = target / "docs"
    shutil.copytree(casestudies, docs / "case-studies")
    (docs / "index.md").write_text("# Baseline\n\nCase studies are under case-studies/.\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nA bare MkDocs build for comparison.\n", encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(bare_config(our_plugins()), encoding="utf-8")
    return config


def build_command(config: Path, site_dir: Path) -> list[str]:
    """MkDocs' own build, with our plugins."""
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site_dir)]
