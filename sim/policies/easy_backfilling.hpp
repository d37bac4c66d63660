#pragma once
// easy: EASY backfilling (Lifka 1995; Mu'alem & Feitelson, IEEE TPDS 12(6), 2001).
//
// Jobs start in FCFS order while they fit. When the head of the queue does not fit, it gets a
// reservation at the "shadow time": the earliest instant at which, by the running jobs' expected
// ends (start + requested time, stretched by the slowdown of their placement:
// JobStatus::expected_end), enough GPUs will be free for it. The GPUs free at that instant beyond
// what the head needs are the "extra" GPUs. Each later job, in queue order, starts now if it fits
// now and either ends by its estimate no later than the shadow time (at full speed, and at the
// rate of the placement it gets: SchedulingContext::try_start_ending_by), or uses only extra GPUs
// (which it then consumes). So a backfilled job can never delay the head's reservation (by the
// estimates and the slowdowns known when it starts). Cost per pass: O(running) for the shadow
// time plus O(queue) for the candidates.
//
// reserve_for and backfill_candidates are shared by the policies that put EASY backfilling
// behind their own order (sjf-easy, fairshare).
#include <iterator>

#include "policies/job_index.hpp"
#include "policies/policy.hpp"

namespace podsim {

class EasyBackfilling : public Policy {
 public:
  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

 private:
  SizeIndex queued_;  // for the early exit of backfill_candidates
};

// The head's reservation: when it can start by the estimates, and the GPUs spare at that time.
struct Reservation {
  Time shadow_time = kTimeInfinity;
  int extra_gpus = 0;
};

// Walks the running jobs by expected end until `gpus` are free. O(running).
Reservation reserve_for(const Cluster& cluster, int gpus, Time now);

// What is left of a queued job's run by its estimate, at full speed
// (Cluster::estimated_work_left). O(1).
inline Time estimated_remaining(const Cluster& cluster, JobId id) {
  return cluster.estimated_work_left(id);
}

// Keeps `index` (sizes and estimated lengths of the queued jobs) up to date from the cluster's
// signals, for backfill_candidates.
void track_queued_sizes(const Cluster& cluster, SizeIndex& index);

// The backfilling step of EASY given the head's reservation: candidates come from
// `next_candidate()` (a JobId, kNoJob when there are no more), in the policy's order; each is
// asked for only while GPUs are free, and is read before it may start (starting a job may erase
// it from the policy's own index). With `queued` (every queued job's size and estimated length,
// see track_queued_sizes) the walk also stops, exactly, as soon as no queued job at all could
// be backfilled: none fits in the GPUs free (on one node, for the sizes the placement keeps
// whole: SchedulingContext::kept_on_one_node_up_to) and either ends by the shadow time or fits
// in the extra GPUs. O(candidates) plus the placement calls.
template <typename NextCandidate>
void backfill_candidates(SchedulingContext& context, Reservation reservation,
                         NextCandidate&& next_candidate, const SizeIndex* queued = nullptr) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  // A job of at most `whole` GPUs needs them free on one node (the placement keeps it whole):
  // with the free GPUs scattered, most candidates fit by count but no node.
  const int whole = context.kept_on_one_node_up_to();
  const auto placeable = [&](int gpus) {
    return gpus <= cluster.free_gpus() &&
           (gpus > whole || gpus <= cluster.largest_free_on_a_node());
  };
  const Time window =
      reservation.shadow_time == kTimeInfinity ? kTimeInfinity : reservation.shadow_time - now;
  const auto worth_going_on = [&] {
    if (queued == nullptr) return true;
    return queued->any_size(cluster.free_gpus(), [&](int gpus, Time shortest) {
      return placeable(gpus) && (gpus <= reservation.extra_gpus || shortest <= window);
    });
  };
  if (!worth_going_on()) return;
  while (cluster.free_gpus() > 0) {
    const JobId candidate = next_candidate();
    if (candidate == kNoJob) return;
    const int gpus = cluster.job(candidate).gpus;
    if (!placeable(gpus)) continue;
    // Ending exactly at the shadow time does not overlap the reservation. At full speed first
    // (what `queued` knows), then at the rate of the placement it would get.
    const bool ends_in_time =
        now + estimated_remaining(cluster, candidate) <= reservation.shadow_time &&
        context.try_start_ending_by(candidate, reservation.shadow_time);
    if (ends_in_time ||
        (gpus <= reservation.extra_gpus && context.try_start(candidate))) {
      if (!ends_in_time) reservation.extra_gpus -= gpus;
      if (!worth_going_on()) return;
    }
  }
}

// backfill_candidates over a policy's own JobIndex, in its order, from the entry after `head`.
template <typename Key>
void backfill_after(SchedulingContext& context, Reservation reservation,
                    const JobIndex<Key>& order, typename JobIndex<Key>::const_iterator head,
                    const SizeIndex* queued) {
  auto candidate = std::next(head);
  backfill_candidates(
      context, reservation,
      [&order, &candidate] {
        if (candidate == order.end()) return kNoJob;
        const JobId id = candidate->second;
        ++candidate;
        return id;
      },
      queued);
}

// The pass of a policy with its own order and EASY behind it (sjf-easy, fairshare): starts the
// jobs of `order` in order while they fit the GPUs free and the placement takes them; the first
// that does not start gets the reservation (reserve_for), and with `backfill` the jobs after it
// are backfilled (backfill_after, `queued` as there). Starting a job must erase it from `order`.
template <typename Key>
void start_in_order(SchedulingContext& context, const JobIndex<Key>& order,
                    const SizeIndex* queued, bool backfill = true) {
  const Cluster& cluster = context.cluster();
  auto head = order.begin();
  while (head != order.end()) {
    const JobId id = head->second;
    const auto next = std::next(head);  // starting `id` erases it from `order`
    if (cluster.job(id).gpus > cluster.free_gpus() || !context.try_start(id)) break;
    head = next;
  }
  if (head == order.end() || !backfill) return;
  backfill_after(context, reserve_for(cluster, cluster.job(head->second).gpus, context.now()),
                 order, head, queued);
}

// backfill_candidates over the arrival-ordered queue, after `head`.
void backfill_behind(SchedulingContext& context, JobId head, Reservation reservation,
                     const SizeIndex* queued = nullptr);

}  // namespace podsim
