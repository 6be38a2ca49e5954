"""Synthetic case studies for benchmarks: N files that pass our schema, the same for the same seed.

Every value a contributor would choose comes from the real vocabularies (casebook.taxonomy) and
the real council register (registers/), so the generated pages, indexes and search filters have
the shape a large real corpus would have. Bodies are about 700 words under the five standard
headings; words are drawn with a Zipf-like spread from a large vocabulary so that the search
index grows the way real prose makes it grow (a few very common words, a long tail of rare ones).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from casebook.register import Council, read_register
from casebook.project import PROJECT_ROOT, ProjectPaths, get_paths
from casebook.slugs import slugify
from casebook.taxonomy import Taxonomy, get_taxonomy
from casebook.write import is_generated

HEADINGS = ("Context", "What was done", "Outcomes", "What went well and what did not", "Lessons for other councils")
BODY_WORDS = 700
# Fixed dates keep the output independent of the day it is generated (and never "in the future").
REVIEWED = "2024-06-30"
YEARS = range(2000, 2024)
# Words a real case study would use; the long tail is made of pronounceable invented words.
COMMON_WORDS = """the of and to a in for council councils service services shared partnership
    budget savings saving cost costs staff team teams joint authority authorities residents
    customers demand contract company trading income energy housing care social adult children
    waste transport skills growth devolution combined mayor board committee cabinet report
    audit review officers management back office payroll revenues benefits planning highways
    libraries leisure property investment loan return risk governance scrutiny procurement
    digital online contact centre calls prevention community communities volunteers voluntary
    sector health partners pilot programme project year years million per cent annual plan
    business case evidence evaluation district county borough city unitary combined region
    local government central funding grant deal powers boundary merger redesign efficiency
    reinvention outcomes lessons was were had has is it that this with by from on as at""".split()
SYLLABLES = ("ba", "be", "bo", "ca", "co", "da", "de", "fa", "fe", "ga", "ha", "ka", "la", "le",
             "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "no", "pa", "pe", "po", "ra", "re",
             "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve", "wa", "we")
VOCABULARY_SIZE = 12_000
COPIED = ("templates", "registers", "overrides")


@dataclass(frozen=True)
class Vocabulary:
    """Words and the cumulative weights that give a Zipf-like draw (rank r has weight 1/r)."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def build_vocabulary(seed: int) -> Vocabulary:
    """Common domain words first (so they are the most frequent), then invented ones."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(COMMON_WORDS))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    total, cumulative = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return Vocabulary(tuple(words), tuple(cumulative))


def _sentence(rng: random.Random, vocabulary: Vocabulary, citations: int) -> str:
    words = vocabulary.draw(rng, rng.randint(9, 20))
    text = " ".join(words)
    cite = f" [{rng.randint(1, citations)}]" if rng.random() < 0.4 else ""
    return text[:1].upper() + text[1:] + cite + "."


def _paragraphs(rng: random.Random, vocabulary: Vocabulary, words: int, citations: int) -> list[str]:
    """Paragraphs of sentences until about `words` words are written."""
    paragraphs, written = [], 0
    while written < words:
        sentences = [_sentence(rng, vocabulary, citations) for _ in range(rng.randint(3, 5))]
        written += sum(len(s.split()) for s in sentences)
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _body(rng: random.Random, vocabulary: Vocabulary, citations: int) -> str:
    # The last paragraph of a section overshoots by about 40 words, and the lessons list adds about 90.
    per_section = (BODY_WORDS - 90) // (len(HEADINGS) - 1) - 40
    parts = []
    for heading in HEADINGS[:-1]:
        parts.append(f"## {heading}\n\n" + "\n\n".join(_paragraphs(rng, vocabulary, per_section, citations)))
    lessons = [f"- {_sentence(rng, vocabulary, citations)}" for _ in range(6)]
    parts.append(f"## {HEADINGS[-1]}\n\n" + "\n".join(lessons))
    return "\n\n".join(parts) + "\n"


def _sources(rng: random.Random, council: Council, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{council.short_name} report {number} on the partnership",
            "url": f"https://www.example.org/{council.slug}/report-{number}-{rng.randint(1000, 9999)}",
            "publisher": council.name,
            "date": f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}",
        }
        for number in range(1, count + 1)
    ]


def _outcomes(rng: random.Random, taxonomy: Taxonomy, sources: int) -> list[dict[str, object]]:
    outcomes = []
    for _ in range(rng.randint(1, 4)):
        money = rng.random() < 0.7
        outcomes.append({
            "measure": "Annual saving from the joint service" if money else "Residents helped",
            "value": rng.randrange(10_000, 5_000_000, 1_000) if money else rng.randint(10, 5_000),
            "unit": "GBP" if money else "people",
            "year": rng.choice(YEARS),
            "basis": rng.choice(taxonomy.bases.ids()),
            "kind": rng.choice(taxonomy.outcome_kinds.ids()) if money else "other",
            "evidence": rng.choice(taxonomy.evidence_grades.ids()),
            "source": rng.randint(1, sources),
        })
    return outcomes


def _mark_headline(data: dict[str, object], taxonomy: Taxonomy) -> None:
    """Mark the first outcome that fits the theme's headline measure, or say why none does, as validation requires.
    No random draws here, so the rest of the corpus is the same for a given seed."""
    measure = taxonomy.themes.get(str(data["theme"])).headline_measure
    if measure is None:
        return
    outcomes = data["outcomes"]
    assert isinstance(outcomes, list)
    match = next((o for o in outcomes if (o["unit"], o["basis"]) == (measure.unit, measure.basis)), None)
    if match is not None:
        match["headline"] = True
    else:
        data["headline_unavailable"] = "Synthetic: no outcome fits the theme's headline measure."


def _yaml(data: dict[str, object]) -> str:
    """Front matter as YAML: JSON values are YAML too, and quoting every string avoids YAML 1.1 surprises."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                pairs = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()]
                lines.append("  - " + "\n    ".join(pairs))
        elif isinstance(value, list):
            lines.append(f"{key}:\n" + "\n".join(f"  - {json.dumps(v, ensure_ascii=False)}" for v in value))
        else:
            lines.append(f"{key}: {value if key in ('reviewed', 'added') else json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def make_case_study(number: int, rng: random.Random, taxonomy: Taxonomy, councils: list[Council], vocabulary: Vocabulary) -> tuple[str, str]:
    """(slug, file text) of one synthetic case study."""
    involved = rng.sample(councils, rng.randint(1, 3))
    theme = rng.choice(taxonomy.themes.ids())
    started = rng.choice(YEARS)
    status = rng.choice(taxonomy.statuses.ids())
    topic = " ".join(vocabulary.draw(rng, 2))
    slug = slugify(f"{involved[0].short_name} {topic} {number:05d}")
    source_count = rng.randint(1, 5)
    data: dict[str, object] = {
        "title": f"{involved[0].short_name}: {topic} ({number})",
        "summary": f"Synthetic case study {number}: {' '.join(vocabulary.draw(rng, 20))}.",
        "councils": [c.name for c in involved],
        "theme": theme,
        "stage": rng.choice(taxonomy.stages.ids()),
        "stage_reasoning": "Synthetic: the stage is drawn at random.",
        "status": status,
        "started": started,
        "reviewed": REVIEWED,
        "tags": sorted(set(slugify(w) for w in vocabulary.draw(rng, 3))),
        "sources": _sources(rng, involved[0], source_count),
        "outcomes": _outcomes(rng, taxonomy, source_count),
    }
    if status in ("completed", "ended"):
        data["ended"] = rng.randint(started, max(YEARS))
    _mark_headline(data, taxonomy)
    return slug, "---\n" + _yaml(data) + "---\n\n" + _body(rng, vocabulary, source_count)


def generate_case_studies(count: int, seed: int = 1) -> dict[str, str]:
    """file name -> text for `count` synthetic case studies; the same seed gives the same files."""
    taxonomy = get_taxonomy()
    councils = [c for c in read_register(PROJECT_ROOT / "registers").councils if c.current]
    vocabulary = build_vocabulary(seed)
    rng = random.Random(seed)
    files = {}
    for number in range(1, count + 1):
        slug, text = make_case_study(number, rng, taxonomy, councils, vocabulary)
        files[f"{slug}.md"] = text
    return files


def make_project(target: Path, count: int, seed: int = 1) -> ProjectPaths:
    """A project tree at `target`: our templates, registers, config and hand-written docs, plus N case studies."""
    for name in COPIED:
        shutil.copytree(PROJECT_ROOT / name, target / name)
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / get_paths().taxonomy.relative_to(PROJECT_ROOT)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(get_paths().taxonomy, target / get_paths().taxonomy.relative_to(PROJECT_ROOT))
    for file in sorted((PROJECT_ROOT / "docs").rglob("*")):
        relative = file.relative_to(PROJECT_ROOT / "docs").as_posix()
        if file.is_file() and not is_generated(relative):
            (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, target / "docs" / relative)
    write_case_studies(target / "casestudies", count, seed)
    return get_paths(target)


def write_case_studies(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write N synthetic case studies into a folder (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_case_studies(count, seed).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic case studies into a new project folder.")
    parser.add_argument("target", type=Path, help="folder to create (must not exist)")
    parser.add_argument("-n", "--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_project(args.target, args.count, args.seed)
    print(f"Wrote a project with {args.count} synthetic case studies to {args.target}")


if __name__ == "__main__":
    main()
