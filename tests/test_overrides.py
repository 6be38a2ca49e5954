"""overrides/ against the installed Material theme: a theme upgrade that changes a template we copied fails here.

Each copied partial carries our changes on top of Material's file of one version. When Material's
original changes, its hash below no longer matches: compare the new original with our copy, carry
our changes across, then record the new hash and version (here and in the copy's comment).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import re

import pytest

from casebook.project import PROJECT_ROOT

OVERRIDES = PROJECT_ROOT / "overrides"
THEME = importlib.metadata.distribution("mkdocs-material")

# Material's templates we copied into overrides/ (same path), with the version and the SHA-256 of the
# original we copied from.
COPIED = {
    "partials/header.html": ("9.8.1", "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    "partials/nav.html": ("9.8.1", "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f"),
    "partials/source.html": ("9.8.1", "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"),
}
# Material's templates we did not copy but depend on byte for byte: partials/csp.html allows this
# file's inline script by its hash, so a change to it would be blocked by the security policy.
RELIED_ON = {
    "partials/javascripts/content.html": ("9.8.1", "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf"),
}
COPY_NOTE = re.compile(r"Copy of Material for MkDocs (\d+\.\d+\.\d+) ([\w/.-]+\.html)")


def _original_hash(template: str) -> str:
    original = THEME.locate_file(f"material/templates/{template}")
    return hashlib.sha256(original.read_bytes()).hexdigest()


def _copy_notes() -> dict[str, str]:
    """Template path -> the Material version each copy in overrides/ says it was copied from."""
    notes = {}
    for file in sorted(OVERRIDES.rglob("*.html")):
        match = COPY_NOTE.search(file.read_text(encoding="utf-8"))
        if match:
            assert match.group(2) == file.relative_to(OVERRIDES).as_posix(), f"{file.name} names another template"
            notes[match.group(2)] = match.group(1)
    return notes


def test_every_copied_partial_is_recorded_with_the_version_it_names() -> None:
    assert _copy_notes() == {template: version for template, (version, _) in COPIED.items()}


@pytest.mark.parametrize("template", sorted(COPIED | RELIED_ON))
def test_the_installed_themes_original_is_the_one_we_copied(template: str) -> None:
    version, recorded = (COPIED | RELIED_ON)[template]
    assert _original_hash(template) == recorded, (
        f"Material {THEME.version}'s {template} differs from the {version} original that overrides/ relies on: "
        f"compare them, carry our changes across, then record the new hash in tests/test_overrides.py"
    )

