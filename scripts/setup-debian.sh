#!/usr/bin/env bash
# The system packages a polling station needs on Debian or Ubuntu, before `npm ci && npm start`:
# Chromium to open the web shells, libusb for the HID keypads, eSpeak NG for the booth's voice, and a
# C++ toolchain in case better-sqlite3 has to be compiled. The tests need a few more: `bash .ci/run`
# installs those itself. Checks that Node.js and npm are recent enough, and says what to do if not.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -q
as_root apt-get install -y -q --no-upgrade chromium libusb-1.0-0 espeak-ng build-essential python3

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is not installed: Seggio needs Node.js 20.19 or later with npm 11 (https://nodejs.org, or NodeSource's packages for Debian)." >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "Node.js $(node --version) is too old: Seggio needs 20.19 or later (https://nodejs.org)." >&2
  exit 1
fi
if [ "$(npm --version | cut -d. -f1)" -lt 11 ]; then
  echo "npm $(npm --version) is too old: Seggio needs npm 11 (npm install -g npm@11)." >&2
  exit 1
fi
echo "System packages installed; Node.js $(node --version) and npm $(npm --version) will do. Next: npm ci && npm start"
