"""The taxonomy is the single source of truth: a new theme is a change to that file alone."""
from __future__ import annotations

import yaml

from casebook import taxonomy as taxonomy_module
from casebook.model import build_corpus
from casebook.register import read_register
from casebook.render import render_site
from casebook.schema import build_schema
from casebook.project import TAXONOMY_FILE
from casebook.siteconfig import read_site_config
from casebook.load import load_corpus_files
from casebook.validate import CaseStudyValidator, validate_files


def test_vocabularies_are_read_in_file_order() -> None:
    taxonomy = taxonomy_module.get_taxonomy()
    assert taxonomy.themes.ids() == ["shared-services", "combined-authority", "commercialisation"]
    assert taxonomy.stages.ids() == [1, 2, 3]
    assert taxonomy.stages.get(2).name == "Customer level"


def test_schema_enums_come_from_the_taxonomy() -> None:
    taxonomy = taxonomy_module.get_taxonomy()
    schema = build_schema(taxonomy)
    assert schema["properties"]["theme"]["enum"] == taxonomy.themes.ids()
    assert schema["properties"]["stage"]["enum"] == [1, 2, 3]
    assert schema["additionalProperties"] is False


def test_a_fourth_theme_needs_only_a_taxonomy_change(make_corpus, valid_text: str, tmp_path) -> None:
    raw = yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))
    raw["themes"].append({"id": "digital", "name": "Digital by default", "description": "Online services."})
    changed = tmp_path / "taxonomy.yml"
    changed.write_text(yaml.safe_dump(raw), encoding="utf-8")
    taxonomy = taxonomy_module.read_taxonomy(changed)

    paths = make_corpus({"digital-one.md": valid_text.replace("theme: shared-services", "theme: digital")})
    register = read_register(paths.registers)
    loaded = load_corpus_files(paths.casestudies, paths.root)
    assert validate_files(loaded.files, CaseStudyValidator(taxonomy, register).validate, loaded.problems) == []
    pages = render_site(build_corpus(loaded.files, taxonomy, register), paths.templates, read_site_config(paths.mkdocs_config))
    assert "themes/digital-by-default.md" not in pages  # the slug of a string id is the id itself
    assert "digital-one" in pages["themes/digital.md"]
    assert "Digital by default" in pages["index.md"]


def test_unknown_theme_is_refused_by_the_real_taxonomy(make_corpus, valid_text: str) -> None:
    taxonomy = taxonomy_module.get_taxonomy()
    paths = make_corpus({"digital-one.md": valid_text.replace("theme: shared-services", "theme: digital")})
    loaded = load_corpus_files(paths.casestudies, paths.root)
    problems = validate_files(loaded.files, CaseStudyValidator(taxonomy, read_register(paths.registers)).validate, loaded.problems)
    assert [p.field for p in problems] == ["theme"]


def test_a_stage_label_is_composed_in_one_place_from_the_taxonomy() -> None:
    """Every page, facet and feed says a stage the same way; renaming a stage in the file renames it everywhere."""
    stages = list(taxonomy_module.read_taxonomy(TAXONOMY_FILE).stages)
    assert [taxonomy_module.stage_label(stage) for stage in stages] == [f"Stage {s.id}: {s.name}" for s in stages]
    renamed = taxonomy_module.Term(id=stages[0].id, name="Renamed level")
    assert taxonomy_module.stage_label(renamed) == f"Stage {stages[0].id}: Renamed level"
