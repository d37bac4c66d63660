#pragma once
// easy: EASY backfilling (Lifka 1995; Mu'alem & Feitelson, IEEE TPDS 12(6), 2001).
//
// Jobs start in FCFS order while they fit. When the head of the queue does not fit, it gets a
// reservation at the "shadow time": the earliest instant at which, by the running jobs' estimates
// (start + requested time), enough GPUs will be free for it. The GPUs free at that instant beyond
// what the head needs are the "extra" GPUs. Each later job, in queue order, starts now if it fits
// now and either ends by its estimate no later than the shadow time, or uses only extra GPUs
// (which it then consumes). So a backfilled job can never delay the head's reservation (by the
// estimates). Cost per pass: O(running) for the shadow time plus O(queue) for the candidates.
#include "policies/policy.hpp"

namespace podsim {

class EasyBackfilling : public Policy {
 public:
  void schedule(SchedulingContext& context) override;
};

// The head's reservation: when it can start by the estimates, and the GPUs spare at that time.
struct Reservation {
  Time shadow_time = kTimeInfinity;
  int extra_gpus = 0;
};

// Walks the running jobs by expected end until `gpus` are free. O(running).
Reservation reserve_for(const Cluster& cluster, int gpus, Time now);

// The backfilling step of EASY behind `head`, given its reservation; shared by the policies that
// use EASY backfilling behind their own queue order.
void backfill_behind(SchedulingContext& context, JobId head, Reservation reservation);

}  // namespace podsim
