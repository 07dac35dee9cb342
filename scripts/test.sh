#!/usr/bin/env bash
# The README's one test command: installs what the tests need when it is missing (Debian's chromium
# for the browser specs, PostgreSQL for the cluster specs), then runs every test through `dotnet test`
# (the Node bridge tests and the browser tests run as specs inside it).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
command -v node >/dev/null 2>&1 || need+=(nodejs)
if [ ${#need[@]} -gt 0 ]; then
  echo "scripts/test.sh: installing ${need[*]} from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# The bridge's browser tests drive Debian's chromium with npm's playwright-core (pinned in bridge/package-lock.json).
if [ ! -d bridge/node_modules/playwright-core ]; then
  echo "scripts/test.sh: installing the bridge's test packages (npm ci in bridge/)" >&2
  npm ci --prefix bridge --no-audit --no-fund >&2
fi

dotnet test "$@"
