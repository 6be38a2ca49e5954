"""The collector: one policy for every output's files, and a second claim on a path names both claimants."""
from __future__ import annotations

import dataclasses

import pytest

from casebook.collector import Collector
from casebook.pipeline import check_content, render_pages
from casebook.problems import BuildError


def test_collects_text_and_bytes_from_several_outputs() -> None:
    collector = Collector()
    collector.add("a.md", "x", claimant="pages")
    collector.add_all({"data/b.csv": b"y"}, claimant="open data")
    assert collector.files == {"a.md": "x", "data/b.csv": b"y"}
    assert len(collector) == 2


def test_a_second_claim_on_a_path_names_both_claimants() -> None:
    collector = Collector()
    collector.add("data/casestudies.json", "x", claimant="the open data")
    with pytest.raises(BuildError, match="data/casestudies.json: the open data and the search page"):
        collector.add("data/casestudies.json", "y", claimant="the search page")
    assert collector.files == {"data/casestudies.json": "x"}


def test_two_councils_with_one_address_stop_the_build(make_corpus) -> None:
    """Council pages are named by slug: two register names that slugify alike must not overwrite each other."""
    paths = make_corpus(corpus="minimal")
    corpus = check_content(paths).corpus
    assert corpus is not None
    first = corpus.case_studies[0]
    twin = dataclasses.replace(first.councils[0], name=first.councils[0].name.upper())  # another council, same slug
    corpus = dataclasses.replace(corpus, case_studies=(dataclasses.replace(first, councils=first.councils + (twin,)), *corpus.case_studies[1:]))
    with pytest.raises(BuildError, match="the council .* and the council"):
        render_pages(corpus, paths)
