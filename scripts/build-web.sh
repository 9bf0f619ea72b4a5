#!/usr/bin/env bash
# Builds the web front-ends (web/) into web/dist, and only when something they
# are made of is newer than the last build: web sources, the Vite config, the
# lock file (new package versions). `--force` rebuilds regardless.
#
# The build goes to a scratch folder and replaces web/dist in one rename, so a
# running server never serves half a build; a lock keeps two builds (two test
# files, `npm start` beside `npm test`) from running at once.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=web/dist
stamp="$dist/.build-stamp"
force=${1:-}

needs_build() {
  [ "$force" = "--force" ] && return 0
  [ -f "$stamp" ] || return 0
  [ package-lock.json -nt "$stamp" ] && return 0
  # Any file under web/ (not the build itself) newer than the stamp.
  [ -n "$(find web -path "$dist" -prune -o -path 'web/.dist-*' -prune -o -type f -newer "$stamp" -print -quit)" ]
}

if ! needs_build; then
  exit 0
fi

exec 9>web/.build.lock
flock 9
# Another build may have finished while we waited for the lock.
if ! needs_build; then
  exit 0
fi

if [ ! -x node_modules/.bin/vite ]; then
  echo "madoguchi: vite is not installed; run npm install first" >&2
  exit 1
fi

scratch="web/.dist-$$"
trap 'rm -rf "$scratch"' EXIT
started=$(date +%s)
echo "madoguchi: building the web front-ends" >&2
# Always a production build: a caller's NODE_ENV (vitest sets "test") would
# otherwise give React's development build, with StrictMode's double effects.
NODE_ENV=production node_modules/.bin/vite build --config web/vite.config.ts --outDir "$PWD/$scratch" --emptyOutDir --logLevel warn
touch "$scratch/.build-stamp"

old="web/.dist-old-$$"
if [ -d "$dist" ]; then mv "$dist" "$old"; fi
mv "$scratch" "$dist"
rm -rf "$old"
echo "madoguchi: web front-ends built in $(($(date +%s) - started)) s" >&2
