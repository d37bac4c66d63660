#pragma once
// Cluster: allocation state (free GPUs per node) and the state of every job.
//
// Policies decide, the cluster applies: every transition is checked here, and a decision that
// would over-allocate a GPU, start a job that is not queued, or finish one that is not running
// throws std::logic_error (an internal bug, exit code 1), in every build type. Observers (metrics)
// learn of transitions through the signals; they cannot change anything.
//
// Storage is sized once for all jobs of the workload; transitions are O(log running) (the
// running set is ordered by expected end, which backfilling policies walk).
#include <algorithm>
#include <limits>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "cluster/job_state.hpp"
#include "cluster/pending_queue.hpp"
#include "core/signal.hpp"
#include "topology/allocation.hpp"
#include "topology/topology.hpp"
#include "workload/job_spec.hpp"

namespace podsim {

// Running jobs ordered by (expected end, id).
using RunningSet = std::set<std::pair<Time, JobId>>;

class Cluster {
 public:
  Cluster(const Topology& topology, const Workload& workload);

  const Topology& topology() const { return topology_; }
  const Workload& workload() const { return workload_; }
  const JobSpec& job(JobId id) const { return workload_.jobs[id]; }
  const JobStatus& status(JobId id) const { return status_[id]; }

  int total_gpus() const { return topology_.total_gpus(); }
  int free_gpus() const { return free_gpus_; }
  int busy_gpus() const { return total_gpus() - free_gpus_ - down_gpus_; }
  int down_gpus() const { return down_gpus_; }  // on failed nodes
  int free_gpus_on(int node) const { return free_per_node_[node]; }
  // GPUs held by running jobs on nodes of each node type (Topology::node_types()), for the
  // power model. O(1).
  const std::vector<int>& busy_by_node_type() const { return busy_by_node_type_; }
  const std::vector<int>& free_per_node() const { return free_per_node_; }
  // The most free GPUs any single node has. O(1).
  int largest_free_on_a_node() const { return largest_free_; }
  // True when `node` has the GPU type the job requires (any type when it requires none). O(1).
  bool suits(const JobSpec& job, int node) const {
    if (job.gpu_type == kNoGpuType) return true;
    const std::uint32_t wanted = workload_to_topology_gpu_type_[job.gpu_type];
    return wanted != kAbsentGpuType && topology_.nodes()[node].gpu_type == wanted;
  }
  // The most GPUs one node that suits the job has (free or not); 0 when none does. O(1).
  int largest_node_for(const JobSpec& job) const {
    return job.gpu_type == kNoGpuType ? topology_.max_node_gpus()
                                      : largest_node_by_type_[job.gpu_type];
  }
  // Every job of at most this many GPUs fits one node that suits it: the least largest_node_for
  // over untyped jobs and the workload's GPU types that some node has. O(1).
  int fits_one_node_up_to() const { return fits_one_node_up_to_; }

  const PendingQueue& queue() const { return queue_; }
  const RunningSet& running() const { return running_; }

  // Transitions. `now` is the engine's clock.
  void submit(JobId id, Time now);
  void reject(JobId id, Time now, std::string reason);
  void start(JobId id, Allocation allocation, Time now);
  void finish(JobId id, Time now);
  // Running -> queued (back of the queue), keeping the work done; `resume_cost` (checkpoint
  // and restore) is added to the work left.
  void preempt(JobId id, Time now, Time resume_cost);
  // Counts the GPUs of running jobs `ids` as free, changing nothing else, until reclaim_gpus
  // with the same jobs: so that a placement can be asked whether a job would fit were they
  // preempted, before any is.
  void lend_gpus(std::span<const JobId> ids);
  void reclaim_gpus(std::span<const JobId> ids);
  // Running -> queued after a failure: work since the last checkpoint is lost. The job
  // checkpoints every `checkpoint_interval` of service (0: never, so all its work is lost);
  // `restart_cost` is added to the work left. Returns the work lost (reference microseconds).
  Time evict(JobId id, Time now, Time checkpoint_interval, Time restart_cost);
  // Running -> killed with `reason`, its work never to be finished: all of it counts as lost.
  void give_up(JobId id, Time now, std::string reason);
  // Node failures. A failed node's GPUs leave service until it is repaired; failures nest (a
  // node under a failed switch that fails itself is up again after both repairs). Evict the
  // jobs on a node (jobs_on_node) before failing it.
  void fail_node(int node, Time now);
  void repair_node(int node, Time now);
  bool node_up(int node) const { return failures_on_node_[node] == 0; }
  std::vector<JobId> jobs_on_node(int node) const;  // running jobs holding GPUs there; O(running)

  // Changes a running job's progress rate (> 0) from `now` on, and its expected end with it
  // (job_expected_end_moved when that moves).
  void set_rate(JobId id, double rate, Time now);

  // What is left of a queued job by its estimate: the requested time minus the time it has
  // already run (if it was preempted or evicted), plus the restore costs it must still pay. O(1).
  Time estimated_work_left(JobId id) const {
    const JobStatus& status = status_[id];
    return std::max<Time>(0, job(id).estimate - status.service) + status.overhead;
  }
  // When a queued job started now at `rate` would end by its estimate (its expected end). O(1).
  Time end_if_started(JobId id, Time now, double rate) const;

  // Progress queries at `now` (for running jobs they include the current run).
  Time remaining_work(JobId id, Time now) const;
  Time attained_service(JobId id, Time now) const;
  // When a running job will finish at its current rate. O(1).
  Time projected_end(JobId id) const;

  // Recounts every node and the running set from scratch and throws std::logic_error on any
  // disagreement (a GPU over-allocated or leaked). O(nodes + running); run after each pass.
  void check_invariants() const;

  // Jobs that reached a final state (completed, killed, rejected).
  std::size_t finished_count() const { return finished_; }

  Signal<JobId, Time> job_submitted;
  Signal<JobId, Time> job_started;
  Signal<JobId, Time> job_finished;
  Signal<JobId, Time> job_rejected;
  Signal<JobId, Time> job_preempted;  // also on evictions
  // A running job's rate changed its expected end (JobStatus::expected_end, already moved).
  Signal<JobId, Time> job_expected_end_moved;

 private:
  void set_node_free(int node, int free);
  void bank_progress(JobStatus& status, Time now) const;
  void release(JobId id);
  // Running -> `state` (completed or killed) with `reason`: frees its GPUs, ends it, tells the
  // listeners (job_finished).
  void conclude(JobId id, Time now, JobState state, std::string reason);
  // Adds (sign +1) or takes back (-1) running job `id`'s GPUs to the free counts.
  void return_gpus(JobId id, int sign);

  const Topology& topology_;
  const Workload& workload_;
  std::vector<JobStatus> status_;
  std::vector<int> free_per_node_;
  std::vector<int> nodes_with_free_;  // [k] = number of nodes with exactly k free GPUs
  int largest_free_ = 0;              // the largest k with nodes_with_free_[k] > 0 (0: none)
  // By workload GPU type index: the topology's index of that type, kAbsentGpuType if it has none.
  static constexpr std::uint32_t kAbsentGpuType = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> workload_to_topology_gpu_type_;
  std::vector<int> largest_node_by_type_;  // by workload GPU type: most GPUs on a suiting node
  int fits_one_node_up_to_ = 0;
  int free_gpus_ = 0;
  int down_gpus_ = 0;
  std::vector<int> busy_by_node_type_;
  std::vector<int> failures_on_node_;  // > 0: down
  PendingQueue queue_;
  RunningSet running_;
  std::size_t finished_ = 0;
};

}  // namespace podsim
