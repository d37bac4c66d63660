#pragma once
// conservative: conservative backfilling (Mu'alem & Feitelson, "Utilization, predictability,
// workloads, and user runtime estimates in scheduling the IBM SP2 with backfilling", IEEE TPDS
// 12(6), 2001, section 2.2).
//
// Every queued job, in queue (arrival) order, gets a reservation at the earliest time it fits in
// the availability profile: GPUs free over time by the running jobs' expected ends (start +
// estimate) minus the reservations of the jobs before it, for its whole estimated remaining
// time. A job starts now iff its reservation is now and the placement finds room (if it does
// not, the job is reserved from the profile's next change on, as EASY does for its head). A job
// may thus jump ahead only if it delays no earlier job's reservation — unlike EASY, which
// protects the head alone. (Recomputing from scratch, as here and as the definition above
// reads, an earlier job moving into freed space can push a later one back; the paper's
// compression instead moves jobs one at a time into holes, never later.)
//
// On a machine of several nodes the plan is kept per node too (NodeAvailability), because a
// job that fits one node of its GPU type runs on one node: it fits at t only if the machine
// has its GPUs free throughout [t, t + length) and one such node does, and its reservation
// holds GPUs on that node (the lowest-numbered one; Slurm's backfill plans on nodes the same
// way). Counting GPUs alone promised 8-GPU jobs the scattered free GPUs of a fragmented
// DGX machine: refused placements, reservations no placement could honour, and on the
// SuperPOD benchmark a mean wait 10x EASY's. Jobs larger than a node are reserved by count
// (the placements spread them over whatever nodes have room). The policy does not choose where
// a job runs: when the placement starts a job on another node than the plan's and overlaps a
// reservation there, the plan is recomputed at the next pass.
//
// Decisions are exactly those of recomputing every reservation from scratch at every pass — so
// a job ending before its estimate compresses the schedule (the paper's "compression") — at a
// fraction of the cost:
// - The plan is kept between passes. After arrivals alone the earlier reservations cannot
//   change, so only the newcomers are planned; anything else (a job ended or was preempted, a
//   node failed or came back, a reservation's time has come, a placement refused a job whose
//   reservation was now, a start overlapped a node's reservation) recomputes it from the head.
// - Planning stops as soon as no job further back could start now: none fits in the GPUs free
//   now, or (exact test) for every job size g no queued job of that size has an estimate
//   shorter than how long g GPUs stay free from now in the plan (on one node, for a size every
//   node holds). Reservations further back
//   cannot change what starts now; they are planned later, from where planning stopped, if a
//   newcomer could start before the next recomputation.
// Running jobs and reservations live in an AvailabilityProfile (O(log n) earliest fit and range
// update, n = breakpoints) and, on machines of several nodes, in a NodeAvailability. Cost per
// pass: O(1) when no GPU is free; else O(log n + N k) per job planned (or unplanned, in a
// recomputation), N nodes of k steps each, plus O(s (log n + N log k)) per test, s the distinct
// job sizes up to the GPUs free now.
//
// `depth` bounds how many queued jobs (from the head) hold a reservation; jobs beyond it are
// not considered until they are within it (Slurm's bf_max_job_test plays this role).
//
// Running jobs that outlive their estimate (possible only when a slowdown stretches them) count
// as ending now, as in reserve_for (EASY). GPUs of failed nodes count as unavailable until they
// are back (the policy does not know the repair time).
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "policies/availability_profile.hpp"
#include "policies/job_index.hpp"
#include "policies/node_availability.hpp"
#include "policies/policy.hpp"

namespace podsim {

class ConservativeBackfilling : public Policy {
 public:
  // depth: how many queued jobs (from the head) hold a reservation; 0 = all.
  explicit ConservativeBackfilling(std::size_t depth) : depth_(depth) {}

  static std::vector<ParamSpec> params();
  static std::unique_ptr<Policy> make(const ParamValues& values);

  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

 private:
  static constexpr int kNoNode = -1;

  struct Interval {
    Time from = 0;
    Time to = 0;  // from == to: none
    int gpus = 0;
    int node = kNoNode;  // a reservation's node, for jobs that fit one (kNoNode: spans nodes)
  };

  void enqueue(JobId id);
  void hold(JobId id, Time now);
  void unhold(JobId id, Time now);
  // Plans from `first` on, in queue order, until nothing further back could start now.
  void plan_from(SchedulingContext& context, JobId first);
  // Starts `id` now if its reservation is now, else reserves.
  void plan(SchedulingContext& context, JobId id);
  // False when no job not yet planned could start now (see the header comment).
  bool someone_could_start(const Cluster& cluster, Time now) const;
  // True when some node in service has `gpus` free now and in the plan until `until`.
  bool some_node_holds(int gpus, Time now, Time until) const;
  // The earliest t >= from at which `job` has its GPUs free throughout [t, t + length): by
  // count, and, for a job that fits one node, on one node (the lowest-numbered that can,
  // returned in `node`; kNoNode otherwise).
  Time earliest_start(const JobSpec& job, Time from, Time length, int& node) const;
  bool fits_one_node(const JobSpec& job) const {
    return job.gpus <= cluster_->largest_node_for(job);
  }

  std::size_t depth_;
  const Cluster* cluster_ = nullptr;
  std::optional<AvailabilityProfile> profile_;
  std::optional<NodeAvailability> nodes_;  // engaged on machines of more than one node
  int smallest_node_ = 0;                  // GPUs on the smallest node
  std::vector<Interval> held_;         // by job: its run in the profile
  std::vector<Interval> reserved_;     // by job: its reservation in the profile
  std::vector<Time> length_;           // by queued job: its planned length
  std::vector<JobId> reserved_jobs_;   // planned and waiting (with or without a reservation)
  SizeIndex queued_sizes_;              // queued jobs' sizes and estimated remaining times
  std::vector<JobId> arrived_;         // submitted since the last pass
  Interval down_;                      // GPUs of failed nodes, [from, infinity)
  Time earliest_reservation_ = kTimeInfinity;
  bool disturbed_ = true;              // the plan must be recomputed from the head
  JobId resume_ = kNoJob;              // the first queued job not planned yet (kNoJob: none)
};

}  // namespace podsim
