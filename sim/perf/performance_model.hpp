#pragma once
// PerformanceModel: how fast a job progresses on its placement (DESIGN section 7).
//
// The trace runtime is the job's runtime at its best (consolidated) placement on the reference
// GPU (speed 1). On an actual placement a step takes
//     (1 - f) / speed  +  f * B_ref / B_eff
// of the reference step, so the job's progress rate is the inverse. f is the communication share
// of a step (the job's own, else its model's from configs/models.yaml, else a default); speed is
// the slowest allocated GPU's; B_ref the per-GPU collective bandwidth of the best placement for
// that GPU count; B_eff the bottleneck per-GPU bandwidth of the actual placement:
//   - one node: the node's NVLink bandwidth per GPU;
//   - nodes inside one NVLink domain (a level with nvlink_gbps, e.g. a GB200 NVL72 rack): the
//     domain's NVLink bandwidth per GPU;
//   - otherwise each GPU's share of its node's NICs (node-to-leaf edges of the graph), and for
//     every switch level whose domains the job spans, each spanned domain's uplink capacity
//     (the sum of its switches' uplink edges in the graph) per GPU sending through it:
//       contention off: capacity / all GPUs below the domain (the fair share of a full domain:
//                       the NIC share divided by the oversubscription);
//       contention on:  capacity / GPUs of all running jobs whose traffic crosses it, at most
//                       the NIC share (a job alone on a 2:1 fabric is not slowed; two jobs
//                       that together exceed the uplinks share them).
// Ring all-reduce moves 2(n-1)/n of the data per GPU whatever n, so per-GPU bandwidth is the
// quantity that matters (NCCL "bus bandwidth", nccl-tests doc PERFORMANCE.md).
//
// With contention on, the model keeps which running jobs cross which uplinks; add_job and
// remove_job report the other jobs whose rate may have changed. Costs: rate() is
// O(allocated nodes x levels); add/remove O(spanned domains + jobs sharing them).
#include <cstdint>
#include <vector>

#include "perf/comm_fractions.hpp"
#include "topology/allocation.hpp"
#include "topology/topology.hpp"
#include "workload/job_spec.hpp"

namespace podsim {

struct PerfOptions {
  double default_comm_fraction = 0.1;  // for jobs with no fraction and no known model (unless
                                       // the models table sets its own default)
  bool contention = true;              // share uplinks among the jobs crossing them
  CommFractions models = CommFractions::builtin();  // model name -> fraction
};

class PerformanceModel {
 public:
  PerformanceModel(const Topology& topology, const Workload& workload, PerfOptions options);

  // The communication fraction used for `job`.
  double comm_fraction(const JobSpec& job) const;
  // B_ref and B_eff (Gb/s per GPU) of `allocation` under the current load.
  double reference_gbps(const JobSpec& job, const Allocation& allocation) const;
  double effective_gbps(const Allocation& allocation) const;
  // Time of a step relative to the reference placement on the reference GPU (>= 1 on speed-1
  // GPUs), and its inverse, the progress rate.
  double stretch(const JobSpec& job, const Allocation& allocation) const;
  double rate(const JobSpec& job, const Allocation& allocation) const {
    return 1.0 / stretch(job, allocation);
  }

  // Contention bookkeeping for running jobs; `affected` receives (appended, each once, in
  // increasing id order) the other running jobs whose B_eff may have changed.
  void add_job(JobId id, const Allocation& allocation, std::vector<JobId>& affected);
  void remove_job(JobId id, std::vector<JobId>& affected);

  // True when no placement can change any job's speed (one node, one GPU type): the driver
  // then skips the model entirely.
  bool trivial() const { return trivial_; }

 private:
  struct Crossing {
    int level;
    int domain;
    int gpus;  // of this job below the domain
  };
  // The switch-level domains whose uplinks the allocation's traffic crosses.
  void crossings(const Allocation& allocation, std::vector<Crossing>& out) const;
  void collect_sharers(JobId id, std::vector<JobId>& affected);

  const Topology& topology_;
  const Workload& workload_;
  PerfOptions options_;
  bool trivial_ = false;
  int nvlink_level_ = -1;                      // level with nvlink_gbps > 0, if any
  std::vector<double> nic_gbps_per_gpu_;       // by node, from its edges to leaf switches
  std::vector<std::vector<double>> uplink_gbps_;     // [level][domain]: sum of uplink edges
  std::vector<std::vector<int>> gpus_below_;         // [level][domain]
  std::vector<std::vector<int>> crossing_gpus_;      // [level][domain]: running jobs' GPUs
  std::vector<std::vector<std::vector<JobId>>> crossing_jobs_;  // [level][domain]
  std::vector<std::vector<Crossing>> job_crossings_;            // by job, while running
  std::vector<double> model_fraction_;               // by workload model index (-1: unknown)
  mutable std::vector<Crossing> scratch_;
  std::vector<std::uint32_t> seen_stamp_;
  std::uint32_t stamp_ = 0;
};

}  // namespace podsim
