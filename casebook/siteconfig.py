"""Site facts the pages need (name, URLs), read from mkdocs.yml as plain YAML.

We read the config file, never MkDocs' own code, so the site engine stays replaceable.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import add_env_tag


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that understands MkDocs' `!ENV [NAME, default]` tag, with the library MkDocs uses."""


add_env_tag(_ConfigLoader)


def load_config(mkdocs_yml: Path) -> dict[str, Any]:
    """The whole configuration file as plain data (`!ENV` resolved)."""
    return yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def read_site_config(mkdocs_yml: Path) -> dict[str, Any]:
    """name, description, site_url, repo_url and the base URL of "edit this page" links."""
    config = load_config(mkdocs_yml)
    repo_url = (config.get("repo_url") or "").rstrip("/")
    extra = config.get("extra") or {}
    return {
        "name": config.get("site_name", "Transformation Casebook"),
        "description": config.get("site_description", ""),
        "site_url": (config.get("site_url") or "").rstrip("/") + "/",
        "repo_url": repo_url,
        "edit_base": f"{repo_url}/edit/{extra.get('source_branch', 'main')}/" if repo_url else "",
    }
