#!/usr/bin/env bash
# Quick start 2: install what is missing, build, run the whole test suite through CTest.
# Tests that need the real traces in ../shared/traces skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
