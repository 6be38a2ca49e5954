"""Time each build stage of one project, each in a fresh process so peak memory is per stage.

Our stages (load, validate, model, render, write) run in-process, one after the other, as
casebook.pipeline runs them (render streams each page to the writer's staging folder as it is made;
write moves the changed ones into docs/). The site engine and the search index run at once, through
the pipeline's own function, in a second process: its wall time is the step's, and each of its
children (the engine, Pagefind's binary) is measured on its own from /proc while it runs.

Run as `python -m benchmarks.stages ours|site ROOT [SITE_DIR]`; it prints one JSON object.
"""
from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
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


def run_engine_beside_index(root: Path, site_dir: Path) -> list[StageResult]:
    """The site engine and the search index at once, as casebook.pipeline.build_site runs them.

    Three results: the whole step ("engine beside index": wall; CPU of this process and both
    children; this process's peak, which holds the corpus and makes the records), then each child
    on its own, "mkdocs" and "search index" (Pagefind's binary; its CPU plus the CPU this process
    spent making records), from /proc read every 0.05 s while they run (Linux).
    """
    import asyncio

    from casebook.pipeline import check_content, run_engine_beside_index, search_staging

    paths = get_paths(root)
    corpus = check_content(paths).corpus
    assert corpus is not None
    bundle = search_staging(paths)
    sampler = ChildSampler()
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    asyncio.run(run_engine_beside_index(paths, corpus, site_dir, bundle, strict=False))
    seconds, own_cpu = time.perf_counter() - start, time.process_time() - cpu
    sampler.finish()
    bundle.rename(site_dir / "pagefind")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    step = StageResult("engine beside index", seconds, own_cpu + children.ru_utime + children.ru_stime, peak_mib_self())
    engine, indexer = sampler.process("mkdocs"), sampler.process("pagefind")
    return [step, StageResult("mkdocs", engine.seconds, engine.cpu_seconds, engine.peak_mib), StageResult("search index", indexer.seconds, indexer.cpu_seconds + own_cpu, indexer.peak_mib)]


@dataclass
class ChildProcess:
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_mib: float = 0.0


class ChildSampler(threading.Thread):
    """Each child process's CPU and peak memory (VmHWM, a high-water mark, so only growth in its last
    0.05 s can be missed), read from /proc while a step runs; children are named by their command."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: dict[int, tuple[str, float, ChildProcess]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.sample()

    def finish(self) -> None:
        self.done.set()
        self.join()

    def sample(self) -> None:
        for pid in _child_pids():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                status = Path(f"/proc/{pid}/status").read_text()
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # it has just exited
            found = re.search(r"VmHWM:\s+(\d+)", status)
            if not found or not command:
                continue  # exited and not yet reaped (a zombie): keep what was last read of it
            first_seen = self.seen.get(pid, (command, time.perf_counter(), ChildProcess()))[1]
            cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            self.seen[pid] = (command, first_seen, ChildProcess(time.perf_counter() - first_seen, cpu, int(found.group(1)) / 1024))

    def process(self, name: str) -> ChildProcess:
        """The child whose command names `name` (Pagefind's binary; the engine's `-m mkdocs`)."""
        matches = [child for command, _, child in self.seen.values() if name in command]
        return max(matches, key=lambda child: child.cpu_seconds) if matches else ChildProcess()


def _child_pids() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


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
    elif command == "site":
        results = run_engine_beside_index(root, Path(argv[2]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps({"stages": [asdict(r) for r in results]}))


if __name__ == "__main__":
    main(sys.argv[1:])
