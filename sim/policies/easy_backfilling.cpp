#include "policies/easy_backfilling.hpp"

#include <algorithm>

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

void track_queued_sizes(const Cluster& cluster, SizeIndex& index) {
  index.clear();
  // The length is fixed while the job waits; the cluster updates service and overhead only
  // when it stops, before the preempted signal.
  const auto enqueue = [&cluster, &index](JobId id, Time) {
    index.insert(cluster.job(id).gpus, estimated_remaining(cluster, id));
  };
  cluster.job_submitted.connect(enqueue);
  cluster.job_preempted.connect(enqueue);
  cluster.job_started.connect([&cluster, &index](JobId id, Time) {
    // Nothing has run yet at the start signal: the length is the one it was indexed with.
    index.erase(cluster.job(id).gpus, estimated_remaining(cluster, id));
  });
}

void backfill_behind(SchedulingContext& context, JobId head, Reservation reservation,
                     const SizeIndex* queued) {
  const PendingQueue& queue = context.cluster().queue();
  JobId next = queue.next(head);
  backfill_candidates(
      context, reservation,
      [&queue, &next] {
        const JobId candidate = next;
        if (candidate != kNoJob) next = queue.next(candidate);
        return candidate;
      },
      queued);
}

void EasyBackfilling::attach(const Cluster& cluster) { track_queued_sizes(cluster, queued_); }

void EasyBackfilling::schedule(SchedulingContext& context) {
  if (start_from_head(context)) return;
  const Cluster& cluster = context.cluster();
  const JobId head = cluster.queue().front();
  backfill_behind(context, head, reserve_for(cluster, cluster.job(head).gpus, context.now()),
                  &queued_);
}

}  // namespace podsim
