"""Write: the only stage that touches docs/. Writes generated pages, removes stale ones.

Unchanged files are left alone (same bytes, same mtime) so a live-reloading site engine only
rebuilds what an edit changed.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

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


def _existing_generated(docs: Path) -> set[str]:
    found = {name for name in addresses.GENERATED_FILES if (docs / name).is_file()}
    for folder in addresses.GENERATED_DIRS:
        if (docs / folder).is_dir():
            found |= {p.relative_to(docs).as_posix() for p in (docs / folder).rglob("*") if p.is_file()}
    return found


def write_pages(pages: dict[str, str | bytes], docs: Path) -> WriteReport:
    """Make docs/'s generated part hold exactly `pages`; never touch hand-written files."""
    outside = sorted(p for p in pages if not is_generated(p))
    if outside:
        raise BuildError(f"refusing to write outside the generated folders of docs/: {', '.join(outside)}")
    report = WriteReport()
    changed: list[tuple[Path, bytes]] = []
    for path, content in sorted(pages.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = docs / path
        if _holds(target, data):
            report.unchanged.append(path)
        else:
            changed.append((target, data))
            report.written.append(path)
    # Compare everything first, then write the changes in one burst: a live-reloading engine that
    # starts rebuilding at the first write then sees them all, instead of rebuilding twice.
    for target, data in changed:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    for stale in sorted(_existing_generated(docs) - set(pages)):
        (docs / stale).unlink()
        report.removed.append(stale)
    _remove_empty_dirs(docs)
    return report


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
