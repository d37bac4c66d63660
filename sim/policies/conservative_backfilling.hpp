#pragma once
// conservative: conservative backfilling (Mu'alem & Feitelson, "Utilization, predictability,
// workloads, and user runtime estimates in scheduling the IBM SP2 with backfilling", IEEE TPDS
// 12(6), 2001, section 2.2).
//
// Every queued job, in queue (arrival) order, gets a reservation at the earliest time it fits in
// the availability profile: GPUs free over time by the running jobs' expected ends (start +
// estimate) minus the reservations already made this pass, for its whole estimated remaining
// time. A job starts now iff its reservation is now (and the placement finds room; if it does
// not, the reservation stays at now and it waits). A job may thus jump ahead only if it delays
// no earlier job's reservation — unlike EASY, which protects the head alone.
//
// Reservations are recomputed from scratch each pass, so a job ending before its estimate
// compresses the schedule (the "compression" of the paper). The GPUs of running jobs live in a
// persistent AvailabilityProfile updated from the start/finish/preempt signals; a pass adds its
// tentative reservations and removes them before returning, so it costs
//   O(1) when no GPU is free, else O(log n) per queued job examined,
// where n is the number of breakpoints (distinct expected ends). The walk stops early once no
// GPU is left free now (no later job could start now), or once `depth` jobs hold a reservation
// (jobs that start now hold none).
//
// Running jobs that outlive their estimate (possible only when a slowdown stretches them) count
// as ending now, as in reserve_for (EASY). GPUs of failed nodes count as unavailable until they
// are back (the policy does not know the repair time).
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "policies/availability_profile.hpp"
#include "policies/policy.hpp"

namespace podsim {

class ConservativeBackfilling : public Policy {
 public:
  // depth: how many queued jobs (from the head) get a reservation each pass; 0 = all. Jobs that
  // start now do not count; the walk stops at the first job beyond the depth.
  explicit ConservativeBackfilling(std::size_t depth) : depth_(depth) {}

  static std::vector<ParamSpec> params();
  static std::unique_ptr<Policy> make(const ParamValues& values);

  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

 private:
  struct Interval {
    Time from = 0;
    Time to = 0;
    int gpus = 0;
  };

  void hold(JobId id, Time now);
  void unhold(JobId id, Time now);

  std::size_t depth_;
  const Cluster* cluster_ = nullptr;
  std::optional<AvailabilityProfile> profile_;
  std::vector<Interval> held_;        // by job: what its run holds in the profile
  std::vector<Interval> tentative_;   // this pass's reservations, removed at its end
  int running_gpus_ = 0;
};

}  // namespace podsim
