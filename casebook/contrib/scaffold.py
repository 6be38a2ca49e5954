"""New case studies: a file with valid front matter and the standard body headings."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

import frontmatter
import yaml

from casebook.load import load_text
from casebook.problems import Problem, SiteError
from casebook.register import Council, Register
from casebook.slugs import is_slug, slugify
from casebook.taxonomy import Taxonomy, Vocabulary
from casebook.validate import CaseStudyValidator

# Validation wants the theme's headline measure or a reason it is missing; the placeholder keeps
# that in view (refused as placeholder text until replaced, like the body's TODO lines).
HEADLINE_PLACEHOLDER = (
    "TODO: add outcomes and mark the one that reports the theme's headline measure with `headline: true` "
    "(then delete this line), or say here why no public figure exists"
)
DATE_PLACEHOLDER = "TODO: replace this line with `date:` (YYYY, YYYY-MM or YYYY-MM-DD), or say why no date can be known"
BODY_HEADINGS = ("Context", "What was done", "Outcomes", "What went well and what did not", "Lessons for other councils")


@dataclass
class NewCaseStudy:
    """The answers `new` needs; everything else is filled in as placeholders to edit."""

    title: str
    summary: str
    councils: list[str]
    theme: str
    stage: int
    status: str
    started: int
    source_title: str
    source_url: str
    source_publisher: str = ""
    slug: str = ""
    ended: int | None = None
    services: list[str] = field(default_factory=list)  # ids of the taxonomy's service areas
    reviewed: datetime.date = field(default_factory=datetime.date.today)

    def front_matter(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "summary": self.summary,
            "councils": self.councils,
            "theme": self.theme,
            "stage": self.stage,
            "status": self.status,
            "started": self.started,
        }
        if self.ended is not None:
            data["ended"] = self.ended
        data["reviewed"] = self.reviewed
        source = {"title": self.source_title, "url": self.source_url}
        source = dict(source, publisher=self.source_publisher) if self.source_publisher else source
        data["sources"] = [dict(source, undated=DATE_PLACEHOLDER)]
        data["headline_unavailable"] = HEADLINE_PLACEHOLDER
        if self.services:
            data["services"] = list(self.services)
        return data


def render_new_case_study(answers: NewCaseStudy) -> str:
    """The file text: front matter (every string quoted, so YAML 1.1 cannot misread it) and headings."""
    body = "\n\n".join(f"## {heading}\n\nTODO: write this section." for heading in BODY_HEADINGS)
    return render_case_study_file(answers.front_matter(), body)


def render_case_study_file(front_matter: dict[str, Any], body: str) -> str:
    """A case-study file from front matter and a Markdown body (also used by `from-issue`)."""
    post = frontmatter.Post(body, **front_matter)
    return frontmatter.dumps(post, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=10_000) + "\n"


class _QuotingDumper(yaml.SafeDumper):
    """Quotes every string: `no` or `0123` stay text when the file is read back."""


_QuotingDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))


def _represent_mapping(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    """Keys stay plain (`title:`), as contributors write them; only values are quoted."""
    pairs = [(yaml.ScalarNode("tag:yaml.org,2002:str", str(key)), dumper.represent_data(value)) for key, value in data.items()]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


_QuotingDumper.add_representer(dict, _represent_mapping)


def check_file_text(file_text: str, slug: str, taxonomy: Taxonomy, register: Register) -> list[Problem]:
    """Validate a would-be case-study file exactly as `validate` does, without writing it anywhere."""
    source, problems = load_text(file_text, f"casestudies/{slug}.md")
    if source is not None:
        problems += CaseStudyValidator(taxonomy, register).validate(source)
    return problems


def answer_problems(answers: NewCaseStudy, taxonomy: Taxonomy, register: Register) -> dict[str, str]:
    """What validation would say about the answers (not the body, still to be written), by answer name:
    `new` refuses an address `validate` would refuse, with the same words."""
    problems = check_file_text(render_new_case_study(answers), "new-case-study", taxonomy, register)
    answer_names = {f.name for f in fields(NewCaseStudy)}
    by_answer: dict[str, str] = {}
    for problem in problems:
        key = re.sub(r"^sources\[1\]\.", "source_", problem.field).split("[")[0].split(".")[0]
        if key in answer_names:  # not the body or the placeholders left to fill in
            by_answer.setdefault(key, problem.message)
    return by_answer


def write_new_case_study(answers: NewCaseStudy, folder: Path) -> Path:
    slug = answers.slug or slugify(answers.title)
    if not is_slug(slug):
        raise SiteError(f"`{slug}` is not a valid slug; use lower-case letters, digits and hyphens")
    target = folder / f"{slug}.md"
    if target.exists():
        raise SiteError(f"{target.name} already exists; choose another --slug")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(render_new_case_study(answers), encoding="utf-8")
    return target


# --- asking in a terminal -------------------------------------------------------------------------
# `new` asks only for what was not given as a flag. `ask` and `say` are parameters so tests can
# script the conversation without a terminal.

Ask = Callable[[str], str]
Say = Callable[[str], None]
# (answer name, question, taxonomy vocabulary or "" for free text, converter)
QUESTIONS: tuple[tuple[str, str, str, Callable[[str], Any]], ...] = (
    ("title", "Title", "", str),
    ("summary", "Summary (one or two sentences, at most 300 characters)", "", str),
    ("councils", "", "", str),  # asked one by one, checked against the register
    ("theme", "Theme", "themes", str),
    ("stage", "3R stage", "stages", str),
    ("status", "Status", "statuses", str),
    ("services", "Service areas", "services", str),  # several, or none yet: asked with ask_choices
    ("started", "Year started (e.g. 2019)", "", int),
    ("source_title", "Title of a public source", "", str),
    ("source_url", "Address (URL) of that source, starting https://", "", str),
    ("source_publisher", "Who published that source (e.g. the council's name)", "", str),
)
# Asked in a terminal, but a file can be written without them (validation does not require them).
OPTIONAL_ANSWERS = frozenset({"services"})
# The answers `new` cannot write a file without: the CLI's "missing" message reads them from here.
NEEDED_ANSWERS: tuple[str, ...] = tuple(name for name, *_ in QUESTIONS if name not in OPTIONAL_ANSWERS)


def ask_for_missing(answers: dict[str, Any], taxonomy: Taxonomy, register: Register, ask: Ask = input, say: Say = print) -> dict[str, Any]:
    """Fill every empty answer by asking; choices come from the taxonomy, councils from the register."""
    filled = dict(answers)
    for name, question, vocabulary, convert in QUESTIONS:
        if name in OPTIONAL_ANSWERS:
            if filled.get(name) is None:  # None: not asked yet; [] is the answer "none yet"
                filled[name] = ask_choices(question, taxonomy.vocabularies[vocabulary], ask, say)
            continue
        if filled.get(name) not in (None, "", []):
            continue
        if name == "councils":
            filled[name] = ask_councils(register, ask, say)
        elif vocabulary:
            filled[name] = ask_choice(question, taxonomy.vocabularies[vocabulary], ask, say)
        else:
            filled[name] = _ask_text(question, convert, ask, say)
    return filled


def _ask_text(question: str, convert: Callable[[str], Any], ask: Ask, say: Say) -> Any:
    while True:
        answer = ask(f"{question}: ").strip()
        try:
            if answer:
                return convert(answer)
        except ValueError:
            say("Please give a whole number, such as 2019.")


def ask_choice(question: str, vocabulary: Vocabulary, ask: Ask, say: Say) -> Any:
    """Offer a numbered list of a vocabulary's terms; accept the number or the value itself."""
    say(f"{question}:")
    for number, term in enumerate(vocabulary, start=1):
        say(f"  {number}) {term.label if isinstance(term.id, int) else f'{term.id} ({term.name})'}")
    by_text = {str(term.id): term.id for term in vocabulary}
    while True:
        answer = ask(f"{question} [1-{len(vocabulary)}]: ").strip()
        if answer in by_text and not answer.isdigit():
            return by_text[answer]
        if answer.isdigit() and 1 <= int(answer) <= len(vocabulary):
            return vocabulary.terms[int(answer) - 1].id
        say(f"Please type a number from 1 to {len(vocabulary)}.")


def ask_choices(question: str, vocabulary: Vocabulary, ask: Ask, say: Say) -> list[Any]:
    """Offer a numbered list and accept several picks ("3, 11" or "legal waste"), or none (Enter)."""
    say(f"{question} (choose any that apply; press Enter for none yet):")
    for number, term in enumerate(vocabulary, start=1):
        say(f"  {number}) {term.id} ({term.name})")
    by_text = {str(term.id): term.id for term in vocabulary}
    while True:
        words = [word for word in re.split(r"[\s,]+", ask(f"{question} [numbers or ids, e.g. 1, 3]: ").strip()) if word]
        unknown = [word for word in words if word not in by_text and not (word.isdigit() and 1 <= int(word) <= len(vocabulary))]
        if not unknown:
            picked = [by_text[word] if word in by_text else vocabulary.terms[int(word) - 1].id for word in words]
            return list(dict.fromkeys(picked))
        say(f"Not a choice: {', '.join(unknown)}. Type numbers from 1 to {len(vocabulary)}, or the ids shown.")


def ask_councils(register: Register, ask: Ask, say: Say) -> list[str]:
    """Ask for councils one at a time, each matched against the register; an empty answer ends the list."""
    councils: list[str] = []
    while True:
        prompt = "Council (official name)" if not councils else "Another council (press Enter when done)"
        name = ask(f"{prompt}: ").strip()
        if not name:
            if councils:
                return councils
            say("At least one council is needed.")
            continue
        council = _match_council(name, register, ask, say)
        if council and council not in councils:
            councils.append(council)


def _match_council(name: str, register: Register, ask: Ask, say: Say) -> str | None:
    """The official name for a typed name. A name the register lacks gets numbered suggestions,
    and the one picked is confirmed, so a slip of the keyboard cannot name the wrong council."""
    council = register.find(name)
    if council is not None:
        say(f"  found: {describe_council(council)}")
        return council.name
    candidates = register.match(name)
    if not candidates:
        say(f"  {name!r} is not in the council register; try the official name (bodies it lacks go in registers/supplementary.yml).")
        return None
    say(f"  {name!r} is not a name in the council register. Did you mean:")
    for number, candidate in enumerate(candidates, start=1):
        say(f"  {number}) {describe_council(candidate)}")
    pick = ask(f"Pick 1-{len(candidates)}, or press Enter to type the name again: ").strip()
    if not (pick.isdigit() and 1 <= int(pick) <= len(candidates)):
        return None
    chosen = candidates[int(pick) - 1]
    if ask(f"Use {chosen.name}? Type y for yes: ").strip().lower() in ("y", "yes"):
        return chosen.name
    say("  Not used; type the council's name again.")
    return None


def describe_council(council: Council) -> str:
    """"Hart District Council (Non-metropolitan district, South East)": enough to tell councils apart."""
    where = council.region if council.region == council.nation else f"{council.region}, {council.nation}"
    former = "" if council.current else "; no longer exists"
    return f"{council.name} ({council.type_name}, {where}{former})"
