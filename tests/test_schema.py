"""The front-matter JSON Schema: its vocabularies come from the taxonomy, its dialect is declared once."""
from __future__ import annotations

from jsonschema.validators import validator_for

from casebook.schema import DIALECT, build_schema
from casebook.taxonomy import get_taxonomy


def test_vocabularies_come_from_the_taxonomy() -> None:
    taxonomy = get_taxonomy()
    properties = build_schema(taxonomy)["properties"]
    assert properties["theme"]["enum"] == taxonomy.themes.ids()
    assert properties["stage"]["enum"] == taxonomy.stages.ids()
    assert properties["outcomes"]["items"]["properties"]["evidence"]["enum"] == taxonomy.evidence_grades.ids()


def test_the_schema_is_valid_in_the_dialect_it_declares() -> None:
    schema = build_schema(get_taxonomy())
    assert schema["$schema"] == DIALECT
    validator_for(schema).check_schema(schema)
