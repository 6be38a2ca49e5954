#!/usr/bin/env bash
# Make sure the browser tests have a Chromium to drive; called by `make test` before pytest.
# Debian's chromium package where apt is available and we are root (the tests use /usr/bin/chromium);
# otherwise Playwright's own Chromium, which the tests fall back to when /usr/bin/chromium is absent.
# Usage: scripts/install-browser.sh [PYTHON]   (the Python that has Playwright installed)
set -euo pipefail
PYTHON="${1:-.venv/bin/python}"

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "install-browser: installing Debian's chromium package"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; then
    exit 0
  fi
  echo "install-browser: apt-get failed; trying Playwright's own Chromium" >&2
fi
echo "install-browser: installing Playwright's Chromium"
"$PYTHON" -m playwright install chromium
