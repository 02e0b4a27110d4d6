#!/usr/bin/env bash
# Install requirements.lock into a venv with uv, from the package index pip uses; pip if uv fails.
#   tools/install-lock.sh VENV LOCKFILE
# uv is itself pinned in the lock and bootstrapped with the venv's pip. uv reads no pip
# configuration, so the sources pip is configured with (index, extra indexes, find-links, from
# pip.conf or PIP_* variables) are passed on, with pip's "best match across indexes" rule. Bytecode
# is compiled at install time (UV_COMPILE_BYTECODE): kernels start about twice as fast with it.
# JUSTICEGAP_INSTALLER=pip installs with pip only (the bench compares the two).
set -euo pipefail
venv=$1 lock=$2
py=$venv/bin/python
quiet=(--quiet --no-warn-script-location --disable-pip-version-check)
uv_pin=$(grep -E '^uv==' "$lock" || true)
pip_install() { "$py" -m pip install "${quiet[@]}" "$@" 2>&1 | grep -v '^WARNING: Location' || true; }
if [ -n "$uv_pin" ]; then
  pip_install "$uv_pin"
fi
if [ -x "$venv/bin/uv" ] && [ "${JUSTICEGAP_INSTALLER:-uv}" = uv ]; then
  args=()
  conf() { "$py" -m pip config get "$1" 2>/dev/null || true; }
  index=${PIP_INDEX_URL:-$(conf global.index-url)}
  [ -n "$index" ] && args+=(--index-url "$index")
  for url in ${PIP_EXTRA_INDEX_URL:-$(conf global.extra-index-url)}; do args+=(--extra-index-url "$url"); done
  for dir in ${PIP_FIND_LINKS:-$(conf global.find-links)}; do args+=(--find-links "$dir"); done
  if UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy "$venv/bin/uv" pip install --quiet --python "$py" \
       --index-strategy unsafe-best-match "${args[@]}" -r "$lock"; then
    exit 0
  fi
  echo "warning: uv could not install $lock; installing it with pip instead" >&2
fi
pip_install -r "$lock"
