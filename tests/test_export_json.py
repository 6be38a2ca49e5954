"""Open data as JSON: casestudies.json satisfies the schema published beside it."""
from __future__ import annotations

import jsonschema

from casebook.outputs.export_json import build_export, build_export_schema
from casebook.pipeline import check_content


def test_the_export_satisfies_its_own_schema(make_corpus) -> None:
    corpus = check_content(make_corpus(corpus="minimal")).corpus
    document = build_export(corpus, {"name": "Casebook", "site_url": "https://example.org/"})
    jsonschema.validate(document, build_export_schema(corpus.taxonomy))
    assert [cs["url"] for cs in document["case_studies"]] == [f"https://example.org/case-studies/{cs.slug}/" for cs in corpus.case_studies]
