"""Site facts from mkdocs.yml, with `!ENV` read as MkDocs reads it."""
from __future__ import annotations

from pathlib import Path

from casebook.siteconfig import read_site_config

CONFIG = 'site_name: Casebook\nsite_url: !ENV [SITE_URL, "https://example.org/casebook"]\nrepo_url: https://github.com/o/r\n'


def test_site_url_comes_from_the_environment_or_its_default(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert read_site_config(config)["site_url"] == "https://example.org/casebook/"
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000")
    site = read_site_config(config)
    assert site["site_url"] == "http://127.0.0.1:8000/"
    assert site["edit_base"] == "https://github.com/o/r/edit/main/"
