"""Serve a built site the way GitHub Pages does, for measurements that depend on the transfer.

GitHub Pages compresses text files with gzip and lets browsers cache every file for ten minutes.
Python's plain file server does neither, so a performance measurement against it would count
bytes and requests that readers of the published site never pay for.
"""
from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

# Types GitHub Pages compresses (text and the like); images and Pagefind's own packed files are not.
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".mjs"}
CACHE_CONTROL = "max-age=600"  # GitHub Pages' header on every file


class PagesHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - name from the stdlib
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


def serve_like_pages(serve_root: Path) -> Iterator[str]:
    """Serve `serve_root` on a free loopback port like GitHub Pages; yields the server's base URL."""
    handler = functools.partial(PagesHandler, directory=str(serve_root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
