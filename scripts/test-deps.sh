#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's Chromium for the browser tests.
# (Browser downloads by test tools do not work offline; playwright-core drives this one.)
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "test-deps: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "test-deps: installing Debian chromium…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
