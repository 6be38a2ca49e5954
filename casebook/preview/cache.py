"""The preview's incremental check: re-read and re-validate only the case-study files that changed.

`serve` keeps one ContentCache while only case-study files change, and starts a new one when
anything else does (the taxonomy or the register can change what is valid). The build itself
never uses it: pipeline.check_content takes it as an optional loader.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from casebook.load import LoadResult, SourceFile, find_case_study_files, find_name_clashes, load_corpus_files, load_file
from casebook.problems import Problem
from casebook.project import ProjectPaths

Stamp = tuple[int, int]  # a file's modification time (ns) and size
Check = Callable[[SourceFile], list[Problem]]


def file_stamps(files: Iterable[Path]) -> dict[Path, Stamp]:
    """Modification time and size of each file that exists (without following symbolic links)."""
    stamps = {}
    for file in files:
        try:
            status = file.lstat()
        except FileNotFoundError:  # deleted between listing and looking
            continue
        stamps[file] = (status.st_mtime_ns, status.st_size)
    return stamps


@dataclass
class ContentCache:
    """What the last check read, file by file."""

    stamps: dict[Path, Stamp] = field(default_factory=dict)
    sources: dict[str, SourceFile | None] = field(default_factory=dict)  # path -> file as loaded
    load_problems: dict[str, list[Problem]] = field(default_factory=dict)  # path -> problems met loading it
    checked: dict[str, tuple[SourceFile, list[Problem]]] = field(default_factory=dict)  # path -> (file, its problems)

    def load(self, paths: ProjectPaths) -> LoadResult:
        """load_corpus_files' result, reading only the files whose stamp changed."""
        stamps = file_stamps(find_case_study_files(paths.casestudies))
        changed = [entry for entry, stamp in stamps.items() if self.stamps.get(entry) != stamp]
        if not self._can_patch(stamps, changed):
            return self._load_all(paths, stamps)
        for entry in changed:
            path = entry.relative_to(paths.root).as_posix()
            self.sources[path], self.load_problems[path] = load_file(entry, paths.root)
        self.stamps = stamps
        files = [source for _, source in sorted(self.sources.items()) if source is not None]
        problems = [p for _, found in sorted(self.load_problems.items()) for p in found]
        return LoadResult(files, problems + find_name_clashes([e for e in stamps if e.suffix == ".md"], paths.root))

    def memoised(self, check: Check) -> Check:
        """`check`, remembered per file until the file is read again."""

        def cached(source: SourceFile) -> list[Problem]:
            remembered = self.checked.get(source.path)
            if remembered is None or remembered[0] is not source:
                remembered = self.checked[source.path] = (source, check(source))
            return remembered[1]

        return cached

    def _can_patch(self, stamps: dict[Path, Stamp], changed: list[Path]) -> bool:
        """False when files were added or removed, or a changed entry is not a plain .md file."""
        if not self.stamps or stamps.keys() != self.stamps.keys():
            return False
        return not any(e.suffix != ".md" or not e.is_file() or e.is_symlink() for e in changed)

    def _load_all(self, paths: ProjectPaths, stamps: dict[Path, Stamp]) -> LoadResult:
        """A full load, remembered file by file (names that clash are left out: their problem is recomputed)."""
        loaded = load_corpus_files(paths.casestudies, paths.root)
        self.checked.clear()
        self.stamps = stamps  # taken before reading, so an edit made while reading is seen next time
        clashes = set(find_name_clashes([e for e in stamps if e.suffix == ".md"], paths.root))
        self.sources = {entry.relative_to(paths.root).as_posix(): None for entry in stamps}
        self.sources |= {source.path: source for source in loaded.files}
        self.load_problems = {path: [] for path in self.sources}
        for problem in loaded.problems:
            if problem not in clashes:
                self.load_problems.setdefault(problem.path, []).append(problem)
        return loaded
