#include "policies/easy_backfilling.hpp"

#include "policies/fcfs.hpp"

namespace podsim {

Reservation reserve_for(const Cluster& cluster, int gpus, Time now) {
  int free = cluster.free_gpus();
  if (free >= gpus) {
    // Enough GPUs by count, but the placement could not use them (e.g. a single-node job on a
    // fragmented cluster): the next completion is the earliest chance.
    const Time next_end = cluster.running().empty() ? now : cluster.running().begin()->first;
    return {std::max(now, next_end), free - gpus};
  }
  const RunningSet& running = cluster.running();
  for (auto it = running.begin(); it != running.end(); ++it) {
    free += cluster.job(it->second).gpus;
    if (free < gpus) continue;
    // Every job ending at the shadow time frees its GPUs then too: they all count as extra.
    const Time shadow_time = it->first;
    for (++it; it != running.end() && it->first == shadow_time; ++it) {
      free += cluster.job(it->second).gpus;
    }
    return {std::max(now, shadow_time), free - gpus};
  }
  return {};  // cannot happen for admitted jobs: the whole machine frees up eventually
}

void backfill_behind(SchedulingContext& context, JobId head, Reservation reservation) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  for (JobId candidate = cluster.queue().next(head); candidate != kNoJob;) {
    const JobId next = cluster.queue().next(candidate);
    const JobSpec& job = cluster.job(candidate);
    if (job.gpus <= cluster.free_gpus()) {
      // Ending exactly at the shadow time does not overlap the reservation.
      const bool ends_in_time = now + job.estimate <= reservation.shadow_time;
      if ((ends_in_time || job.gpus <= reservation.extra_gpus) && context.try_start(candidate) &&
          !ends_in_time) {
        reservation.extra_gpus -= job.gpus;
      }
    }
    if (cluster.free_gpus() == 0) return;
    candidate = next;
  }
}

void EasyBackfilling::schedule(SchedulingContext& context) {
  if (start_from_head(context)) return;
  const Cluster& cluster = context.cluster();
  const JobId head = cluster.queue().front();
  backfill_behind(context, head, reserve_for(cluster, cluster.job(head).gpus, context.now()));
}

}  // namespace podsim
