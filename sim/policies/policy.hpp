#pragma once
// Policy: decides which queued jobs start now. It sees the queue and the cluster read-only and
// acts only through SchedulingContext::try_start, which asks the placement strategy for GPUs and
// has the cluster check and apply the start. A policy never touches allocation state itself.
//
// schedule() runs once per instant at which jobs arrived or ended (after all of them), so it sees
// one consistent state. A new policy is one .hpp/.cpp pair plus one line in registry.cpp; see
// sim/policies/README.md.
#include <functional>
#include <memory>
#include <span>

#include "cluster/cluster.hpp"
#include "common/params.hpp"
#include "common/registry.hpp"

namespace podsim {

class SchedulingContext {
 public:
  virtual ~SchedulingContext() = default;
  virtual Time now() const = 0;
  virtual const Cluster& cluster() const = 0;
  // Starts `job` if the placement strategy finds GPUs for it now; false (and no change) if not.
  // Starting removes the job from the queue: read queue().next(job) before calling this.
  virtual bool try_start(JobId job) = 0;
  // try_start, but only if the job would end by `end_by`: by its estimate at the rate of the
  // placement found (the performance model's, under the current load; what its expected end
  // will be, give or take the contention it adds itself).
  virtual bool try_start_ending_by(JobId job, Time end_by) = 0;
  // The placement's PlacementStrategy::kept_on_one_node_up_to: a job of at most this many GPUs
  // cannot start while no node has that many free (0: no such bound known).
  virtual int kept_on_one_node_up_to() const { return 0; }
  // Stops a running job and puts it back in the queue with the work it has done; it will pay
  // `resume_cost` (checkpoint + restore) when it runs again.
  virtual void preempt(JobId job, Time resume_cost) = 0;
  // Whether the placement strategy would find GPUs for queued `job` now were the running jobs
  // `victims` preempted. Changes nothing (a random placement draws from its generator all the
  // same): policies ask before they preempt (choose_victims).
  virtual bool would_start_without(JobId job, std::span<const JobId> victims) = 0;
  // Asks for another scheduling pass at `time` (> now) even if no job arrives or ends by then,
  // e.g. when a running job's priority will cross a threshold. Each pass replaces the request.
  virtual void request_pass_at(Time time) = 0;
};

class Policy {
 public:
  virtual ~Policy() = default;
  // Called once before the run; a policy that keeps its own index of jobs (ordered by size,
  // priority, ...) subscribes here to the cluster's signals (job_submitted, job_started,
  // job_preempted, job_finished) instead of rescanning the queue every pass.
  virtual void attach(const Cluster& /*cluster*/) {}
  virtual void schedule(SchedulingContext& context) = 0;
};

using PolicyFactory = std::function<std::unique_ptr<Policy>(const ParamValues&)>;
using PolicyRegistry = Registry<PolicyFactory>;

PolicyRegistry make_policy_registry();

}  // namespace podsim
