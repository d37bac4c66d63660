#pragma once
// fcfs: first come, first served. Starts queued jobs in arrival order and stops at the first one
// that does not fit: nothing overtakes the head of the queue. O(started jobs) per pass.
#include "policies/policy.hpp"

namespace podsim {

class Fcfs : public Policy {
 public:
  void schedule(SchedulingContext& context) override;
};

// Starts jobs from the head of the queue while they fit; shared by the policies that begin with
// a strict FCFS step. Returns true when the queue emptied.
bool start_from_head(SchedulingContext& context);

}  // namespace podsim
