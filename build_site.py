#!/usr/bin/env python3
"""Entry point: validate case studies and build the site. See `python build_site.py --help`."""
import sys

from casebook.cli import main

if __name__ == "__main__":
    sys.exit(main())
