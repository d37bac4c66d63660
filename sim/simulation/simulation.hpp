#pragma once
// simulate(): one run of one workload on one machine under one policy and placement.
//
// The driver owns the engine and the cluster for the run; the policy and placement are the
// caller's (fresh per run). Jobs arrive in submit order (one pending arrival event at a time, so
// the heap stays small), end at start + runtime, and after everything that happened at an instant
// the policy gets one scheduling pass. A job that can never run here (larger than the machine,
// or needing a GPU type it lacks) is rejected at arrival with the reason.
//
// Deterministic: the same inputs give the same records, byte for byte.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "cluster/failure_model.hpp"
#include "metrics/job_record.hpp"
#include "metrics/measurement_window.hpp"
#include "metrics/summary.hpp"
#include "metrics/time_series.hpp"
#include "perf/performance_model.hpp"
#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"

namespace podsim {

struct SimulationOptions {
  // The placement-driven performance model (DESIGN section 7), on by default; nullopt: every
  // job runs at its trace speed wherever it lands.
  std::optional<PerfOptions> perf = PerfOptions{};
  // Node and switch failures (none by default).
  FailureOptions failures;
  // Which jobs the summary counts (metrics/measurement_window.hpp); by default the whole run.
  WindowSpec window;
  // PUE and prices for the energy and cost figures (metrics/power_cost.hpp).
  SitePrices site;
  // Recount every node's GPUs after every scheduling pass (O(nodes + running) each), on top of
  // the per-decision checks that always run. For tests and debugging.
  bool check_every_pass = false;
  // Called now and then with (jobs finished, jobs in total), for progress displays.
  std::function<void(std::size_t, std::size_t)> progress;
  // Called once with the run's cluster before the first event, so observers (collectors,
  // tests) can connect to its signals. They must only observe.
  std::function<void(Cluster&)> attach;
};

struct SimulationResult {
  std::vector<JobRecord> records;
  Summary summary;
  TimeSeriesCollector series{0};
  std::uint64_t events = 0;
  std::uint64_t passes = 0;
  std::uint64_t failures = 0;  // node failures that happened (a switch's count once)
};

// Throws std::logic_error if an invariant breaks (an internal bug).
SimulationResult simulate(const Topology& topology, const Workload& workload, Policy& policy,
                          PlacementStrategy& placement, const SimulationOptions& options = {});

}  // namespace podsim
