#!/usr/bin/env bash
# Installs what madoguchi needs on a fresh Debian machine, and nothing twice:
# npm packages when node_modules is missing or older than the lock file, and
# (with --test) the Debian packages the tests use: poppler for checking PDFs,
# Chromium for browser tests, IPAmj明朝 for exact names, zbar for QR codes.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "madoguchi: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ]; then
  missing=()
  command -v pdfsig >/dev/null || missing+=(poppler-utils)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [ -f /usr/share/fonts/truetype/ipamj/ipamjm.ttf ] || missing+=(fonts-ipamj-mincho)
  # grep without -q reads all of fc-list's output: no SIGPIPE under pipefail.
  if ! { command -v fc-list >/dev/null && fc-list 2>/dev/null | grep 'IPAMincho' >/dev/null; }; then
    missing+=(fonts-ipafont-mincho)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "madoguchi: installing Debian packages: ${missing[*]}" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "madoguchi: please install these Debian packages first: ${missing[*]}" >&2
      exit 1
    fi
  fi
fi
