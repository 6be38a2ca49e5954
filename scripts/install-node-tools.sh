#!/usr/bin/env bash
# Install the Node tools the tests use (Lighthouse, pinned in package.json and package-lock.json)
# into node_modules/; called by `make test` before pytest. Re-installs only when the lock changes.
# The site itself needs no Node. Debian's nodejs and npm are installed if missing (root with apt).
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=node_modules/.installed-lock

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "install-node-tools: installing Debian's nodejs and npm"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  else
    echo "install-node-tools: npm is missing; install Node.js 18.16 or later" >&2
    exit 1
  fi
fi
if [ -f "$STAMP" ] && cmp -s package-lock.json "$STAMP" && [ -x node_modules/.bin/lighthouse ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$STAMP"
