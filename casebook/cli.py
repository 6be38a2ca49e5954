"""Command line: `python build_site.py validate | build | serve | new | issue-form | schema | reference | from-issue`."""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any, Sequence

from casebook.contrib.from_issue import convert_issue, render_problem_comment
from casebook.contrib.issue_form import ISSUE_FORM_PATH, render_issue_form
from casebook.engines import DEFAULT_ENGINE, ENGINES
from casebook.pipeline import build_site, check_content
from casebook.problems import ContentInvalid, Problem, SiteError
from casebook.contrib.reference import CONTRIBUTING_PATH, SCHEMA_PATH, insert_reference, render_schema_file
from casebook.register import read_register
from casebook.contrib.scaffold import NEEDED_ANSWERS, NewCaseStudy, answer_problems, ask_for_missing, write_new_case_study
from casebook.preview.pages import preview_site
from casebook.preview.serve import serve
from casebook.project import ProjectPaths, get_paths
from casebook.siteconfig import read_site_config
from casebook.taxonomy import Taxonomy, get_taxonomy


def format_problem(problem: Problem, style: str) -> str:
    """A problem as `path:line: field: message`, or as a GitHub Actions annotation."""
    if style == "github":
        file, title = _escape_property(problem.path), _escape_property(problem.field)
        return f"::error file={file},line={problem.line},title={title}::{_escape_data(problem.message)}"
    return str(problem)


def _escape_data(text: str) -> str:
    """Escape a workflow command's message as the Actions runner unescapes it (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a property value: as data, plus `:` and `,`, which would end the value early."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _report_problems(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(format_problem(problem, style))
    print(f"{len(problems)} problem(s) found; nothing was changed.", file=sys.stderr)


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
    corpus = build_site(paths, strict=args.strict, engine=args.engine)
    for draft in corpus.drafts:
        print(f"{draft.path}: draft, left out of the site")
    print(f"Built {len(corpus.case_studies)} case studies into {paths.site.relative_to(paths.root)}/.")
    return 0


def command_serve(args: argparse.Namespace, paths: ProjectPaths) -> int:
    serve(paths, args.address, dirty=args.dirty, engine=args.engine)
    return 0


def command_preview_site(args: argparse.Namespace, paths: ProjectPaths) -> int:
    preview_site(paths.site, read_site_config(paths.mkdocs_config)["site_url"], args.address)
    return 0


def _fill_missing(args: argparse.Namespace, paths: ProjectPaths) -> None:
    """Ask for each missing field when a person is at the keyboard (casebook/contrib/scaffold.py asks)."""
    answers = ask_for_missing(vars(args), get_taxonomy(paths), read_register(paths.registers))
    for name, value in answers.items():
        setattr(args, name, value)


def command_new(args: argparse.Namespace, paths: ProjectPaths) -> int:
    in_terminal = sys.stdin.isatty()
    while True:
        if in_terminal:
            try:
                _fill_missing(args, paths)
            except (EOFError, KeyboardInterrupt):
                raise SiteError("stopped before every answer was given; nothing was written") from None
        missing = [args.flags[n] for n in NEEDED_ANSWERS if getattr(args, n) in (None, [])]
        if missing:
            raise SiteError(f"missing: {', '.join(missing)} (or run `new` in a terminal to be asked; see `new --help`)")
        answers = NewCaseStudy(
            title=args.title, summary=args.summary, councils=args.councils, theme=args.theme, stage=args.stage,
            status=args.status, started=args.started, ended=args.ended, source_title=args.source_title,
            source_url=args.source_url, source_publisher=args.source_publisher, slug=args.slug or "",
            services=args.services or [],
        )
        problems = answer_problems(answers, get_taxonomy(), read_register(paths.registers))
        if not problems:
            break
        order = list(args.flags)
        report = "\n".join(f"{args.flags.get(n, n)}: {problems[n]}" for n in sorted(problems, key=lambda n: order.index(n) if n in order else len(order)))
        if not in_terminal:
            raise SiteError(f"{report}\nNothing was written; correct the flags above and run `new` again.")
        print(f"{report}\nPlease answer again:")
        for name in problems:  # asked again on the next round
            setattr(args, name, [] if name == "councils" else None)
    target = write_new_case_study(answers, paths.casestudies)
    print(f"Wrote {target.relative_to(paths.root)}; write each section in place of its TODO line, then run `make validate`.")
    return 0


def _sync_generated(paths: ProjectPaths, relative: str, text: str, args: argparse.Namespace) -> int:
    """Write a generated file, or with --check report whether the committed copy is current."""
    target = paths.root / relative
    if target.exists() and target.read_text(encoding="utf-8") == text:
        print(f"{relative} is up to date.")
        return 0
    if args.check:
        print(f"{relative} is out of date; run `make regenerate` and commit the result.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {relative}.")
    return 0


def command_issue_form(args: argparse.Namespace, paths: ProjectPaths) -> int:
    return _sync_generated(paths, ISSUE_FORM_PATH, render_issue_form(get_taxonomy(paths)), args)


def command_schema(args: argparse.Namespace, paths: ProjectPaths) -> int:
    return _sync_generated(paths, SCHEMA_PATH, render_schema_file(get_taxonomy(paths)), args)


def command_reference(args: argparse.Namespace, paths: ProjectPaths) -> int:
    document = (paths.root / CONTRIBUTING_PATH).read_text(encoding="utf-8")
    try:
        return _sync_generated(paths, CONTRIBUTING_PATH, insert_reference(document, get_taxonomy(paths)), args)
    except ValueError as error:
        raise SiteError(str(error)) from error


def command_from_issue(args: argparse.Namespace, paths: ProjectPaths) -> int:
    """Print the new file's path, or (exit 1) a Markdown comment listing what to fix."""
    body = args.body_file.read_text(encoding="utf-8")
    reviewed = datetime.date.fromisoformat(args.reviewed) if args.reviewed else datetime.date.today()
    result = convert_issue(body, paths.casestudies, get_taxonomy(paths), read_register(paths.registers), reviewed)
    if result.problems:
        print(render_problem_comment(result.problems))
        return 1
    assert result.path is not None
    print(result.path.relative_to(paths.root).as_posix())
    return 0


def _add_contributor_commands(commands: argparse._SubParsersAction) -> None:
    """Commands behind the contributor workflow: generated files and the issue form's converter."""
    for name, run, what in (
        ("issue-form", command_issue_form, ISSUE_FORM_PATH),
        ("schema", command_schema, SCHEMA_PATH),
        ("reference", command_reference, f"the front-matter reference in {CONTRIBUTING_PATH}"),
    ):
        generated = commands.add_parser(name, help=f"regenerate {what} from the taxonomy and schema")
        generated.add_argument("--check", action="store_true", help="only report (exit 1) if the committed copy is out of date")
        generated.set_defaults(run=run)
    from_issue = commands.add_parser("from-issue", help="turn a submitted case-study issue form into casestudies/<slug>.md")
    from_issue.add_argument("body_file", type=Path, help="file holding the issue body (GitHub's Markdown)")
    from_issue.add_argument("--reviewed", help="date for `reviewed`, YYYY-MM-DD (default: today)")
    from_issue.set_defaults(run=command_from_issue)


def _add_engine_option(command: argparse.ArgumentParser) -> None:
    experimental = [name for name, engine in ENGINES.items() if engine.experimental]
    command.add_argument("--engine", choices=list(ENGINES), default=DEFAULT_ENGINE, help=f"site engine that turns docs/ into the site (default: {DEFAULT_ENGINE}; experimental: {', '.join(experimental)}; see docs/engines.md)")


def _vocabulary_help(taxonomy: Taxonomy) -> str:
    """What each stage, theme and status means, from the taxonomy (shown under `new --help`)."""
    lines = ["3R stages (--stage):"]
    lines += [f"  {t.id}  {t.name} ({t.short_name}): {t.question}" for t in taxonomy.stages]
    lines += ["", "Themes (--theme):"] + [f"  {t.id}: {t.name}" for t in taxonomy.themes]
    lines += ["", "Statuses (--status):"] + [f"  {t.id}: {t.description}" for t in taxonomy.statuses]
    lines += ["", "Service areas (--service, any number):"] + [f"  {t.id}: {t.name}" for t in taxonomy.services]
    lines += ["", "Without a terminal, give every flag marked (needed); in a terminal, `new` asks for any left out."]
    return "\n".join(lines)


def _add_new_command(commands: argparse._SubParsersAction, taxonomy: Taxonomy) -> None:
    new = commands.add_parser(
        "new", help="scaffold a new case study (asks for missing fields in a terminal)",
        description="Write casestudies/<slug>.md with valid front matter and the body headings to fill in.",
        epilog=_vocabulary_help(taxonomy), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    flags: dict[str, str] = {}

    def flag(name: str, **options: Any) -> None:
        flags[new.add_argument(name, **options).dest] = name

    flag("--title", help="(needed) title of the case study, at most 150 characters")
    flag("--summary", help="(needed) one or two sentences, at most 300 characters")
    flag("--council", dest="councils", action="append", default=[], metavar="NAME", help="(needed) a council's name as in the council register, e.g. \"Hart District Council\"; repeat for each council")
    flag("--theme", choices=taxonomy.themes.ids(), help="(needed) the transformation theme (listed below)")
    flag("--stage", type=int, choices=taxonomy.stages.ids(), help="(needed) the 3R stage, 1 to 3 (listed below)")
    flag("--status", choices=taxonomy.statuses.ids(), help="(needed) where the initiative stands (listed below)")
    flag("--started", type=int, metavar="YEAR", help="(needed) year the initiative started, e.g. 2019")
    flag("--ended", type=int, metavar="YEAR", help="year it ended; leave out while it runs")
    flag("--service", dest="services", action="append", default=None, choices=taxonomy.services.ids(), metavar="ID", help="a service area the councils share, run or change, e.g. legal (listed below); repeat for each")
    flag("--source-title", metavar="TITLE", help="(needed) title of one public source for the facts (add more in the file)")
    flag("--source-url", metavar="URL", help="(needed) that source's public address, starting https://")
    flag("--source-publisher", metavar="NAME", help="(needed) who published that source, e.g. \"Hart District Council\"")
    flag("--slug", help="file name without .md (default: made from the title)")
    new.set_defaults(run=command_new, flags=flags)


def _root_parser() -> argparse.ArgumentParser:
    """Just `--root`, read first: `new`'s choices come from that project's taxonomy."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
    return parser


def build_parser(taxonomy: Taxonomy | None = None) -> argparse.ArgumentParser:
    taxonomy = taxonomy or get_taxonomy()
    parser = argparse.ArgumentParser(prog="build_site.py", description="Validate case studies and build the Transformation Casebook site.", parents=[_root_parser()])
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every case study and list every problem")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="`github` prints GitHub Actions annotations")
    validate.set_defaults(run=command_validate)

    build = commands.add_parser("build", help="validate, generate docs/ and build site/ (only if all is valid)")
    build.add_argument("--strict", action="store_true", help="fail on site-engine warnings too (broken links, missing pages)")
    _add_engine_option(build)
    build.set_defaults(run=command_build)

    serve_parser = commands.add_parser("serve", help="preview with live reload on http://127.0.0.1:8000/")
    serve_parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    serve_parser.add_argument("--dirty", action=argparse.BooleanOptionalAction, default=True, help="let the site engine rebuild only changed pages (default; --no-dirty rebuilds every page on each change)")
    _add_engine_option(serve_parser)
    serve_parser.set_defaults(run=command_serve)

    preview = commands.add_parser("preview-site", help="serve the built site/ (search included) under its published sub-path, as GitHub Pages will")
    preview.add_argument("--address", default="127.0.0.1:8001", help="host:port to serve on")
    preview.set_defaults(run=command_preview_site)

    _add_new_command(commands, taxonomy)
    _add_contributor_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    root, _ = _root_parser().parse_known_args(argv)
    paths = get_paths(root.root)
    if not paths.taxonomy.is_file():
        print(f"Error: {paths.taxonomy} is missing; --root must name a copy of this project", file=sys.stderr)
        return 1
    args = build_parser(get_taxonomy(paths)).parse_args(argv)
    try:
        return args.run(args, paths)
    except ContentInvalid as invalid:
        _report_problems(invalid.problems, getattr(args, "format", "text"))
        return 1
    except SiteError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
