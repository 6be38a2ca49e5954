"""Change history of each case study, from git: when it was first published and what changed since.

The commit subject is the reason shown on the page (CONTRIBUTING says how to write one), as GOV.UK
pages list their updates. A build without git history (a download, a shallow clone) still works:
the history is marked unavailable and the page says so rather than showing a wrong first date.
A renamed file keeps the commits made under its old name (git's rename detection).
"""
from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RECORD = "\x1e"  # separates commits in the log output
FIELD = "\x1f"  # separates a commit's date from its subject


@dataclass(frozen=True)
class Change:
    date: datetime.date
    reason: str


@dataclass(frozen=True)
class History:
    """Changes per case-study path (relative to the project root), newest first."""

    available: bool
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)

    def of(self, path: str) -> tuple[Change, ...]:
        return self.changes.get(path, ())

    def first_published(self, path: str) -> datetime.date | None:
        changes = self.of(path)
        return changes[-1].date if changes else None


UNAVAILABLE = History(available=False)


def _git(root: Path, *arguments: str) -> str | None:
    try:
        completed = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *arguments], capture_output=True, text=True, check=False)
    except OSError:  # git is not installed
        return None
    return completed.stdout if completed.returncode == 0 else None


def read_history(root: Path, folder: str = "casestudies") -> History:
    """Every commit that touched a file in `folder`, read with one `git log`; UNAVAILABLE without full history."""
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() != "false":
        return UNAVAILABLE  # not a repository, no git, or a shallow clone whose oldest commit is not the first
    # --name-status with rename detection (-M) names both paths of a rename, so a renamed case
    # study keeps the history of its old name (what `git log --follow` does for a single file).
    log = _git(root, "log", "--relative", "--name-status", "-M", "--date=short", f"--format={RECORD}%ad{FIELD}%s", "--", folder)
    if log is None:
        return UNAVAILABLE
    return History(available=True, changes=_parse_log(log))


def _parse_log(log: str) -> dict[str, tuple[Change, ...]]:
    """Changes by each file's latest name: git lists newest first, so a rename (`R<score> old new`)
    is met before the older commits to `old`, which are then filed under the name `new` has now."""
    changes: dict[str, list[Change]] = {}
    current_name: dict[str, str] = {}  # an old path -> the path it is known by now
    for record in log.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        day, _, subject = header.partition(FIELD)
        change = Change(datetime.date.fromisoformat(day.strip()), subject.strip())
        for line in filter(None, (line.strip() for line in names.splitlines())):
            status, *paths = line.split("\t")
            path = current_name.get(paths[-1], paths[-1])
            if status.startswith("R") and len(paths) == 2:
                current_name[paths[0]] = path
            changes.setdefault(path, []).append(change)
    return {path: tuple(found) for path, found in changes.items()}
