"""Time each build stage of one project, each in a fresh process so peak memory is per stage.

Our stages (load, validate, model, render, write) run in-process, one after the other, as
casebook.pipeline runs them (render streams each page to the writer's staging folder as it is made;
write moves the changed ones into docs/); the site engine and the search indexer run through the pipeline's own
functions in a child process whose peak memory the kernel reports when it exits (wait4).

Run as `python -m benchmarks.stages ours|engine|search ROOT [SITE_DIR]`; it prints one JSON object.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from casebook.project import get_paths


@dataclass
class StageResult:
    """Wall and CPU time, and the process's peak resident memory (MiB) when the stage ended.

    CPU seconds are reported beside wall seconds because other work on a shared machine
    stretches wall time but not CPU time.
    """

    stage: str
    seconds: float
    cpu_seconds: float
    peak_mib: float


def peak_mib_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _timed(stage: str, results: list[StageResult], work: Callable[[], Any]) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    value = work()
    results.append(StageResult(stage, time.perf_counter() - start, time.process_time() - cpu, peak_mib_self()))
    return value


def run_our_stages(root: Path) -> list[StageResult]:
    """load -> validate -> model -> render -> write, exactly as casebook.pipeline.generate_docs does them."""
    from casebook.load import load_corpus_files
    from casebook.model import build_corpus
    from casebook.collector import Collector
    from casebook.pipeline import render_into
    from casebook.register import read_register
    from casebook.taxonomy import get_taxonomy
    from casebook.validate import CaseStudyValidator, validate_files
    from casebook.write import DocsWriter

    paths = get_paths(root)
    results = [StageResult("start", 0.0, 0.0, peak_mib_self())]
    loaded = _timed("load", results, lambda: load_corpus_files(paths.casestudies, paths.root))
    taxonomy, register = get_taxonomy(paths), read_register(paths.registers)
    problems = _timed("validate", results, lambda: validate_files(loaded.files, CaseStudyValidator(taxonomy, register).validate, loaded.problems))
    if problems:
        raise SystemExit(f"{len(problems)} problems, e.g. {problems[0]}")
    corpus = _timed("model", results, lambda: build_corpus(loaded.files, taxonomy, register))
    writer = DocsWriter(paths.docs)
    _timed("render", results, lambda: render_into(corpus, paths, Collector(writer.add)))
    _timed("write", results, writer.commit)
    return results


def run_engine(root: Path, site_dir: Path) -> list[StageResult]:
    from casebook.pipeline import run_site_engine

    return [_timed_child("mkdocs", lambda: run_site_engine(get_paths(root), site_dir, strict=False))]


def run_search(root: Path, site_dir: Path) -> list[StageResult]:
    from casebook.outputs.pagefind import build_search_index

    count = len(list(get_paths(root).casestudies.glob("*.md")))
    return [_timed_child("search index", lambda: build_search_index(site_dir, count))]


def _timed_child(stage: str, work: Callable[[], Any]) -> StageResult:
    """Time work that runs a child process; its peak memory is the largest child's (RUSAGE_CHILDREN)."""
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return StageResult(stage, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure_in_child(arguments: list[str], cwd: Path) -> tuple[dict[str, Any], StageResult]:
    """Run a command; return its last line of JSON output and its wall/CPU time and peak MiB (whole process tree)."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(arguments, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
        # wait4 (not Popen.wait) returns this child's own usage: its largest process, grandchildren included.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read().decode(errors="replace"), stderr.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{err[-3000:]}")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    measured = StageResult(arguments[-1], seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    return (json.loads(lines[-1]) if lines else {}), measured


def main(argv: list[str]) -> None:
    command, root = argv[0], Path(argv[1])
    if command == "ours":
        results = run_our_stages(root)
    elif command == "engine":
        results = run_engine(root, Path(argv[2]))
    elif command == "search":
        results = run_search(root, Path(argv[2]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps({"stages": [asdict(r) for r in results]}))


if __name__ == "__main__":
    main(sys.argv[1:])
