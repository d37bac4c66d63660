#pragma once
// Summary: the metrics of one run (DESIGN section 9), computed from the job records.
// Percentiles use the nearest-rank method (no interpolation), so they are values some job had.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "metrics/job_record.hpp"
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

struct Summary {
  std::size_t records = 0;  // every input record
  std::size_t completed = 0;
  std::size_t killed = 0;  // reached their walltime, or evicted once too often
  std::size_t rejected = 0;
  std::map<std::string, std::size_t> rejected_by_reason;
  // Over the jobs that ran (completed or killed):
  Distribution wait_s;
  Distribution jct_s;              // job completion time: end - submit
  Distribution bounded_slowdown;   // bound 10 s
  double utilisation = 0;          // GPU-time busy / GPU-time available, first submit..last end
  double makespan_s = 0;           // first submit .. last end
  double jain_fairness = 1;        // Jain's index over users' mean bounded slowdown
  double idle_gpus_while_waiting = 0;  // mean free GPUs while some job waited (fragmentation)
  int total_gpus = 0;
  // Placement (DESIGN section 7):
  double stretch_mean = 1;           // over jobs that ran: time running / work done
  double multi_node_share = 0;       // of jobs that ran, those placed on more than one node
  double cross_group_share = 0;      // of multi-node jobs, those spanning first-level groups
                                     // (leaf groups / SUs): spread >= 1
  double stretch_mean_multi_node = 1;
  // Failures and preemption:
  std::size_t preemptions = 0;
  std::size_t restarts = 0;
  double gpu_hours_lost = 0;      // work redone after failures, x GPUs
  double gpu_hours_overhead = 0;  // restore and restart costs paid, x GPUs
  double goodput = 1;             // GPU-time of trace work / GPU-time spent running
};

Summary summarize(const std::vector<JobRecord>& records, const TimeSeriesCollector& series);

}  // namespace podsim
