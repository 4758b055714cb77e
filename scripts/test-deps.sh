#!/usr/bin/env bash
# System packages the tests drive for real: Debian's Chromium for the web page tests.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian) for browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
fi
