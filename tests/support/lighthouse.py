"""Run Lighthouse (npm, pinned in package.json) in Debian's Chromium and read its scores.

Lighthouse scores performance on an emulated mid-range phone: a slow 4G network, simulated, and
the CPU slowed down. Its default slowdown (4x) assumes a fast desktop host (benchmark index about
1,500). On a slower or busier host the same 4x emulates a much slower phone than intended, so we
use the slowdown Lighthouse's own CPU throttling calculator recommends for the benchmark index
the same run measured, never more than the default. Every report states both numbers.
"""
from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from casebook.project import PROJECT_ROOT

LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
DEFAULT_CPU_SLOWDOWN = 4.0
# Flags as for the Playwright tests (tests/browser/conftest.py): no calls home from a closed network.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
TIMEOUT_SECONDS = 300


@dataclass
class Report:
    url: str
    scores: dict[str, int]  # category id -> score 0-100
    below_full_marks: dict[str, list[str]]  # category id -> "audit-id: title" of each audit that lost points
    benchmark_index: float
    cpu_slowdown: float

    def describe(self) -> str:
        lines = [f"{self.url}: {self.scores} (benchmark index {self.benchmark_index:.0f}, CPU slowdown {self.cpu_slowdown:.2f}x)"]
        lines += [f"  {category}: {audit}" for category, audits in self.below_full_marks.items() for audit in audits]
        return "\n".join(lines)


def recommended_cpu_slowdown(benchmark_index: float) -> float:
    """Lighthouse's CPU throttling calculator (docs/throttling.md), capped at its default of 4x.

    1,533 and above: 4x; 1,300: 3x; 800: 2x; 150 and below: 1x (no slowdown), linear between.
    """
    if benchmark_index >= 1300:
        slowdown = 3 + (benchmark_index - 1300) / 233
    elif benchmark_index >= 800:
        slowdown = 2 + (benchmark_index - 800) / 500
    else:
        slowdown = 1 + max(benchmark_index - 150, 0) / 650
    return min(slowdown, DEFAULT_CPU_SLOWDOWN)


def run_lighthouse(url: str, categories: list[str], output: Path, cpu_slowdown: float = DEFAULT_CPU_SLOWDOWN) -> Report:
    """One Lighthouse run (mobile, its default form factor) of `url`; the JSON report is kept at `output`."""
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}",
        f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}",
    ]
    environment = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    completed = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=TIMEOUT_SECONDS)
    if completed.returncode != 0 or not output.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{completed.stderr[-3000:]}")
    return read_report(json.loads(output.read_text(encoding="utf-8")), cpu_slowdown)


def read_report(result: dict, cpu_slowdown: float) -> Report:
    """Scores and the audits that lost points, from Lighthouse's JSON result."""
    audits = result["audits"]
    scores, lost = {}, {}
    for category_id, category in result["categories"].items():
        scores[category_id] = round((category["score"] or 0) * 100)
        weighted = [ref["id"] for ref in category["auditRefs"] if ref["weight"] > 0]
        lost[category_id] = [f"{a}: {audits[a]['title']}" for a in weighted if (audits[a]["score"] is not None and audits[a]["score"] < 1)]
    return Report(result["finalDisplayedUrl"], scores, lost, result["environment"]["benchmarkIndex"], cpu_slowdown)
