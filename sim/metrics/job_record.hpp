#pragma once
// JobRecord: one line of jobs.csv — what happened to one trace record, run or rejected.
#include <cstdint>
#include <string>
#include <vector>

#include "cluster/cluster.hpp"

namespace podsim {

struct JobRecord {
  std::int64_t trace_id = 0;
  std::string user;
  Time submit = 0;
  Time start = -1;  // first start; -1 when the job never started
  Time end = -1;
  Time service = 0;   // time spent running, all runs together (end - start without preemption)
  Time overhead = 0;  // restore and restart costs it paid, reference microseconds
  Time lost = 0;      // work lost to failures and redone
  Time work_done = 0; // reference microseconds of work: runtime + overhead + lost
  int gpus = 0;
  int nodes = 0;     // distinct nodes it ran on
  int spread = -1;   // innermost level whose one domain holds all its nodes: -1 one node,
                     // 0 one first-level group (leaf group / SU), 1 spans groups, ...
  double stretch = 1.0;  // time running / work done: how much its placements slowed it
  int preemptions = 0;
  int restarts = 0;
  std::string state;   // completed, killed, rejected
  std::string reason;  // why killed or rejected
  bool counted = false;  // ran and was submitted inside the measurement window

  bool ran() const { return start >= 0; }
  // Time not running between submit and end (queued, or preempted and queued again).
  Time wait() const { return end - submit - service; }
  Time run() const { return service; }
};

// Bounded slowdown (Feitelson et al.): max(1, (wait + run) / max(run, bound)). Dimensionless.
double bounded_slowdown(Time wait, Time run, Time bound);

inline constexpr Time kSlowdownBound = from_seconds(10);

// Records of every job of the workload after a run: the simulated jobs in id order, then the
// records rejected while reading the trace, so every input record appears exactly once.
std::vector<JobRecord> collect_job_records(const Cluster& cluster);

}  // namespace podsim
