"""What of the site engine's output the preview passes on: its warnings and errors, not its chatter.

MkDocs logs every rebuild at INFO ("Building documentation...", "Documentation built in ..."),
warns on every `--dirty` rebuild that dirty builds are for development (we chose --dirty on
purpose: casebook/preview/serve.py says why), and Material prints an end-of-life banner at start.
Left in, they bury the validation problems the preview exists to show. What can be switched off at
its source is (mkdocs.yml `validation: omitted_files: ignore`, NO_MKDOCS_2_WARNING for the banner);
the rest is filtered here, line by line, from the engine's combined output.
"""
from __future__ import annotations

import re
import subprocess
import sys
import threading
from typing import IO, Iterable, Iterator

# A log record's first line: MkDocs and ProperDocs write `LEVEL    -  message`.
RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(.*)$")
# Warnings that are about our chosen way of serving, not about the site.
EXPECTED_WARNINGS = ("A 'dirty' build is being performed",)
# Theme banners printed outside the log (a box drawn with this character), and their off-switch hint.
BANNER_MARKS = ("│", "NO_MKDOCS_2_WARNING")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def worth_passing(lines: Iterable[str]) -> Iterator[str]:
    """The lines a contributor needs: warnings and errors (with their continuation lines), and
    anything the engine prints outside its log that is not a banner (a traceback, say)."""
    passing = True
    for raw in lines:
        line = ANSI.sub("", raw.rstrip("\n"))
        record = RECORD.match(line)
        if record:
            level, message = record.groups()
            passing = level not in ("DEBUG", "INFO") and not message.startswith(EXPECTED_WARNINGS)
        elif not line.startswith((" ", "\t")):
            # Not a continuation of a record: judged on its own.
            passing = bool(line.strip()) and not any(mark in line for mark in BANNER_MARKS)
        if passing:
            yield line


def relay(stream: IO[str], out: IO[str] | None = None) -> threading.Thread:
    """Copy what passes from the engine's output to ours, on a thread, until the engine ends."""
    def run() -> None:
        target = out or sys.stdout
        for line in worth_passing(stream):
            print(line, file=target, flush=True)

    thread = threading.Thread(target=run, name="engine-output", daemon=True)
    thread.start()
    return thread


def start_quietly(command: list[str], **options: object) -> subprocess.Popen[str]:
    """Start the engine with its stdout and stderr joined and relayed through the filter."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1, **options)  # type: ignore[call-overload]
    assert process.stdout is not None  # set by stdout=PIPE
    relay(process.stdout)
    return process
