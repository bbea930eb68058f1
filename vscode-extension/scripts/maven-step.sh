#!/usr/bin/env bash
# One step of the extension's build, run by Maven (see pom.xml): compile, unit-tests, adapter-tests, package, check.
# Without node_modules (npm ci not run) or npm, it skips loudly with a *** line, like the repository's other tests
# that need a missing tool: a green build without them has not built or tested the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
step="${1:?usage: maven-step.sh compile|unit-tests|adapter-tests|package|check|e2e}"
if ! command -v npm >/dev/null 2>&1; then
    echo "*** vscode-extension: skipped $step: npm is not on PATH (Node 20+ needed; then run 'npm ci' in vscode-extension/)" >&2
    exit 0
fi
if [[ ! -d node_modules ]]; then
    echo "*** vscode-extension: skipped $step: node_modules is missing; run 'npm ci' in vscode-extension/ (.ci/run does it)" >&2
    exit 0
fi
case "$step" in
    compile) exec npm run --silent compile ;;
    unit-tests) exec npm run --silent test:unit ;;
    adapter-tests) exec npm run --silent test:adapter ;;
    package) exec npm run --silent package ;;
    check) exec npm run --silent check-vsix ;;
    e2e) exec node e2e/run-e2e.js trapdoor-wasm-debug.vsix ;;
    *) echo "maven-step.sh: unknown step '$step'" >&2; exit 2 ;;
esac
