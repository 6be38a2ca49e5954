"""Site engines: one table of engines, and the shipped site built the same by each of them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.addresses import engine_environment
from casebook.engines import DEFAULT_ENGINE, ENGINES, PREVIEW_HOOKS, build_command, get_engine, preview_config, serve_command
from casebook.pipeline import build_site, generate_docs
from casebook.preview.engine_hooks import CACHE_VARIABLE
from casebook.problems import SiteError
from tests.support.pagetext import main_text, site_pages
from tests.support.sitebuild import copy_project


def test_mkdocs_is_the_default_and_properdocs_is_not_experimental() -> None:
    assert DEFAULT_ENGINE == "mkdocs"
    assert not ENGINES["mkdocs"].experimental and not ENGINES["properdocs"].experimental
    assert ENGINES["zensical"].experimental


def test_an_unknown_engine_is_refused_with_the_choices() -> None:
    with pytest.raises(SiteError, match="unknown site engine 'hugo'; choose one of: mkdocs, properdocs, zensical"):
        get_engine("hugo")


def test_an_engine_with_a_site_dir_option_builds_straight_into_the_folder(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    with build_command(get_engine("properdocs"), config, tmp_path / "site.new", strict=True) as command:
        assert command[1:] == ["-m", "properdocs", "build", "-f", str(config), "--clean", "-d", str(tmp_path / "site.new"), "--strict"]
    assert sorted(tmp_path.iterdir()) == []


def test_an_engine_without_it_gets_an_inheriting_config_only_while_it_builds(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    with build_command(get_engine("zensical"), config, tmp_path / "site.new", strict=False) as command:
        inheriting = Path(command[-1])
        assert command[1:5] == ["-m", "zensical", "build", "-f"]
        assert inheriting.parent == tmp_path
        assert inheriting.read_text(encoding="utf-8") == f'INHERIT: mkdocs.yml\nsite_dir: "{tmp_path / "site.new"}"\n'
    assert not inheriting.exists()


def test_serve_passes_dirty_only_to_engines_that_have_it(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    assert serve_command(get_engine("mkdocs"), config, "127.0.0.1:8001", dirty=True)[-1] == "--dirty"
    assert serve_command(get_engine("zensical"), config, "127.0.0.1:8001", dirty=True)[-2:] == ["-a", "127.0.0.1:8001"]


@pytest.mark.slow
@pytest.mark.parametrize("engine", [name for name in ENGINES if name != DEFAULT_ENGINE])
def test_each_engine_builds_the_same_pages_with_the_same_content(built_site, tmp_path: Path, engine: str) -> None:
    """The shipped site, built with --strict by each engine: same pages, same words in each page's main region."""
    paths = copy_project(tmp_path / "project")
    build_site(paths, strict=True, engine=engine)
    expected, built = site_pages(built_site.paths.site), site_pages(paths.site)
    assert sorted(built) == sorted(expected)
    different = [page for page in expected if main_text(built[page].read_text(encoding="utf-8")) != main_text(expected[page].read_text(encoding="utf-8"))]
    assert different == []
    assert all(main_text(page.read_text(encoding="utf-8")) for page in expected.values())


def test_the_preview_serves_engines_with_hooks_through_an_inheriting_config(tmp_path: Path) -> None:
    """The preview's hooks are added in a file of its own, beside ours, only while it serves; the
    hooks our config already names are kept (a list given in the inheriting file replaces them)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\nhooks:\n  - hooks/ours.py\n", encoding="utf-8")
    with preview_config(get_engine("properdocs"), config) as serving:
        assert serving.parent == tmp_path and serving != config
        assert yaml.safe_load(serving.read_text(encoding="utf-8")) == {"INHERIT": "mkdocs.yml", "hooks": ["hooks/ours.py", str(PREVIEW_HOOKS)]}
    assert not serving.exists()
    assert config.read_text(encoding="utf-8") == "site_name: Test\nhooks:\n  - hooks/ours.py\n"


def test_an_engine_without_hooks_previews_with_our_config_as_it_is(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n", encoding="utf-8")
    with preview_config(get_engine("zensical"), config) as serving:
        assert serving == config
    assert sorted(tmp_path.iterdir()) == [config]


def test_the_engine_loads_the_preview_hooks_and_keeps_its_compiled_templates(make_corpus, tmp_path: Path) -> None:
    """A real engine build with the preview's config: the theme's templates land in the cache folder."""
    paths = make_corpus(corpus="minimal")
    generate_docs(paths)
    cache = tmp_path / "templates"
    environment = dict(os.environ, **engine_environment(), **{CACHE_VARIABLE: str(cache)})
    with preview_config(get_engine("mkdocs"), paths.mkdocs_config) as serving:
        completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(serving), "-d", str(tmp_path / "site")], cwd=paths.root, env=environment, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert len(list(cache.iterdir())) > 10  # Material's main.html, base.html and their partials
