#!/usr/bin/env bash
# Debian packages that only the tests need: a PostgreSQL server (tracker store and
# draws database tests run against a real one on loopback) and Chromium with its
# driver (web chat browser test), Node.js with npm to bundle the web page, and Redis and
# nginx (the scaled set-up: `make scale` and tests/scale).
# Installs what is missing when run as root,
# otherwise says what to install. `system_deps.sh scale`: only what `make scale` needs.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ "${1:-}" != scale ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
fi
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || need+=(nginx)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
