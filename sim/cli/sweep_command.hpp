#pragma once
// `podsim sweep SCENARIO [-j N]`: the scenario's `sweep:` grid x seeds on a thread pool, and on
// MPI ranks when started by mpirun in an MPI build (scenario/sweep.hpp); one table of mean and
// 95% confidence interval per grid point, policy and placement, the same bytes for any -j and
// any rank count. Only rank 0 prints and writes.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace podsim {

struct SweepOptions {
  std::string scenario;
  int threads = 0;  // 0: the machine's cores divided by the MPI ranks
  std::string csv;
  std::string json;
  std::vector<std::string> metrics;
  std::vector<std::string> sets;  // --set KEY=VALUE on the scenario's keys
  bool show_progress = true;
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options);

int sweep_command(const SweepOptions& options, std::ostream& out);

}  // namespace podsim
