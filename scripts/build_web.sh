#!/usr/bin/env bash
# Builds the web chat page into web/dist/ (git-ignored): installs the npm packages
# pinned in web/package-lock.json (npm ci) and bundles them with esbuild.
# Does nothing when web/dist is newer than the sources and the lockfile.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "build_web: npm is missing: install Node.js 18 or newer (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
if [ -f dist/app.js ] && [ -z "$(find src build.mjs package-lock.json -newer dist/app.js -print -quit)" ]; then
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build_web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
