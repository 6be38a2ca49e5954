"""The command line: exit codes, exact output, GitHub annotations, the `new` scaffold."""
from __future__ import annotations

import io
import re

import pytest

from casebook.cli import format_problem, main
from casebook.contrib.scaffold import DATE_PLACEHOLDER, HEADLINE_PLACEHOLDER
from casebook.problems import Problem

ANNOTATION = re.compile(r"^::error file=[^,]+,line=\d+,title=[^:]+::.+$")


def test_validate_clean_corpus_exits_zero(make_corpus, capsys) -> None:
    paths = make_corpus(corpus="minimal")
    assert main(["--root", str(paths.root), "validate"]) == 0
    assert capsys.readouterr().out == "3 case studies are valid (1 draft).\n"


def test_validate_reports_every_problem_and_exits_one(make_corpus, valid_text: str, capsys) -> None:
    paths = make_corpus({"a.md": valid_text.replace("stage: 1\n", "stage: 5\n"), "b.md": "no front matter"})
    assert main(["--root", str(paths.root), "validate"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "casestudies/a.md:8: stage: 5 is not a 3R stage; allowed: 1 (Service level), 2 (Customer level), 3 (Community level)",
        "casestudies/b.md:1: front matter: no front matter; start the file with a line `---`, then the front matter, then another `---`",
    ]
    assert captured.err == "2 problem(s) found; nothing was changed.\n"


def test_validate_github_format_prints_annotations(make_corpus, valid_text: str, capsys) -> None:
    paths = make_corpus({"a.md": valid_text.replace("theme: shared-services", "theme: sharing")})
    assert main(["--root", str(paths.root), "validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert ANNOTATION.match(lines[0])
    assert lines[0].startswith("::error file=casestudies/a.md,line=7,title=theme::'sharing' is not a theme")


def test_github_format_escapes_special_characters() -> None:
    line = format_problem(Problem("casestudies/a.md", 3, "sources[1].url", "50% off\nnext"), "github")
    assert line == "::error file=casestudies/a.md,line=3,title=sources[1].url::50%25 off%0Anext"


def test_build_refuses_invalid_content_and_writes_nothing(make_corpus, valid_text: str, capsys) -> None:
    paths = make_corpus({"a.md": valid_text.replace("status: active", "status: done")})
    assert main(["--root", str(paths.root), "build"]) == 1
    assert not (paths.docs / "case-studies").exists()
    assert not paths.site.exists()
    assert "casestudies/a.md:10: status:" in capsys.readouterr().out


def _written(scaffold: str) -> str:
    """The scaffold with every section written and the headline placeholder answered."""
    answered = scaffold.replace("TODO: write this section.", "Written.").replace(HEADLINE_PLACEHOLDER, "No figure was published.")
    return answered.replace(f'undated: "{DATE_PLACEHOLDER}"', 'date: "2019-05"')


def test_new_with_flags_writes_a_file_that_validates(make_corpus, capsys) -> None:
    paths = make_corpus()
    args = [
        "--root", str(paths.root), "new", "--title", "Yes: a test, with 'quotes'", "--summary", "no",
        "--council", "Adur", "--council", "Worthing Borough Council", "--theme", "shared-services",
        "--stage", "2", "--status", "active", "--started", "2019", "--source-title", "on",
        "--source-url", "https://example.org/report", "--source-publisher", "Adur District Council", "--slug", "scaffolded",
        "--service", "hr", "--service", "finance",
    ]
    assert main(args) == 0
    text = (paths.casestudies / "scaffolded.md").read_text(encoding="utf-8")
    assert "## Lessons for other councils" in text
    assert 'services:\n- "hr"\n- "finance"\n' in text
    capsys.readouterr()
    assert main(["--root", str(paths.root), "validate"]) == 1  # until the sections are written
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 7 and out[0].startswith('casestudies/scaffolded.md:16: sources[1].undated: "TODO: replace this line')
    assert out[1].startswith('casestudies/scaffolded.md:17: headline_unavailable: "TODO: add outcomes') and out[2] == (
        'casestudies/scaffolded.md:25: body: "TODO: write this section." is placeholder text; write the section in its place,'
        " or add `draft: true` while you work on it (drafts stay off the site)"
    )
    (paths.casestudies / "scaffolded.md").write_text(_written(text), encoding="utf-8")
    assert main(["--root", str(paths.root), "validate"]) == 0, capsys.readouterr().out


def test_new_without_required_flags_explains_what_is_missing(make_corpus, capsys) -> None:
    paths = make_corpus()
    assert main(["--root", str(paths.root), "new", "--title", "Only a title", "--council", "Adur"]) == 1
    assert capsys.readouterr().err == (
        "Error: missing: --summary, --theme, --stage, --status, --started, --source-title, --source-url, --source-publisher"
        " (or run `new` in a terminal to be asked; see `new --help`)\n"
    )


def test_new_help_describes_every_flag_and_the_stages_from_the_taxonomy(capsys) -> None:
    from casebook.cli import build_parser
    from casebook.taxonomy import get_taxonomy

    with pytest.raises(SystemExit):
        build_parser().parse_args(["new", "--help"])
    text = capsys.readouterr().out
    new = next(a for a in build_parser()._subparsers._group_actions[0].choices["new"]._actions if a.option_strings == ["--title"]).container
    for action in new._actions:
        assert action.help, f"{action.option_strings} has no help"
    for stage in get_taxonomy().stages:
        assert f"  {stage.id}  {stage.name} ({stage.short_name}): {stage.question}" in text
    assert "--council NAME" in text and "repeat for each council" in text


def _parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")
    parsed: dict[str, str] = {}
    for pair in filter(None, properties.split(",")):
        key, value = pair.split("=", 1)
        for escaped, token in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(escaped, token)
        parsed[key] = value
    data = line[end + 2 :]
    for escaped, token in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, token)
    return name, parsed, data


def test_github_annotation_round_trips_through_the_runners_parser() -> None:
    problem = Problem("casestudies/a,b:c.md", 12, "sources[2].url: x, y", "50% off:: see\r\nnext, line")
    line = format_problem(problem, "github")
    assert "\n" not in line
    assert _parse_annotation(line) == ("error", {"file": "casestudies/a,b:c.md", "line": "12", "title": "sources[2].url: x, y"}, "50% off:: see\r\nnext, line")


def test_new_asks_for_missing_answers_with_choices_and_council_suggestions(make_corpus) -> None:
    from casebook.register import read_register
    from casebook.contrib.scaffold import NewCaseStudy, ask_for_missing, write_new_case_study
    from casebook.taxonomy import get_taxonomy

    paths = make_corpus()
    script = iter(["Alpha payroll", "Two councils share payroll.", "Adur Distrct Council", "1", "y", "Worthing", "", "2", "1", "active", "cheese 99", "hr, 6", "20x8", "2008", "Report", "https://example.org/r", "Adur District Council"])
    said: list[str] = []
    answers = ask_for_missing({"ended": None, "slug": ""}, get_taxonomy(), read_register(paths.registers), ask=lambda _: next(script), say=said.append)
    assert answers["councils"] == ["Adur District Council", "Worthing Borough Council"]
    assert (answers["theme"], answers["stage"], answers["status"], answers["started"]) == ("combined-authority", 1, "active", 2008)
    assert answers["services"] == ["hr", "finance"]  # by id and by number; a wrong pick is asked again
    assert f"Not a choice: cheese, 99. Type numbers from 1 to {len(get_taxonomy().services)}, or the ids shown." in said
    assert "  1) Adur District Council (Non-metropolitan district, South East, England)" in said and "Please give a whole number, such as 2019." in said
    target = write_new_case_study(NewCaseStudy(**{k: v for k, v in answers.items()}), paths.casestudies)
    target.write_text(_written(target.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--root", str(paths.root), "validate"]) == 0


def test_a_picked_council_is_used_only_once_confirmed(make_corpus) -> None:
    """A stray "1" (a pipe, a slip) must not put a council into the file unseen."""
    from casebook.register import read_register
    from casebook.contrib.scaffold import ask_councils

    register = read_register(make_corpus().registers)
    script = iter(["Hart Council", "1", "", "Hart Council", "1", "y", ""])
    said: list[str] = []
    assert ask_councils(register, ask=lambda _: next(script), say=said.append) == ["Hart District Council"]
    assert said == [
        "  'Hart Council' is not a name in the council register. Did you mean:",
        "  1) Hart District Council (Non-metropolitan district, South East, England)",
        "  Not used; type the council's name again.",
        "  'Hart Council' is not a name in the council register. Did you mean:",
        "  1) Hart District Council (Non-metropolitan district, South East, England)",
    ]


def test_new_stopped_mid_way_writes_nothing_and_shows_no_traceback(make_corpus, monkeypatch, capsys) -> None:
    paths = make_corpus()
    class EmptyTerminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", EmptyTerminal(""))  # input() meets the end at once, as after Ctrl-D
    assert main(["--root", str(paths.root), "new"]) == 1
    assert capsys.readouterr().err == "Error: stopped before every answer was given; nothing was written\n"
    assert list(paths.casestudies.iterdir()) == []


NEW_FLAGS = [
    "--title", "Hart and Rushmoor share building control", "--summary", "Two councils share one team.",
    "--theme", "shared-services", "--stage", "1", "--status", "active", "--started", "2019",
    "--source-title", "Report", "--source-publisher", "Hart District Council", "--slug", "hart-test",
]


class ScriptedTerminal(io.StringIO):
    """Typed answers, one a line, from what `input()` takes for a terminal."""

    def isatty(self) -> bool:
        return True


def test_new_refuses_an_address_validate_would_refuse_and_writes_nothing(make_corpus, capsys) -> None:
    paths = make_corpus()
    args = ["--root", str(paths.root), "new", *NEW_FLAGS, "--council", "Hart Council", "--source-url", "www.hart.gov.uk/report"]
    assert main(args) == 1
    assert capsys.readouterr().err == (
        "Error: --council: 'Hart Council' is not in the council register; did you mean 'Hart District Council'?"
        " (bodies the register lacks go in registers/supplementary.yml)\n"
        "--source-url: 'www.hart.gov.uk/report' is not allowed; use a public http:// or https:// address\n"
        "Nothing was written; correct the flags above and run `new` again.\n"
    )
    assert list(paths.casestudies.iterdir()) == []


def test_new_in_a_terminal_asks_again_for_a_refused_address_and_confirms_the_council(make_corpus, monkeypatch, capsys) -> None:
    paths = make_corpus()
    typed = ["Hart Council", "1", "", "Hart Council", "1", "y", "", "planning", "hart.gov.uk/report", "https://www.hart.gov.uk/report"]
    monkeypatch.setattr("sys.stdin", ScriptedTerminal("\n".join(typed) + "\n"))
    assert main(["--root", str(paths.root), "new", *NEW_FLAGS]) == 0
    out = capsys.readouterr().out
    assert "--source-url: 'hart.gov.uk/report' is not allowed; use a public http:// or https:// address\nPlease answer again:" in out
    text = (paths.casestudies / "hart-test.md").read_text(encoding="utf-8")
    assert 'councils:\n- "Hart District Council"\n' in text and 'url: "https://www.hart.gov.uk/report"' in text
    assert 'services:\n- "planning"\n' in text  # asked once, not again when the address was asked again
