"""New case studies: a file with valid front matter and the standard body headings."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from casebook.problems import SiteError
from casebook.slugs import is_slug, slugify

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
    slug: str = ""
    ended: int | None = None
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
        data["sources"] = [{"title": self.source_title, "url": self.source_url}]
        return data


def render_new_case_study(answers: NewCaseStudy) -> str:
    """The file text: front matter (every string quoted, so YAML 1.1 cannot misread it) and headings."""
    body = "\n\n".join(f"## {heading}\n\nTODO: write this section." for heading in BODY_HEADINGS)
    post = frontmatter.Post(body, **answers.front_matter())
    return frontmatter.dumps(post, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True) + "\n"


class _QuotingDumper(yaml.SafeDumper):
    """Quotes every string: `no` or `0123` stay text when the file is read back."""


_QuotingDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))


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
