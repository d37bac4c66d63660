#pragma once
// las: Tiresias' discretised two-dimensional least-attained-service scheduler (Gu et al.,
// "Tiresias: A GPU Cluster Manager for Distributed Deep Learning", NSDI 2019, section 3.2;
// details as in the authors' simulator, github.com/SymbioticLab/Tiresias, simulator/run_sim.py,
// dlas_sim_jobs with gputime=True).
//
// A job's attained service is two-dimensional: GPUs x time it has run (since it arrived or was
// last promoted). K = thresholds + 1 priority queues: a job enters queue 0 and is demoted to
// queue k+1 when its attained service reaches thresholds_gpu_s[k] (GPU-seconds, increasing).
// A demoted or promoted job joins the back of its new queue; queued jobs keep their place when
// preempted, so each queue is FIFO by the time jobs entered it. Higher queues go first.
//
// Each pass, queued jobs are taken in that order (jobs that do not fit are skipped: the
// scheduler is work-conserving, as in the reference). A job that does not fit may preempt
// running jobs of strictly lower priority (a higher queue index; never of its own queue, which
// keeps discretisation's point of avoiding thrashing) — the lowest-priority first and, within a
// queue, the one with the most attained service — when the placement could then start it, and
// only those of them it needs (choose_victims). A
// preempted job re-enters the queue with its remaining work plus `restore_s` (checkpoint and
// restore; cluster-applied) and is not restarted in the pass that preempted it.
//
// Minimum run (a podsim addition, inactive when restore_s = 0 as in the reference): a job that
// resumed less than 2 x restore_s ago is not preempted. Without it a job whose queue threshold
// is reached sooner than its restore cost is paid could be demoted, preempted and promoted
// forever, its remaining work growing with every restore (a livelock). With it every run does
// at least restore_s of useful work. A pass is requested for when a needed victim becomes
// preemptible.
//
// Starvation guard (PROMOTEKNOB): a queued job below queue 0 that has run since its last
// promotion goes back to the back of queue 0, with its attained service reset, once the time it
// has waited since then reaches promote_knob x the time it has run since then (0 disables it,
// as the reference's plain dlas-gpu does).
//
// Demotions and promotions happen at exact instants: the policy asks the driver for a pass at
// the earliest one (request_pass_at). Cost per pass: O(log n) per demotion/promotion and per
// queued job examined (all queued jobs while some GPU is free or some lower-priority job runs),
// plus O(running log running) once in a pass that needs victims, and a few placement queries per
// preemption (choose_victims).
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "policies/job_index.hpp"
#include "policies/policy.hpp"

namespace podsim {

class TiresiasLas : public Policy {
 public:
  struct Options {
    std::vector<Time> thresholds;  // attained GPU-microseconds; strictly increasing; K - 1
    Time restore = from_seconds(10);
    double promote_knob = 0;  // 0: no promotion
  };

  explicit TiresiasLas(Options options) : options_(std::move(options)) {}

  static std::vector<ParamSpec> params();
  static std::unique_ptr<Policy> make(const ParamValues& values);

  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

  // The queue a job is in (0 = highest priority). For tests and reports.
  int level(JobId id) const { return jobs_[id].level; }

 private:
  using QueueKey = std::pair<int, std::uint64_t>;  // (level, stamp of entering that level)

  struct Tracked {
    int level = 0;
    std::uint64_t stamp = 0;
    Time base = 0;    // attained time at the last promotion (executed = attained - base)
    Time waited = 0;  // time queued after first running, since the last promotion
    Time queued_since = 0;
    Time started_at = 0;  // last start or resume
    std::uint64_t preempted_in_pass = 0;
  };

  struct Victim {
    int level;
    std::int64_t attained;  // GPU-microseconds since the last promotion
    JobId id;
  };

  Time executed(JobId id, Time now) const;
  void on_submitted(JobId id, Time now);
  void on_started(JobId id, Time now);
  void on_stopped(JobId id, Time now);
  void plan_demotion(JobId id, Time now);
  void plan_promotion(JobId id);
  void apply_due_changes(Time now);
  bool lower_priority_running(int level) const;
  void collect_victims(Time now);
  // victim_ids_ and victim_gpus_before_ from victims_.
  void index_victims();
  bool make_room(SchedulingContext& context, JobId id);

  Options options_;
  const Cluster* cluster_ = nullptr;
  std::vector<Tracked> jobs_;
  JobIndex<QueueKey> queued_;
  JobIndex<Time> demotions_;   // running jobs, by when they reach a threshold
  JobIndex<Time> promotions_;  // queued jobs, by when the guard promotes them
  std::vector<int> running_per_level_;
  std::uint64_t next_stamp_ = 0;
  std::uint64_t pass_ = 0;
  // Victims of the current pass: lowest priority first; those preempted leave it.
  std::vector<Victim> victims_;
  std::vector<JobId> victim_ids_;                 // their ids, in that order
  std::vector<std::int64_t> victim_gpus_before_;  // prefix sums of GPUs over victims_
  std::vector<JobId> chosen_;                     // scratch: make_room's victims
  bool victims_ready_ = false;
  Time next_preemptible_ = kTimeInfinity;  // earliest a running job too fresh to preempt can be
};

}  // namespace podsim
