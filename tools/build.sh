#!/usr/bin/env bash
# Configures and builds podsim (Release) into build/. Extra arguments go to cmake's configure.
# With CI=true warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPODSIM_WERROR="$werror" "$@" >/dev/null
cmake --build build --parallel "$(nproc)"
