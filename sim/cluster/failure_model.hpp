#pragma once
// Failures (DESIGN section 8): nodes (and switches, which take down every node below them) fail
// at random with a given MTBF (exponential or Weibull, seeded) or as a failure trace says, and
// come back after their repair time. Jobs on a failed node are evicted: requeued, losing the work
// done since their last checkpoint, and paying a restart cost.
//
// Reference rate: Llama 3 (Meta, "The Llama 3 Herd of Models", 2024, section 3.3.4): 419
// unexpected interruptions in 54 days on 16,384 H100 GPUs, ~78% hardware: about one per
// 50,000 GPU-hours, i.e. an 8-GPU node MTBF of ~6,300 hours.
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "core/time.hpp"
#include "topology/topology.hpp"

namespace podsim {

enum class FailureDistribution { kExponential, kWeibull };

struct FailureOptions {
  double node_mtbf_hours = 0;  // mean time between failures of one node; 0: no random failures
  FailureDistribution distribution = FailureDistribution::kExponential;
  double weibull_shape = 0.8;  // k; < 1: failures cluster early (mean stays the MTBF)
  double mttr_hours = 4;       // repair time of a random failure
  Time checkpoint_interval = from_seconds(3600);  // of every job; 0: jobs never checkpoint
  Time restart_cost = from_seconds(300);          // reload and warm-up after an eviction
  // Evictions a job survives; the next one gives it up (killed, reason "max_restarts"). Without
  // it a job that runs longer than its nodes stay up between checkpoints never ends, and
  // neither does the run (Slurm's MaxBatchRequeue caps requeues the same way).
  int max_restarts = 100;
  // Time a job stops to write each checkpoint. Fluid model: a running job progresses at
  // interval / (interval + cost) of its rate, and its checkpoints are interval + cost of
  // wall time apart; the Young/Daly trade-off (Young 1974, Daly 2006) between this cost and
  // the work lost to failures shows in goodput.
  Time checkpoint_cost = 0;
  std::string trace_file;  // explicit failures, CSV: time_s,component,duration_s
  std::uint64_t seed = 1;

  bool any() const { return node_mtbf_hours > 0 || !trace_file.empty(); }
  // The share of a running job's time spent progressing (1 without checkpoint costs).
  double checkpoint_efficiency() const {
    if (!any() || checkpoint_interval <= 0 || checkpoint_cost <= 0) return 1.0;
    return static_cast<double>(checkpoint_interval) /
           static_cast<double>(checkpoint_interval + checkpoint_cost);
  }
};

// One failure from a trace: at `time` the nodes go down for `duration`.
struct ScheduledFailure {
  Time time = 0;
  Time duration = 0;
  std::string component;   // node or switch name, as in the trace
  std::vector<int> nodes;  // the nodes it takes down
};

// Reads a failure trace (header `time_s,component,duration_s`; a component is a node name, a
// switch name such as `su1-sw3`, or a domain name such as `su2`). Throws InputError with the
// line and column on bad input, or a name the topology does not have.
std::vector<ScheduledFailure> read_failure_trace(const std::string& path, const Topology& topology);

// Draws the time to a node's next failure and its repair time. Deterministic per seed.
class FailureSampler {
 public:
  explicit FailureSampler(const FailureOptions& options);
  Time time_to_failure();
  Time repair_time() const;

 private:
  FailureOptions options_;
  Rng rng_;
};

}  // namespace podsim
