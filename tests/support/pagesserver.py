"""Serve a built site the way GitHub Pages does, for measurements that depend on the transfer.

GitHub Pages compresses text files with gzip and lets browsers cache every file for ten minutes;
the handler that does so is the one `make preview-site` uses (casebook/preview/pages.py).
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

from casebook.preview.pages import pages_server


def serve_like_pages(serve_root: Path) -> Iterator[str]:
    """Serve `serve_root` on a free loopback port like GitHub Pages; yields the server's base URL."""
    server = pages_server(serve_root, ("127.0.0.1", 0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
