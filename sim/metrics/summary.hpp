#pragma once
// Summary: the metrics of one run (DESIGN section 9), computed from the job records.
// Percentiles use the nearest-rank method (no interpolation), so they are values some job had.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "metrics/job_record.hpp"
#include "metrics/measurement_window.hpp"
#include "metrics/power_cost.hpp"
#include "metrics/time_series.hpp"

namespace podsim {

struct Distribution {
  double mean = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
};

// Nearest-rank summary of `values` (sorted in place). All zero when empty.
Distribution describe(std::vector<double>& values);

// The steady-state warnings of a run (steady_state_checks.hpp), as flags: tables and sweeps
// carry them as 0/1 metrics.
struct SteadyStateFlags {
  bool overload = false;       // offered load >= 1
  bool growing_queue = false;  // the queue grows through the window
  bool short_run = false;      // window < 10 x p99 run time
  bool any() const { return overload || growing_queue || short_run; }
};

struct Summary {
  std::size_t records = 0;  // every input record
  std::size_t completed = 0;
  std::size_t killed = 0;  // reached their walltime, or evicted once too often
  std::size_t rejected = 0;
  std::map<std::string, std::size_t> rejected_by_reason;
  // Steady state (measurement_window.hpp): the counts above are over every record; everything
  // below is over the counted jobs (those that ran and were submitted inside the window), and
  // utilisation and the idle GPUs over the window's time (first submit to last end for the
  // whole run).
  MeasurementWindow window;
  std::size_t counted = 0;
  double offered_load = 0;            // offered_load.hpp, over the window
  SteadyStateFlags steady;            // which warnings apply (steady_state_checks.hpp)
  std::vector<std::string> warnings;  // their sentences
  // Over the counted jobs:
  Distribution wait_s;
  Distribution jct_s;                  // job completion time: end - submit
  Distribution bounded_slowdown;       // bound 10 s
  double utilisation = 0;              // busy / available GPU-time over the window's time
  double makespan_s = 0;               // first submit .. last end
  double jain_fairness = 1;            // Jain's index over users' mean bounded slowdown
  double idle_gpus_while_waiting = 0;  // mean free GPUs while some job waited (fragmentation)
  int total_gpus = 0;
  // Placement (DESIGN section 7):
  double stretch_mean = 1;       // over jobs that ran: time running / work done
  double multi_node_share = 0;   // of jobs that ran, those placed on more than one node
  double cross_group_share = 0;  // of multi-node jobs, those spanning first-level groups
                                 // (leaf groups / SUs): spread >= 1
  double stretch_mean_multi_node = 1;
  // Failures and preemption:
  std::size_t preemptions = 0;
  std::size_t restarts = 0;
  double gpu_hours_lost = 0;      // work redone after failures, x GPUs
  double gpu_hours_overhead = 0;  // restore and restart costs paid, x GPUs
  double goodput = 1;             // GPU-time of trace work / GPU-time spent running
  // Energy and cost over the window (power_cost.hpp); the caller's, as they need the machine.
  PowerCost power;
};

// The summary of `records` and `series`, counting the jobs that ran and `window` counts (as
// their counted flags say, when set). Offered load and warnings are the caller's (they need the
// workload). O(records log records + points).
Summary summarize(const std::vector<JobRecord>& records, const TimeSeriesCollector& series,
                  const MeasurementWindow& window = {});

}  // namespace podsim
