#pragma once
// `podsim plan SCENARIO [-j N]`: the smallest machine that meets the scenario's plan: targets
// for every load x policy x placement, stable and checked twice as long (scenario/plan.hpp).
// Threads and MPI ranks as `podsim sweep`; only rank 0 prints and writes.
#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/sweep_command.hpp"

namespace podsim {

// The same options as sweep's: scenario, -j, --csv, --json, --metrics (extra columns).
CLI::App* add_plan_command(CLI::App& app, SweepOptions& options);

int plan_command(const SweepOptions& options, std::ostream& out);

}  // namespace podsim
