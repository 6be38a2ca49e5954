"""Collector: every generated file of one build, each with the output that claimed its path.

Every output (pages, search and compare, open data, feeds) adds its files here, so there is one
policy for two outputs wanting one path: a build error naming both, never an overwrite.

With a sink (the build's writer, casebook/write.py), each file is handed on as soon as it is
added and only its path is kept, so memory does not grow with the pages' text (issue 15); without
one, the files are kept in memory (tests, render_site).
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping

from casebook.problems import BuildError

Content = str | bytes
Sink = Callable[[str, Content], None]


class Collector:
    """Generated files by docs/ path; refuses a second claim on a path."""

    def __init__(self, sink: Sink | None = None) -> None:
        self._files: dict[str, Content] = {}
        self._claimants: dict[str, str] = {}
        self._sink = sink

    def add(self, path: str, content: Content, claimant: str) -> None:
        """Claim `path` for `claimant` (who wants it, in words a maintainer recognises)."""
        first = self._claimants.get(path)
        if first is not None:
            raise BuildError(f"two generated files want the same path {path}: {first} and {claimant}; rename one")
        self._claimants[path] = claimant
        if self._sink is not None:
            self._sink(path, content)
        else:
            self._files[path] = content

    def add_all(self, files: Mapping[str, Content] | Iterable[tuple[str, Content]], claimant: str) -> None:
        """Claim several paths for one output."""
        for path, content in files.items() if isinstance(files, Mapping) else files:
            self.add(path, content, claimant)

    @property
    def files(self) -> dict[str, Content]:
        """Everything collected: docs/ path -> text or bytes (empty when a sink took the files)."""
        return dict(self._files)

    def __len__(self) -> int:
        return len(self._claimants)
