"""The pipeline: each stage once, in order; nothing is written when any file is bad."""
from __future__ import annotations

import pytest

from casebook import addresses
from casebook.pipeline import check_content, generate_docs, render_pages
from casebook.problems import ContentInvalid


def test_check_builds_the_corpus_and_keeps_drafts_apart(make_corpus) -> None:
    result = check_content(make_corpus(corpus="minimal"))
    assert (len(result.corpus.case_studies), len(result.corpus.drafts), result.file_count) == (2, 1, 3)


def test_one_build_renders_every_fixed_page(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    files = render_pages(check_content(paths).corpus, paths)
    assert addresses.FIXED_PATHS <= set(files)


def test_a_bad_file_leaves_docs_untouched(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text.replace("theme: shared-services", "theme: sharing")})
    with pytest.raises(ContentInvalid):
        generate_docs(paths)
    assert not (paths.docs / addresses.HOME).exists()
