"""Serve the built site/ as GitHub Pages will: under the sub-path of `site_url`, gzipped, cached ten minutes.

The live preview (`serve`) serves docs/ at the server root and has no search index; this serves
the finished site/, search included, at the address readers will use, so a maintainer can try
what will be published (`make preview-site`). Tests use the same handler to measure transfers.
"""
from __future__ import annotations

import functools
import gzip
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from casebook.problems import SiteError

# Types GitHub Pages compresses (text and the like); images and Pagefind's own packed files are not.
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".mjs"}
CACHE_CONTROL = "max-age=600"  # GitHub Pages' header on every file


def sub_path(site_url: str) -> str:
    """The path a project site is published under: `https://org.github.io/casebook/` -> `/casebook/`."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


class PagesHandler(SimpleHTTPRequestHandler):
    """Files of `directory`, served under `prefix` as GitHub Pages serves a project site."""

    prefix = "/"

    def __init__(self, *args: object, prefix: str = "/", **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # handles the request

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        # Only called for paths under the sub-path (do_GET refuses the rest).
        return super().translate_path("/" + path[len(self.prefix):])

    def do_GET(self) -> None:  # noqa: N802 - name from the stdlib
        if self.path == "/" and self.prefix != "/":
            self.send_response(302)  # the bare host has nothing of ours: send the reader to the site
            self.send_header("Location", self.prefix)
            self.end_headers()
            return
        if not self.path.startswith(self.prefix):
            self.send_error(404, "Not under the site's path")  # a root-relative link would break on Pages too
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?")[0].endswith("/"):
            target = target / "index.html"
        if target.suffix in COMPRESSED_SUFFIXES and target.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send_compressed(target)
        else:
            super().do_GET()

    def _send_compressed(self, target: Path) -> None:
        body = gzip.compress(target.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def pages_server(site_dir: Path, address: tuple[str, int], prefix: str = "/") -> ThreadingHTTPServer:
    """A server (not yet serving) for `site_dir` under `prefix`; port 0 picks a free port."""
    handler = functools.partial(PagesHandler, directory=str(site_dir), prefix=prefix)
    return ThreadingHTTPServer(address, handler)


def preview_site(site_dir: Path, site_url: str, address: str) -> None:
    """Serve the built site until interrupted, at the sub-path it will be published under."""
    if not (site_dir / "index.html").is_file():
        raise SiteError(f"there is no built site in {site_dir.name}/ yet; run `make build` first")
    host, _, port = address.rpartition(":")
    prefix = sub_path(site_url)
    server = pages_server(site_dir, (host or "127.0.0.1", int(port)), prefix)
    print(f"Serving the built site, search included, at http://{address}{prefix} (Ctrl-C stops).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
