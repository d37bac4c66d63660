#pragma once
// run_sweep(): every point of a scenario's sweep grid (scenario.hpp, expand_sweep) x every seed
// x every policy x placement, spread over MPI ranks (point i runs on rank i % size) and, within
// a rank, over a thread pool (one task per point x seed). Rank 0 gathers every result and
// builds one table: per point, policy and placement, each metric's mean and 95% confidence
// interval over the seeds. Results are stored by point and seed index, so the table is
// byte-identical for any thread count and any number of ranks. A scenario without `sweep:` is
// a grid of one point (what `podsim compare` runs).
#include <cstddef>
#include <functional>

#include "scenario/mpi_world.hpp"
#include "scenario/plugins.hpp"
#include "scenario/result_table.hpp"
#include "scenario/scenario.hpp"

namespace podsim {

struct SweepSettings {
  int threads = 1;                  // per rank
  const MpiWorld* world = nullptr;  // null: this process alone
  // Called after each point x seed task of this rank, from worker threads, one call at a time.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct SweepResult {
  bool root = true;   // false on ranks other than 0: `table` is empty there
  ResultTable table;  // shown metrics: the scenario's `metrics:`, else the sweep defaults
  std::size_t points = 0;
  std::size_t simulations = 0;  // points x seeds x policies x placements, over all ranks
};

// Throws InputError for bad input anywhere in the grid (the error of the lowest failing point,
// the same on any -j or rank count); on rank 0 only when running under MPI.
SweepResult run_sweep(const Scenario& scenario, const Plugins& plugins,
                      const SweepSettings& settings);

}  // namespace podsim
