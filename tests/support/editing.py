"""Editing a project's file the way a person saving it in an editor does, for the preview's tests."""
from __future__ import annotations

import os
from pathlib import Path


def edit_file(file: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) with `new`, and give the file a newer modification time."""
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    status = file.stat()
    os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))  # a new stamp even on a coarse clock
