"""Problems found in content, and the exceptions that carry them to the command line."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one case-study file, printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class SiteError(Exception):
    """Base class for errors the command line reports without a traceback."""


class ContentInvalid(SiteError):
    """Case-study content failed validation; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in case studies")


class BuildError(SiteError):
    """The site could not be built for a reason other than bad content."""
