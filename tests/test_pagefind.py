"""The search index: a record per published case study, from the model, as plain text; a real
Pagefind bundle; the build fails unless the index holds exactly the published case studies."""
from __future__ import annotations

import asyncio
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from casebook import addresses
from casebook.model import Corpus
from casebook.outputs.pagefind import Record, build_search_index, case_study_records, indexed_page_count, write_search_index
from casebook.outputs.search import index_filters, index_meta, index_sorts
from casebook.outputs.search_text import MarkdownText
from casebook.pipeline import check_content
from casebook.problems import BuildError

# What Markdown or HTML would leave in the text if it were not read: tags, entities, link and
# emphasis syntax, heading and list marks, citation markers.
SYNTAX = re.compile(r"<[a-z/!]|&[a-z#0-9]+;|\]\(|\*\*|__|`|^#|^\s*[-*+] |^\s*\d+\. |\[\d+\]|\{[#.:]", re.MULTILINE)


def _corpus(make_corpus, corpus: str = "minimal") -> Corpus:
    result = check_content(make_corpus(corpus=corpus))
    assert result.corpus is not None, result.problems
    return result.corpus


def test_markdown_becomes_plain_text() -> None:
    body = "## What was done\n\nThe **councils** [said](https://example.org) it saved *£2m* `today` &amp; more.\n\n- one\n- two &lt;b&gt;\n\n1. first\n\n| A | B |\n|---|---|\n| x | y |\n"
    text = MarkdownText().convert(body)
    assert text.splitlines() == ["What was done", "The councils said it saved £2m today & more.", "one", "two <b>", "first", "A B", "x y"]


def test_records_are_plain_text_covering_the_page(make_corpus) -> None:
    corpus = _corpus(make_corpus)
    records = list(case_study_records(corpus))
    assert len(records) == len(corpus.case_studies)
    for case_study, record in zip(corpus.case_studies, records):
        # Fields given as plain text may hold "<" or "&" as a reader sees them (a title "Beta <energy>");
        # what remains, the body included, must hold no syntax.
        rest = record.content
        for value in (case_study.title, case_study.summary, case_study.stage_reasoning, case_study.headline_unavailable, *(s.title for s in case_study.sources), *(o.measure for o in case_study.outcomes)):
            rest = rest.replace(value, "") if value else rest
        assert not SYNTAX.search(rest), SYNTAX.search(rest)
        for part in (case_study.title, case_study.summary, case_study.theme.name, case_study.status.name, *case_study.tags):
            assert part in record.content
        for council in case_study.councils:
            assert council.name in record.content
        for outcome in case_study.outcomes:
            assert outcome.measure in record.content
        for source in case_study.sources:
            assert source.title in record.content
        body_words = re.findall(r"[A-Za-z]{6,}", re.sub(r"\[\d+\]|\(http[^)]*\)", "", case_study.body))
        assert all(word in record.content for word in body_words)


def test_records_take_their_index_fields_from_search_py(make_corpus) -> None:
    corpus = _corpus(make_corpus)
    for case_study, record in zip(corpus.case_studies, case_study_records(corpus)):
        assert record.url == "/" + addresses.page_url(addresses.case_study_path(case_study))
        assert record.filters == index_filters(case_study) and record.sort == index_sorts(case_study)
        assert record.meta["title"] == case_study.title and record.meta["slug"] == case_study.slug
        assert record.meta == index_meta(case_study, record.meta.get("evidence", ""))


def test_a_real_index_holds_every_case_study(make_corpus, tmp_path: Path) -> None:
    corpus = _corpus(make_corpus)
    bundle = tmp_path / "pagefind"
    assert build_search_index(corpus, bundle) == len(corpus.case_studies)
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):]) for p in (bundle / "fragment").glob("*.pf_fragment")]
    assert sorted(f["url"] for f in fragments) == sorted(r.url for r in case_study_records(corpus))
    assert (bundle / "pagefind.js").is_file()


def test_an_index_with_a_page_missing_fails(make_corpus, tmp_path: Path) -> None:
    corpus = _corpus(make_corpus)
    records = list(case_study_records(corpus))[:1]
    with pytest.raises(BuildError, match=f"holds 1 pages but there are {len(corpus.case_studies)} case studies"):
        asyncio.run(write_search_index(records, tmp_path / "pagefind", len(corpus.case_studies)))


def test_a_failing_indexer_is_one_line_of_build_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = shutil.which("false")
    assert failing is not None
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", failing)  # the package runs this instead of Pagefind
    record = Record("/case-studies/a/", "Text.", {"title": "A"}, {}, {})
    with pytest.raises(BuildError, match=r"^the search indexer \(Pagefind\) \S.*$") as failure:
        asyncio.run(write_search_index([record], tmp_path / "pagefind", 1))
    assert "\n" not in str(failure.value)
    assert indexed_page_count(tmp_path / "pagefind") == 0
