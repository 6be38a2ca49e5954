"""Command line: `python build_site.py validate | build | serve | new`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from casebook.pipeline import build_site, check_content
from casebook.problems import ContentInvalid, Problem, SiteError
from casebook.register import read_register
from casebook.scaffold import NewCaseStudy, write_new_case_study
from casebook.serve import serve
from casebook.settings import ProjectPaths, get_paths
from casebook.taxonomy import get_taxonomy


def format_problem(problem: Problem, style: str) -> str:
    """A problem as `path:line: field: message`, or as a GitHub Actions annotation."""
    if style == "github":
        message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = problem.field.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={problem.path},line={problem.line},title={title}::{message}"
    return str(problem)


def _report_problems(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(format_problem(problem, style))
    print(f"{len(problems)} problem(s) found; nothing was built.", file=sys.stderr)


def command_validate(args: argparse.Namespace, paths: ProjectPaths) -> int:
    result = check_content(paths)
    if result.problems:
        _report_problems(result.problems, args.format)
        return 1
    assert result.corpus is not None
    drafts = len(result.corpus.drafts)
    print(f"{result.file_count} case studies are valid ({drafts} draft{'s' if drafts != 1 else ''}).")
    return 0


def command_build(args: argparse.Namespace, paths: ProjectPaths) -> int:
    corpus = build_site(paths, strict=args.strict)
    for draft in corpus.drafts:
        print(f"{draft.path}: draft, left out of the site")
    print(f"Built {len(corpus.case_studies)} case studies into {paths.site.relative_to(paths.root)}/.")
    return 0


def command_serve(args: argparse.Namespace, paths: ProjectPaths) -> int:
    serve(paths, args.address, dirty=args.dirty)
    return 0


def _ask(prompt: str, choices: Sequence[object] = ()) -> str:
    hint = f" [{', '.join(map(str, choices))}]" if choices else ""
    return input(f"{prompt}{hint}: ").strip()


def _fill_missing(args: argparse.Namespace, paths: ProjectPaths) -> None:
    """Ask for each missing field when a person is at the keyboard."""
    taxonomy = get_taxonomy()
    register = read_register(paths.registers)
    questions: list[tuple[str, str, Sequence[object], Callable[[str], object]]] = [
        ("title", "Title", (), str),
        ("summary", "Summary (one or two sentences)", (), str),
        ("councils", "Councils (official names, separated by ;)", (), lambda s: [c.strip() for c in s.split(";") if c.strip()]),
        ("theme", "Theme", taxonomy.themes.ids(), str),
        ("stage", "3R stage", taxonomy.stages.ids(), int),
        ("status", "Status", taxonomy.statuses.ids(), str),
        ("started", "Year started", (), int),
        ("source_title", "Title of a public source", (), str),
        ("source_url", "Address (URL) of that source", (), str),
    ]
    for name, prompt, choices, convert in questions:
        while getattr(args, name) in (None, []):
            try:
                setattr(args, name, convert(_ask(prompt, choices)))
            except ValueError:
                print("Please give a number.")
        if name == "councils":
            for council in args.councils:
                if register.find(council) is None:
                    print(f"Not in the register: {council!r}; did you mean {register.suggest(council)}?")


def command_new(args: argparse.Namespace, paths: ProjectPaths) -> int:
    if sys.stdin.isatty():
        _fill_missing(args, paths)
    missing = [n for n in ("title", "summary", "councils", "theme", "stage", "status", "started", "source_title", "source_url") if getattr(args, n) in (None, [])]
    if missing:
        raise SiteError(f"missing: {', '.join('--' + m.replace('_', '-') for m in missing)} (or run `new` in a terminal to be asked)")
    answers = NewCaseStudy(
        title=args.title, summary=args.summary, councils=args.councils, theme=args.theme, stage=args.stage,
        status=args.status, started=args.started, ended=args.ended, source_title=args.source_title,
        source_url=args.source_url, slug=args.slug or "",
    )
    target = write_new_case_study(answers, paths.casestudies)
    print(f"Wrote {target.relative_to(paths.root)}; fill in the body, then run `python build_site.py validate`.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    taxonomy = get_taxonomy()
    parser = argparse.ArgumentParser(prog="build_site.py", description="Validate case studies and build the Transformation Casebook site.")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every case study and list every problem")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="`github` prints GitHub Actions annotations")
    validate.set_defaults(run=command_validate)

    build = commands.add_parser("build", help="validate, generate docs/ and build site/ (only if all is valid)")
    build.add_argument("--strict", action="store_true", help="fail on site-engine warnings too (broken links, missing pages)")
    build.set_defaults(run=command_build)

    serve_parser = commands.add_parser("serve", help="preview with live reload on http://127.0.0.1:8000/")
    serve_parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    serve_parser.add_argument("--dirty", action="store_true", help="let the site engine rebuild only changed pages")
    serve_parser.set_defaults(run=command_serve)

    new = commands.add_parser("new", help="scaffold a new case study (asks for missing fields in a terminal)")
    new.add_argument("--title")
    new.add_argument("--summary")
    new.add_argument("--council", dest="councils", action="append", default=[], help="official council name (repeat for several)")
    new.add_argument("--theme", choices=taxonomy.themes.ids())
    new.add_argument("--stage", type=int, choices=taxonomy.stages.ids())
    new.add_argument("--status", choices=taxonomy.statuses.ids())
    new.add_argument("--started", type=int)
    new.add_argument("--ended", type=int)
    new.add_argument("--source-title")
    new.add_argument("--source-url")
    new.add_argument("--slug", help="file name without .md (default: from the title)")
    new.set_defaults(run=command_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = get_paths(args.root)
    try:
        return args.run(args, paths)
    except ContentInvalid as invalid:
        _report_problems(invalid.problems, getattr(args, "format", "text"))
        return 1
    except SiteError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
