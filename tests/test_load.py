"""Load: text from disk or from elsewhere reads the same, and bad files give problems, not tracebacks."""
from __future__ import annotations

from casebook.load import load_corpus_files, load_file, load_text


def test_text_not_on_disk_loads_as_the_file_would(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text})
    from_disk = load_file(paths.casestudies / "beta.md", paths.root)
    assert load_text(valid_text, "casestudies/beta.md") == from_disk


def test_a_name_taken_by_a_generated_page_is_refused(valid_text: str) -> None:
    source, problems = load_text(valid_text, "casestudies/index.md")
    assert source is None
    assert [p.message for p in problems] == ["file name `index.md` is taken by a generated page; choose another name"]


def test_a_folder_and_a_stray_file_are_reported_not_read(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text, "notes.txt": "x"})
    (paths.casestudies / "drafts").mkdir()
    result = load_corpus_files(paths.casestudies, paths.root)
    assert [f.slug for f in result.files] == ["beta"]
    assert sorted(p.path for p in result.problems) == ["casestudies/drafts", "casestudies/notes.txt"]
