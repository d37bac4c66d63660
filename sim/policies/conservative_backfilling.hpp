#pragma once
// conservative: conservative backfilling (Mu'alem & Feitelson, "Utilization, predictability,
// workloads, and user runtime estimates in scheduling the IBM SP2 with backfilling", IEEE TPDS
// 12(6), 2001, section 2.2).
//
// Every queued job holds a reservation: on arrival it is given the earliest time at which its
// GPUs are free, for its whole estimated remaining time, in the availability profile (GPUs free
// over time by the running jobs' expected ends, JobStatus::expected_end, minus every reservation
// made so far). A job starts when its reservation's time comes and the placement finds room. A
// job may thus jump ahead only into a hole that delays no earlier reservation — unlike EASY, which
// protects the head alone. When jobs end before their estimates, the schedule is compressed as
// the paper does it: each queued job in turn, in queue order, is taken out of the profile and put
// back at the earliest time it fits, which is never later than its reservation (on a tie it keeps
// its reservation). So a reservation never moves later by compression: what a job is promised
// on arrival is an upper bound on its start (the "predictability" of the paper's title), except
// for the repairs below.
//
// On a machine of several nodes the plan is kept per node too (NodeAvailability), because a
// job that fits one node of its GPU type runs on one node: it fits at t only if the machine has
// its GPUs free throughout [t, t + length) and one such node does, and its reservation holds GPUs
// on that node (the lowest-numbered one that fits; Slurm's backfill plans on nodes the same way).
// Counting GPUs alone promised 8-GPU jobs the scattered free GPUs of a fragmented DGX machine.
// Jobs larger than a node are reserved by count (the placements spread them over whatever nodes
// have room). Repairs, where a reservation may move later:
// - The policy does not choose where a job runs. A start the placement puts on another node
//   than the plan's can overlap reservations there: each reservation so overbooked, in queue
//   order, is taken out and put back at its earliest fit.
// - A placement that refuses a job whose reservation is now (its own constraints, such as
//   topology's max_wait or a gpus_per_node shape, or GPUs held by a job past its estimate): the
//   job is reserved from the profile's next change on, as EASY does for its head.
// - A node that fails or comes back, or a job evicted back into the queue: every reservation is
//   made again, in queue order.
// Whenever a pass frees something (a start off its planned node, a refusal, a move), the queue is
// compressed again before the pass ends, so the jobs ahead can use it now.
//
// Cost. Every pass walks the reserved jobs (the queue, up to `depth`), but a job can move
// earlier only into GPU-time that came back to the plan since it was last placed. Each such gain
// (a job ending before its estimate, a reservation moving out or taken out, a start off its plan)
// is logged with a rising count, its window, its node and the most GPUs that node then has free
// in the window; each reservation keeps the count of its last check. A job that fits one node
// first asks the nodes' free bounds (below) whether any node can have its GPUs free before its
// reservation: if none can, it stays, in O(1) (half of the compressions of 1M SuperPOD jobs).
// Otherwise compressing it reads the gains since then that reach a window starting before its
// reservation:
// - none: it stays, in O(log g) (g gains logged);
// - only on nodes: it searches those nodes that now have room for it, and its own. Exact because
//   when it was last placed no other node had room for it earlier, except where the count turned
//   it down (`count_bound_from`), and a node gains room only through a logged gain. Room is
//   read from the gain first: its longest stretch with the job's GPUs free on the node, just
//   after it, overlapping the freed window, and where the first such stretch begins (bookings
//   since only shorten them; a later gain there logs its own). The nodes themselves: each keeps the
//   first time it has g GPUs free, in a tournament tree over the nodes, so a search over all tries
//   first the node where that time is earliest, then, in O(log N) each, only the nodes that may
//   beat the best found;
// - of the count after `count_bound_from` (or the job is reserved by count): first the count
//   alone (every start needs it, O(log n)), then, if it allows an earlier start, every node.
// The profile is an AvailabilityProfile (O(log n) earliest fit and range update, n breakpoints);
// the nodes a NodeAvailability (O(k) per update, O(log k + steps) per search, k the node's
// steps). A full search is O(log n + M (log N + log k + steps)) for the M of the N nodes that may
// beat the best fit found. The randomised test against a brute-force reference
// (tests/policies/naive_conservative.hpp) checks that the shortcuts change no decision.
//
// `depth` bounds how many queued jobs (from the head) hold a reservation; jobs beyond it are not
// considered until they are within it (Slurm's bf_max_job_test plays this role).
//
// A running job's expected end is start + estimate at rate 1; when its rate changes (the
// performance model slows its placement, or contention changes) the cluster moves it, and its
// run moves in the plan: an earlier end is a gain, a later one may overlap reservations (they
// are repaired). A job that outlives even that (its estimate ran out: work lost to a failure,
// say) counts as ending now, as in reserve_for (EASY). A queued job is reserved at full speed:
// its rate depends on the placement it will get. GPUs of failed nodes count as unavailable
// until they are back (the policy does not know the repair time).
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "policies/availability_profile.hpp"
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
    int node = kNoNode;  // the node of a reservation that fits one (kNoNode: by count)
  };

  struct Reservation {
    Interval slot;    // slot.from == slot.to: the job holds none
    Time length = 0;  // planned_length when it was reserved (fixed while it waits)
    // The gain count (gains_) when the slot was last known to be the job's earliest fit.
    std::uint64_t checked = 0;
    // The first time at which some node had room for the job but the machine's GPU count
    // turned it down (kTimeInfinity: none), when it was last searched: a gain of the count
    // after it may give any node room, so compression then searches them all.
    Time count_bound_from = kTimeInfinity;
    // The last search started after now (a refusal): the next searches every node.
    bool search_all = false;
    // The pass in which the placement refused the job, and where its searches start for the
    // rest of that pass (the profile's next change after then).
    std::uint64_t refused_in = 0;  // (0: none; passes count from 1)
    Time refused_floor = 0;
  };

  // How long `id` is planned for: its estimated remaining time.
  Time planned_length(JobId id) const;
  // Where a search for `id` starts this pass.
  Time search_from(JobId id, Time now) const;
  // Reserves `id` at its earliest fit from search_from (it holds no reservation).
  void reserve(JobId id, Time now);
  // Takes `id`'s reservation out of the plan; `gained`: log that as a gain.
  void release(JobId id, bool gained);
  // The index in gain_log_ of the first gain after `checked`.
  std::size_t first_unread(std::uint64_t checked);
  // Puts `id` at the earliest fit if that is before its reservation (compression).
  void compress(JobId id, Time now);
  // True when some GPU of `id`'s reservation is booked twice (a start overlapped it).
  bool overbooked(JobId id) const;
  void hold(JobId id, Time now);
  void unhold(JobId id, Time now);
  // Moves a running job's run in the plan to its new expected end (its rate changed).
  void rehold(JobId id, Time now);
  // Counts a gain: `freed` came back to the plan (by count when freed.node is kNoNode).
  void stamp_gain(const Interval& freed);
  // Counts running job `id`'s GPUs over [from, to) as a gain: on each node it holds (by count on
  // a single pool). Nothing when from >= to.
  void stamp_freed(JobId id, Time from, Time to);
  // One walk over the queue in order: reserve, repair, compress, start.
  void walk(SchedulingContext& context);
  // Refused by the placement now: reserved again from the profile's next change.
  void refuse(JobId id, Time now);
  // Takes every reservation out and books the GPUs of failed nodes from now on.
  void replan_all(const Cluster& cluster, Time now);
  // The earliest t >= from at which `job` has its GPUs free throughout [t, t + length): by
  // count, and, for a job that fits one node, on one of `nodes` (ascending; all when null); the
  // lowest-numbered node that can, returned in `node` (kNoNode otherwise). `count_bound_from`:
  // the first time the count turned down a node's room (kTimeInfinity: none).
  Time earliest_start(const JobSpec& job, Time from, Time length, const std::vector<int>* nodes,
                      int& node, Time& count_bound_from) const;
  // The earliest t >= start at which some node has `job`'s GPUs free throughout
  // [t, t + length), in `best`, and the lowest-numbered node that can, in `best_node`
  // (kTimeInfinity and kNoNode: none). By node only: the count is earliest_start's.
  void earliest_on_any_node(const JobSpec& job, Time start, Time length, Time& best,
                            int& best_node) const;
  // `node` is up and has the job's GPU type.
  bool may_run_on(const JobSpec& job, int node) const {
    return cluster_->node_up(node) && cluster_->suits(job, node);
  }
  bool fits_one_node(const JobSpec& job) const {
    return nodes_ && job.gpus <= cluster_->largest_node_for(job);
  }
  bool reserved(JobId id) const { return reserved_[id].slot.from != reserved_[id].slot.to; }
  // Puts `slot` in the plan (its GPUs are taken over its interval), or takes it out.
  void book(const Interval& slot);
  void unbook(const Interval& slot);
  // The same for running job `id`'s run: over `run`, on each node of its allocation.
  void book_run(JobId id, const Interval& run);
  void unbook_run(JobId id, const Interval& run);

  std::size_t depth_;
  const Cluster* cluster_ = nullptr;
  std::optional<AvailabilityProfile> profile_;
  std::optional<NodeAvailability> nodes_;  // engaged on machines of more than one node
  std::vector<Interval> held_;             // by job: its run in the profile
  std::vector<Reservation> reserved_;      // by job
  std::uint64_t gains_ = 0;                // gains so far (by count or on a node)
  std::uint64_t passes_ = 0;               // schedule() calls so far
  // Jobs of up to this many GPUs check a node gain's stretches (Gain::longest) before searching.
  static constexpr int kMeasuredNeeds = 8;
  struct Gain {
    std::uint64_t count;  // gains_ after it
    int node;             // kNoNode: by count
    int most_free;        // the node's most free GPUs in the freed window, just after
    int most_free_count;  // the machine's
    Time from;            // the freed window
    Time to;
    // On a node, just after: [g - 1] the longest stretch with g GPUs free on it that overlaps
    // the window. A job of g GPUs and length L can move to the node only into such a stretch
    // of at least L, of this gain or of a later one (the node's free GPUs grow only by gains).
    std::array<Time, kMeasuredNeeds> longest;
    // [g - 1] where the first of those stretches begins (kTimeInfinity: none): a job can move
    // only into a stretch that begins before its reservation.
    std::array<Time, kMeasuredNeeds> first_begins;
  };
  // Whether `gain`, on a node, may give a job of `gpus` GPUs and `length` room there, starting
  // before `before`.
  static bool may_hold(const Gain& gain, int gpus, Time length, Time before) {
    if (gpus > kMeasuredNeeds) return gain.most_free >= gpus;
    const auto need = static_cast<std::size_t>(gpus - 1);
    return gain.longest[need] >= length && gain.first_begins[need] < before;
  }
  std::vector<Gain> gain_log_;   // gains, oldest first
  std::size_t unread_hint_ = 0;  // where first_unread's last answer was
  std::vector<int> candidates_;  // scratch: the nodes a compression searches
  int down_gpus_ = 0;            // GPUs of failed nodes, booked [now, infinity)
  Time down_from_ = 0;
  bool replan_ = true;        // every reservation must be made again
  bool overbooking_ = false;  // a job started otherwise than planned: it may overlap reservations
};

}  // namespace podsim
