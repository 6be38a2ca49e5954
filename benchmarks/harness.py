"""The benchmark: build N synthetic case studies stage by stage, beside a bare MkDocs baseline.

    python -m benchmarks.harness --sizes 100,1000,5000 --serve-at 1000

For each N it generates a project (benchmarks/synthetic.py), times every stage in its own process
(benchmarks/stages.py), builds the bare baseline (benchmarks/baseline.py), measures what a browser
downloads (benchmarks/transfer.py) and, at one N, how fast `serve` shows an edit
(benchmarks/servetime.py). It prints a table and writes JSON.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.baseline import build_command, make_bare_project
from benchmarks.servetime import measure_serve
from benchmarks.stages import StageResult, measure_in_child
from benchmarks.synthetic import make_project
from benchmarks.transfer import measure_in_browser, site_size
from casebook import addresses, project
from casebook.outputs.search import search_query
from casebook.write import replace_directory

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
OUR_STAGES = ("load", "validate", "model", "render", "write")
SEARCH_QUERY = "council"  # the commonest content word of the synthetic corpus: the largest first query
# Search page views measured (the first is the table's): the commonest word with one facet ticked
# (issue 15's 300 kB target), a typical domain word (150 kB), the commonest word alone.
SEARCH_VIEWS = {
    "common word + facet": search_query(q=SEARCH_QUERY, theme="shared-services"),
    "typical word": search_query(q="waste"),
    "common word": search_query(q=SEARCH_QUERY),
}
KIB, MIB = 1024, 1024 * 1024


def _stage_process(*arguments: str, root: Path) -> list[dict[str, Any]]:
    output, _ = measure_in_child([sys.executable, "-m", "benchmarks.stages", *arguments], cwd=project.PROJECT_ROOT)
    return output["stages"]


def run_size(count: int, work: Path, seed: int, browser: bool) -> dict[str, Any]:
    """Every measurement at one corpus size."""
    root = work / f"n{count}" / "project"
    generated = time.perf_counter()
    paths = make_project(root, count, seed)
    result: dict[str, Any] = {"n": count, "generate_seconds": round(time.perf_counter() - generated, 2)}
    staging = root / "site.new"
    stages = _stage_process("ours", str(root), root=root)
    stages += _stage_process("site", str(root), str(staging), root=root)  # the engine and the search index at once
    replace_directory(staging, paths.site)
    result["stages"] = {s["stage"]: s for s in stages if s["stage"] != "start"}
    result["start_peak_mib"] = stages[0]["peak_mib"]
    bare = work / f"n{count}" / "bare"
    config = make_bare_project(paths.casestudies, bare)
    _, baseline = measure_in_child(build_command(config, bare / "site"), cwd=bare)
    result["baseline"] = asdict(baseline) | {"stage": "bare mkdocs", "site": site_size(bare / "site")}
    result["site"] = site_size(paths.site)
    # GitHub Pages publishes at most 1 GB; issue 15's target is under 500 MB at 10,000.
    result["site"]["bytes_per_case_study"] = round(result["site"]["bytes"] / count)
    if browser:
        first = sorted(paths.casestudies.glob("*.md"))[0].stem
        page = addresses.page_url(addresses.CASE_STUDY.format(slug=first))
        result["browser"] = measure_in_browser(paths.site, page, SEARCH_VIEWS, addresses.SEARCH_BUNDLE_DIR)
    result["summary"] = summarise(result)
    return result


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """Totals and ratios: our build is our stages then the engine beside the index (one step, its wall
    time); its peak is our process plus both children, which run at the same time while the pipeline
    keeps its corpus in memory and makes the index's records."""
    stages = result["stages"]
    step = stages["engine beside index"]
    ours = [stages[name] for name in OUR_STAGES] + [step]
    children = [stages["mkdocs"], stages["search index"]]
    build_seconds = sum(s["seconds"] for s in ours)
    build_cpu = sum(s["cpu_seconds"] for s in ours)
    peak = max(s["peak_mib"] for s in ours) + sum(s["peak_mib"] for s in children)
    baseline = result["baseline"]
    return {
        "build_seconds": round(build_seconds, 2),
        "build_cpu_seconds": round(build_cpu, 2),
        "build_peak_mib": round(peak, 1),
        # Issue 15's memory target is per process: our stages, MkDocs and Pagefind each run in one.
        "largest_process_mib": round(max(s["peak_mib"] for s in ours + children), 1),
        "peak_mib_by_process": {"ours": round(max(s["peak_mib"] for s in ours), 1), "mkdocs": round(stages["mkdocs"]["peak_mib"], 1), "pagefind": round(stages["search index"]["peak_mib"], 1)},
        "load_validate_seconds": round(stages["load"]["seconds"] + stages["validate"]["seconds"], 2),
        "load_validate_cpu_seconds": round(stages["load"]["cpu_seconds"] + stages["validate"]["cpu_seconds"], 2),
        "baseline_seconds": round(baseline["seconds"], 2),
        "baseline_cpu_seconds": round(baseline["cpu_seconds"], 2),
        "ratio_to_baseline": round(build_seconds / baseline["seconds"], 2),
        "cpu_ratio_to_baseline": round(build_cpu / baseline["cpu_seconds"], 2),
        "mkdocs_cpu_ratio_to_baseline": round(stages["mkdocs"]["cpu_seconds"] / baseline["cpu_seconds"], 2),
    }


def growth(results: list[dict[str, Any]], small: int, large: int) -> dict[str, float] | None:
    """How much time and memory grow from `small` to `large` case studies (linear would be large/small)."""
    by_n = {r["n"]: r["summary"] for r in results}
    if small not in by_n or large not in by_n:
        return None
    a, b = by_n[small], by_n[large]
    return {
        "time": round(b["build_seconds"] / a["build_seconds"], 2),
        "cpu": round(b["build_cpu_seconds"] / a["build_cpu_seconds"], 2),
        "memory": round(b["build_peak_mib"] / a["build_peak_mib"], 2),
        "linear": large / small,
    }


def format_table(results: list[dict[str, Any]]) -> str:
    """One row per N: seconds per stage (wall, CPU in brackets), totals, sizes."""
    columns = ["N", *OUR_STAGES, "mkdocs", "search", "both", "build", "bare", "ratio", "peak MiB", "site MiB", "KiB/case", "query KiB first/all", "page KiB"]
    rows = [columns]
    for r in results:
        s, summary, b = r["stages"], r["summary"], r.get("browser", {})
        timed = [f"{s[name]['seconds']:.1f} ({s[name]['cpu_seconds']:.1f})" for name in (*OUR_STAGES, "mkdocs", "search index", "engine beside index")]
        rows.append([
            str(r["n"]), *timed,
            f"{summary['build_seconds']:.1f} ({summary['build_cpu_seconds']:.1f})",
            f"{summary['baseline_seconds']:.1f} ({summary['baseline_cpu_seconds']:.1f})",
            f"{summary['ratio_to_baseline']:.2f} ({summary['cpu_ratio_to_baseline']:.2f})",
            f"{summary['build_peak_mib']:.0f}",
            f"{r['site']['bytes'] / MIB:.1f}",
            f"{r['site']['bytes'] / r['n'] / KIB:.0f}",
            f"{b['search']['first_result_gzip_bytes'] / KIB:.0f}/{b['search']['payload_gzip_bytes'] / KIB:.0f}" if b else "-",
            f"{b['case_study_page']['html_gzip_bytes'] / KIB:.0f}/{b['case_study_page']['with_assets_gzip_bytes'] / KIB:.0f}" if b else "-",
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    lines = [" | ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def run(sizes: list[int], serve_at: int | None, work: Path, seed: int, browser: bool, serve_edits: int = 3) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    for count in sizes:
        print(f"N={count}: building ...", file=sys.stderr, flush=True)
        results.append(run_size(count, work, seed, browser))
        print(format_table(results[-1:]), file=sys.stderr, flush=True)
        # Each size's figures are kept as soon as they exist: a long run stopped later keeps them.
        (work / "partial.json").write_text(json.dumps(_report(results, seed), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    report = _report(results, seed)
    if serve_at is not None:
        print(f"serve at N={serve_at} ...", file=sys.stderr, flush=True)
        root = work / f"n{serve_at}" / "project"
        if not root.exists():
            make_project(root, serve_at, seed)
        report["serve"] = measure_serve(root, edits=serve_edits) | {"n": serve_at}
    return report


def _report(results: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    return {
        "machine": {"python": platform.python_version(), "system": platform.system(), "cpus": _cpus()},
        "seed": seed,
        "search_query": SEARCH_QUERY,
        "sizes": results,
        "growth_1000_to_5000": growth(results, 1000, 5000),
        "growth_1000_to_10000": growth(results, 1000, 10000),
    }


def _merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Results of an earlier run with this run's measurements laid over them (sizes matched by N)."""
    sizes = {r["n"]: r for r in old.get("sizes", [])} | {r["n"]: r for r in new["sizes"]}
    merged = old | {key: value for key, value in new.items() if value is not None}
    merged["sizes"] = [sizes[n] for n in sorted(sizes)]
    merged["growth_1000_to_5000"] = growth(merged["sizes"], 1000, 5000)
    merged["growth_1000_to_10000"] = growth(merged["sizes"], 1000, 10000)
    return merged


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the casebook build at several corpus sizes.")
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--serve-at", type=int, default=1000, help="corpus size for the serve measurement (0 to skip)")
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed in the serve measurement")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated projects (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--update", action="store_true", help="keep what --out already holds and replace only what this run measured")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    try:
        report = run([int(n) for n in args.sizes.split(",") if n.strip()], args.serve_at or None, work, args.seed, not args.no_browser, args.serve_edits)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.update and args.out.is_file():
        report = _merge(json.loads(args.out.read_text(encoding="utf-8")), report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(format_table(report["sizes"]))
    if "serve" in report:
        print(f"serve: edit to page {report['serve']['edit_to_page_seconds']} s (median {report['serve']['median_seconds']} s)")
    print(f"JSON: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
