"""The built-site preview serves site/ as GitHub Pages will: under the sub-path, gzipped, cached."""
from __future__ import annotations

import gzip
import http.client
import threading
from pathlib import Path
from typing import Iterator

import pytest

from casebook.cli import main
from casebook.preview.pages import CACHE_CONTROL, pages_server, sub_path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>" * 50, encoding="utf-8")
    (site / "pagefind" / "pagefind.js").write_text("export const ok = true;\n" * 40, encoding="utf-8")
    return site


@pytest.fixture
def server(site: Path) -> Iterator[tuple[str, int]]:
    running = pages_server(site, ("127.0.0.1", 0), "/casebook/")
    threading.Thread(target=running.serve_forever, daemon=True).start()
    try:
        yield "127.0.0.1", running.server_address[1]
    finally:
        running.shutdown()
        running.server_close()


def _get(address: tuple[str, int], path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_the_sub_path_comes_from_the_published_address() -> None:
    assert sub_path("https://transformation-casebook.github.io/casebook/") == "/casebook/"
    assert sub_path("https://example.org/a/b") == "/a/b/"
    assert sub_path("http://127.0.0.1:8000/") == "/"


def test_pages_are_served_under_the_sub_path_only(server: tuple[str, int], site: Path) -> None:
    status, headers, body = _get(server, "/casebook/")
    assert (status, body) == (200, (site / "index.html").read_bytes())
    assert headers["cache-control"] == CACHE_CONTROL
    assert _get(server, "/casebook/pagefind/pagefind.js")[0] == 200
    assert _get(server, "/pagefind/pagefind.js")[0] == 404  # a root-relative link would break on Pages too
    status, headers, _ = _get(server, "/")
    assert (status, headers["location"]) == (302, "/casebook/")


def test_text_files_are_gzipped_when_the_browser_accepts_it(server: tuple[str, int], site: Path) -> None:
    status, headers, body = _get(server, "/casebook/pagefind/pagefind.js", {"Accept-Encoding": "gzip"})
    assert (status, headers["content-encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == (site / "pagefind" / "pagefind.js").read_bytes()


def test_without_a_built_site_the_command_says_what_to_run(make_corpus, capsys: pytest.CaptureFixture[str]) -> None:
    paths = make_corpus()
    assert not paths.site.exists()
    assert main(["--root", str(paths.root), "preview-site", "--address", "127.0.0.1:0"]) == 1
    assert "run `make build` first" in capsys.readouterr().err
