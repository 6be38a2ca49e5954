#!/usr/bin/env python3
"""Entry point: validate case studies and build the site. See `python build_site.py --help`."""
import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parent / ".venv"


def _use_project_venv() -> None:
    """Run under the project's .venv when started with another Python, so nothing needs activating."""
    try:
        import frontmatter, jinja2, yaml  # noqa: F401  (the first imports that would fail)
        return
    except ImportError:
        pass
    python = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])
    sys.exit("Error: the project's packages are not installed; run `make new` or `make serve` once (it sets up .venv).")


if __name__ == "__main__":
    _use_project_venv()
    from casebook.cli import main

    sys.exit(main())
