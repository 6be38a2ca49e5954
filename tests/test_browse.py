"""Browse: one compare-data file per case study, stable JSON, addresses relative to the site root."""
from __future__ import annotations

import json

from casebook.addresses import case_study_path, page_url
from casebook.outputs.browse import compare_json, compare_record
from casebook.pipeline import check_content


def test_compare_data_is_stable_and_links_within_the_site(make_corpus) -> None:
    corpus = check_content(make_corpus(corpus="minimal")).corpus
    for case_study in corpus.case_studies:
        text = compare_json(case_study)
        assert text == compare_json(case_study) and text.endswith("\n")
        assert json.loads(text)["url"] == page_url(case_study_path(case_study))
        assert compare_record(case_study)["slug"] == case_study.slug
