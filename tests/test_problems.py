"""Problems: one line each, `path:line: field: message`, carried to the command line sorted."""
from __future__ import annotations

from casebook.problems import ContentInvalid, Problem


def test_a_problem_prints_as_path_line_field_message() -> None:
    assert str(Problem("casestudies/a.md", 7, "theme", "is wrong")) == "casestudies/a.md:7: theme: is wrong"


def test_content_invalid_sorts_its_problems_by_file_and_line() -> None:
    later, earlier = Problem("casestudies/b.md", 1, "x", "m"), Problem("casestudies/a.md", 9, "x", "m")
    assert ContentInvalid([later, earlier]).problems == [earlier, later]
