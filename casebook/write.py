"""Write: the only stage that touches docs/. Writes generated pages, removes stale ones.

Pages are written as they are rendered (DocsWriter.add, the collector's sink), so the build never
holds every page's text at once; they go to a staging folder outside docs/ and only `commit`, once
the whole render has succeeded, moves them into docs/, so a failed build leaves docs/ as it was.
Unchanged files are left alone (same bytes, same mtime) so a live-reloading site engine only
rebuilds what an edit changed.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection

from casebook import addresses
from casebook.problems import BuildError


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def is_generated(path: str) -> bool:
    """True for paths under docs/ that belong to the generator, not to hand-written docs."""
    return path in addresses.GENERATED_FILES or path.split("/", 1)[0] in addresses.GENERATED_DIRS


def default_staging(docs: Path) -> Path:
    """Where a build's changed files wait: beside docs/, in the ignored .cache/ (same file system, so
    moving them into docs/ is a rename) and outside every folder the site engine or the preview watches."""
    return docs.parent / ".cache" / "docs.staging"


class DocsWriter:
    """Receives generated files one by one; `commit` makes docs/'s generated part hold exactly them."""

    def __init__(self, docs: Path, staging: Path | None = None, early: Collection[str] = ()) -> None:
        self.docs = docs
        self.staging = staging or default_staging(docs)
        # Paths written into docs/ as soon as they arrive, not at commit: the preview's edited pages
        # (a failed render then leaves them new and the rest old, which only the preview allows).
        self.early = frozenset(early)
        self.report = WriteReport()
        self._paths: set[str] = set()
        self._changed: list[str] = []
        shutil.rmtree(self.staging, ignore_errors=True)  # left over from an interrupted build

    def add(self, path: str, content: str | bytes) -> None:
        """Stage `path` if it differs from what docs/ holds; never a hand-written path."""
        if not is_generated(path):
            raise BuildError(f"refusing to write outside the generated folders of docs/: {path}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._paths.add(path)
        if _holds(self.docs / path, data):
            self.report.unchanged.append(path)
            return
        staged = self.staging / path
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        if path in self.early:
            _move(staged, self.docs / path)
            self.report.written.append(path)
        else:
            self._changed.append(path)

    def commit(self) -> WriteReport:
        """Move the staged files into docs/ in one burst (a live-reloading engine then sees them all
        together, instead of rebuilding twice) and remove generated files no longer made."""
        for path in sorted(self._changed):
            _move(self.staging / path, self.docs / path)
            self.report.written.append(path)
        for stale in sorted(_existing_generated(self.docs) - self._paths):
            (self.docs / stale).unlink()
            self.report.removed.append(stale)
        _remove_empty_dirs(self.docs)
        self.abort()
        self.report.written.sort()
        self.report.unchanged.sort()
        return self.report

    def abort(self) -> None:
        """Drop what was staged; docs/ is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _move(staged: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)  # a rename: the engine never reads a half-written file


def _existing_generated(docs: Path) -> set[str]:
    found = {name for name in addresses.GENERATED_FILES if (docs / name).is_file()}
    for folder in addresses.GENERATED_DIRS:
        if (docs / folder).is_dir():
            found |= {p.relative_to(docs).as_posix() for p in (docs / folder).rglob("*") if p.is_file()}
    return found


def write_pages(pages: dict[str, str | bytes], docs: Path, staging: Path | None = None) -> WriteReport:
    """Make docs/'s generated part hold exactly `pages`; never touch hand-written files."""
    outside = sorted(p for p in pages if not is_generated(p))
    if outside:
        raise BuildError(f"refusing to write outside the generated folders of docs/: {', '.join(outside)}")
    writer = DocsWriter(docs, staging)
    try:
        for path, content in sorted(pages.items()):
            writer.add(path, content)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def _holds(target: Path, data: bytes) -> bool:
    """True if the file already holds exactly `data` (a size check first avoids most reads)."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _remove_empty_dirs(docs: Path) -> None:
    for folder in addresses.GENERATED_DIRS:
        root = docs / folder
        if not root.is_dir():
            continue
        for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()


def replace_directory(new: Path, target: Path) -> None:
    """Swap a freshly built directory into place; the old one survives until the new one is complete."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
