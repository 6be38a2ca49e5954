"""The preview passes on the engine's warnings and errors, and drops its routine notices and banners."""
from __future__ import annotations

import io
import sys

from casebook.preview.engine_output import relay, start_quietly, worth_passing

# What MkDocs 1.6 with Material 9.8 prints when `serve --dirty` starts (colours included).
ENGINE_START = """\

\x1b[33m │  \x1b[1mMaterial for MkDocs reaches end of life on May 5, 2027.\x1b[0m
\x1b[33m │\x1b[0m  Critical fixes and security updates continue until that date.
\x1b[33m │\x1b[0m

\x1b[90m  To disable this warning, set NO_MKDOCS_2_WARNING=1.\x1b[0m

INFO    -  Building documentation...
WARNING -  A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other links within your site. This option is designed for site development purposes only.
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - case-studies/alpha-shared-payroll.md
  - councils/adur-district-council.md
WARNING -  Doc file 'model.md' contains a link 'case-studies/gone.md', but the target is not found among documentation files.
INFO    -  Documentation built in 0.45 seconds
INFO    -  [05:42:41] Watching paths for changes: 'docs', 'mkdocs.yml'
INFO    -  [05:42:41] Serving on http://127.0.0.1:8765/
ERROR   -  Error reading page 'case-studies/alpha.md':
  UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff
Traceback (most recent call last):
  File "x.py", line 1, in <module>
OSError: [Errno 98] Address already in use
"""


def test_only_warnings_errors_and_tracebacks_pass() -> None:
    passed = list(worth_passing(io.StringIO(ENGINE_START)))
    assert passed == [
        "WARNING -  Doc file 'model.md' contains a link 'case-studies/gone.md', but the target is not found among documentation files.",
        "ERROR   -  Error reading page 'case-studies/alpha.md':",
        "  UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff",
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in <module>',
        "OSError: [Errno 98] Address already in use",
    ]


def test_the_nav_notice_the_dirty_warning_and_the_banner_are_dropped() -> None:
    passed = "\n".join(worth_passing(io.StringIO(ENGINE_START)))
    for routine in ("not included in the", "alpha-shared-payroll.md", "'dirty' build", "end of life", "NO_MKDOCS_2_WARNING", "Building documentation", "Serving on"):
        assert routine not in passed


def test_a_running_engine_is_relayed_through_the_filter() -> None:
    script = "import sys; print('INFO    -  Building documentation...'); print('WARNING -  a real warning', file=sys.stderr)"
    process = start_quietly([sys.executable, "-c", script])
    assert process.wait(timeout=30) == 0
    out = io.StringIO()
    relay(io.StringIO("INFO    -  chatter\nERROR   -  broken\n"), out).join(timeout=30)
    assert out.getvalue() == "ERROR   -  broken\n"
