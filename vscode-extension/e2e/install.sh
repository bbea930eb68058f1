#!/usr/bin/env bash
# Installs the end-to-end test's npm packages (code-server, playwright-core) into node_modules here, offline from
# GitHub: only the npm registry is reached. Idempotent: a complete node_modules for this package-lock is kept (CI
# caches it), so a second run costs a second.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.trapdoor-e2e-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi

# code-server's VS Code downloads ripgrep from GitHub in a postinstall step unless the release tarball is already in
# its cache folder; Debian's ripgrep, packed under the name it looks for, stands in for it.
rg_bin=$(command -v rg || true)
if [ -z "$rg_bin" ]; then
  echo "e2e/install.sh: ripgrep is missing (apt-get install ripgrep)" >&2
  exit 1
fi
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_tar" ]; then
  mkdir -p "$rg_cache"
  tmp=$(mktemp -d)
  cp "$rg_bin" "$tmp/rg"
  tar -czf "$rg_tar" -C "$tmp" rg
  rm -rf "$tmp"
fi

# unsafe-perm: its postinstall runs npm again as root; yes: node-gyp's prompt; nodedir: Debian's node headers, so
# node-gyp does not download them; no browser download for playwright-core (Debian's chromium is used).
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
cp package-lock.json "$stamp"
