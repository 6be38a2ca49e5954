"""Golden files: the generated docs/ pages of the minimal corpus, compared byte for byte.

After an intended change to templates or rendering, run `make goldens` and review the diff.
"""
from __future__ import annotations

from pathlib import Path

from casebook.pipeline import generate_docs
from casebook.write import is_generated

GOLDEN = Path(__file__).parent / "golden" / "minimal"


def _generated_files(docs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and is_generated(p.relative_to(docs).as_posix())
    }


def test_generated_pages_match_goldens(make_corpus, update_goldens: bool, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01, for any build-time stamp
    monkeypatch.delenv("SITE_URL", raising=False)
    paths = make_corpus(corpus="minimal")
    generate_docs(paths)
    actual = _generated_files(paths.docs)
    if update_goldens:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for name, data in actual.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = _generated_files(GOLDEN) if GOLDEN.is_dir() else {}
    added, missing = sorted(actual.keys() - expected.keys()), sorted(expected.keys() - actual.keys())
    differing = sorted(name for name in actual.keys() & expected.keys() if actual[name] != expected[name])
    report = [f"new: {n}" for n in added] + [f"gone: {n}" for n in missing] + [f"differs: {n}" for n in differing]
    assert not report, "generated files differ from the goldens (run `make goldens` and review the diff):\n" + "\n".join(report)
