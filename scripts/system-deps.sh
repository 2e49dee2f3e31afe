#!/usr/bin/env bash
# Debian packages FactDesk needs beyond Python: Pango for WeasyPrint's PDFs, and
# (with --browser, for the tests) Chromium for Playwright and the PostgreSQL and Redis
# servers the fault tests start privately. Installs only what is missing.
set -euo pipefail
missing=()
ldconfig -p | grep -q "libpango-1.0.so.0" || missing+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || missing+=(libpangoft2-1.0-0)
if [ "${1:-}" = "--browser" ]; then
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
  # The fault tests start private PostgreSQL and Redis servers of their own.
  [ -x "$(pg_config --bindir 2>/dev/null)/initdb" ] || missing+=(postgresql libpq-dev)
  command -v redis-server >/dev/null || missing+=(redis-server)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
