#!/usr/bin/env bash
# Quick start 1: install what is missing, build (Release), run the default job
# (`podsim run`: a seeded synthetic GPU workload on the DGX H100 SuperPOD, fcfs vs easy).
# Arguments are passed to `podsim run`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
exec build/podsim run "$@"
