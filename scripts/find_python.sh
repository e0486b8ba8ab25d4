#!/usr/bin/env bash
# Prints the path of a Python 3.8-3.10 interpreter (Rasa 3.6 runs on nothing newer).
# Looks at $PYTHON, python3.10/3.9/3.8 on PATH, then pyenv's versions.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' 2>/dev/null; }
for c in ${PYTHON:-} python3.10 python3.9 python3.8; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for v in $(ls -1 "$root/versions" 2>/dev/null | grep -E '^3\.(10|9|8)\.' | sort -t. -k2,2nr -k3,3nr); do
  p="$root/versions/$v/bin/python"
  if ok "$p"; then echo "$p"; exit 0; fi
done
cat >&2 <<'MSG'
No Python 3.8-3.10 found. Rasa Open Source 3.6 does not run on Python 3.11 or newer.
Install one, for example:
  pyenv install 3.10.13            (with pyenv)
  apt-get install python3.10-venv  (Debian/Ubuntu with a 3.10 package)
or point PYTHON at an interpreter:  PYTHON=/path/to/python3.10 make run
MSG
exit 1
