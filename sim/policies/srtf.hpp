#pragma once
// srtf: oracle shortest-remaining-time-first with preemption — a lower bound on mean JCT for
// research comparisons, not a schedulable policy: it reads the true remaining work
// (Cluster::remaining_work), which no real scheduler knows. (SRPT minimises mean response time
// on one server: Schrage 1968; Tiresias, NSDI 2019, uses SRTF likewise as its "perfect
// knowledge" baseline.)
//
// Each pass takes queued jobs by remaining work (reference microseconds; ties by arrival) and
// starts those that fit, skipping those that do not (work-conserving). A job that does not fit
// preempts running jobs whose remaining work is strictly larger than its own, the largest
// first, when that lets the placement start it, and only those of them it needs
// (choose_victims); a preempted job pays `resume_cost_s` when it runs again
// (0 by default: the ideal oracle) and is not restarted in the pass that preempted it. Equal
// remaining work never preempts, so equal jobs do not thrash.
//
// Running jobs are indexed by their projected end at start, which orders them by remaining
// work while their progress rates do not change (the comparison itself always uses the exact
// remaining work). Cost per pass: O(log n) per queued job examined (all of them while a GPU is
// free or a longer job runs) plus, to find victims, O(candidates) and O(log candidates +
// victims) placement queries.
#include <cstdint>
#include <memory>
#include <vector>

#include "policies/job_index.hpp"
#include "policies/policy.hpp"

namespace podsim {

class Srtf : public Policy {
 public:
  explicit Srtf(Time resume_cost) : resume_cost_(resume_cost) {}

  static std::vector<ParamSpec> params();
  static std::unique_ptr<Policy> make(const ParamValues& values);

  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

 private:
  Time largest_running_remaining(Time now) const;
  bool make_room(SchedulingContext& context, JobId id, Time remaining);

  Time resume_cost_;
  const Cluster* cluster_ = nullptr;
  JobIndex<Time> queued_;   // by remaining work
  JobIndex<Time> running_;  // by projected end when started
  std::vector<std::uint64_t> preempted_in_pass_;
  std::vector<JobId> candidates_;  // scratch: make_room's
  std::vector<JobId> victims_;
  std::uint64_t pass_ = 0;
};

}  // namespace podsim
