#pragma once
// sjf and sjf-easy: shortest job first by the user's estimate (requested time), the classic
// size-based baseline of batch scheduling (e.g. Feitelson, Rudolph et al., "Theory and practice
// in parallel job scheduling", JSSPP 1997; Tsafrir, Etsion & Feitelson, IEEE TPDS 18(6), 2007,
// on SJF with backfilling and user estimates).
//
// Order: estimated remaining time (the estimate, less what a preempted or evicted job already
// ran, plus restore costs), ties by arrival (job id). The order is an index kept from the
// cluster's signals, so a pass never sorts the queue.
//
// sjf (blocking): starts jobs in that order while they start, and stops at the first that does
// not (too few GPUs free, or the placement finds no room): nothing overtakes the shortest
// waiting job, just as nothing overtakes the head under fcfs. GPUs can stay idle behind a wide
// short job; long jobs can starve while shorter ones keep arriving (inherent to SJF).
// sjf-easy: the first job in that order that does not start gets an EASY reservation
// (reserve_for) and the jobs after it, in SJF order, are backfilled behind it
// (backfill_candidates): no job delays that reservation, by the estimates.
//
// Cost per pass: O(1) when no GPU is free; else O(log q) per started job, plus O(running) for
// the reservation and O(candidates) for backfilling (sjf-easy).
#include "policies/job_index.hpp"
#include "policies/policy.hpp"

namespace podsim {

class Sjf : public Policy {
 public:
  explicit Sjf(bool backfill) : backfill_(backfill) {}

  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

 private:
  bool backfill_;
  JobIndex<Time> order_;  // queued jobs by estimated remaining time, then id
  SizeIndex queued_;      // sjf-easy: for the early exit of backfill_candidates
};

}  // namespace podsim
