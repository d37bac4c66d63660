#pragma once
// Which running jobs a preempting policy (srtf, las) stops so that a queued job can start.
//
// Preempting by count alone (stop the least deserving jobs until enough GPUs are free, then ask
// the placement) fails whenever the placement needs the GPUs in a particular shape: whole nodes,
// one node, one domain. Then it stopped jobs whose GPUs the newcomer could not use, or, when
// even all the candidates were not enough, stopped them all and started nothing; under srtf
// the victims restarted at the next pass and were stopped again (a 2,000-job run with the
// `spread` placement preempted 112,504 times, one job 1,375 times). So the placement is asked
// first, with the victims' GPUs counted free (SchedulingContext::would_start_without).
#include <span>
#include <vector>

#include "policies/policy.hpp"

namespace podsim {

// Into `chosen`: from `candidates`, running jobs in the policy's order of preference (the first
// to stop first), the shortest prefix after which the placement would start `job`, less the
// jobs of it the placement does not need then (tried from the last back, so the most preferred
// stay chosen). Empty when `job` would not start even with every candidate stopped. The caller
// preempts `chosen`, then starts `job`. O(log k) placement queries to find the prefix (k
// candidates) plus one per job of it.
void choose_victims(SchedulingContext& context, JobId job, std::span<const JobId> candidates,
                    std::vector<JobId>& chosen);

}  // namespace podsim
