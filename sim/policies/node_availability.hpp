#pragma once
// NodeAvailability: how many GPUs are free on each node at each future instant, for planners
// whose reservations must land on one node. A job that fits one node cannot use GPUs spread
// over several, so a GPU count alone (AvailabilityProfile) over-promises on a machine of 8-GPU
// nodes: it plans jobs into fragments no placement can use. Slurm's backfill plans on node
// bitmaps per time slot for the same reason (src/plugins/sched/backfill, "node_space").
//
// Each node has a step function of time on [origin, infinity): a short sorted vector of steps
// (start, free), kept canonical (no two neighbours with the same free count), so a node holds
// about two steps per job running or reserved on it. Nodes hold few jobs, so plain vectors beat
// trees here:
//   add / remove            O(k) on the node, k its steps (the past is trimmed as it goes)
//   free_at, first_short_of O(log k)
//   earliest_fit            O(log k + steps walked), stopping at `before`
//   free_bound              O(1): a lower bound on when the node first has `need` GPUs free,
//                           so that a search over many nodes skips at once those that cannot
//                           beat the best found (add keeps it, in O(k + capacity log N));
//                           first_node_bound_by finds the next node worth searching in
//                           O(log N), N the nodes
// Values may go negative (a caller may reserve more than is free); queries treat that as "not
// enough".
#include <span>
#include <vector>

#include "core/time.hpp"

namespace podsim {

class NodeAvailability {
 public:
  // Node i has capacity[i] GPUs free from `origin` on.
  NodeAvailability(Time origin, const std::vector<int>& capacity);

  int nodes() const { return static_cast<int>(steps_.size()); }
  // Forgets the past: queries and updates start at `now` (>= origin) from then on. O(1).
  void advance_to(Time now) { origin_ = now; }

  // Adds `delta` free GPUs on `node` over [from, to) (negative: the interval holds GPUs). Parts
  // before the origin are ignored; `to` may be kTimeInfinity. remove() is add() with -delta.
  void add(int node, Time from, Time to, int delta);
  void remove(int node, Time from, Time to, int delta) { add(node, from, to, -delta); }

  int free_at(int node, Time t) const;
  // The first instant t >= max(from, origin) at which `node` has fewer than `need` GPUs free;
  // kTimeInfinity if none.
  Time first_short_of(int node, Time from, int need) const;
  // The most GPUs free on `node` at any instant of [max(from, origin), to); INT_MIN if empty.
  int most_free(int node, Time from, Time to) const;
  // The earliest t >= max(from, origin), t < before, such that `node` has at least `need` GPUs
  // free throughout [t, t + duration); kTimeInfinity if there is none before `before`.
  Time earliest_fit(int node, Time from, Time duration, int need,
                    Time before = kTimeInfinity) const;

  static constexpr std::size_t kMostMeasuredNeeds = 64;
  // For need = 1 .. longest.size() (at most kMostMeasuredNeeds): longest[need - 1] is the length of
  // the longest stretch of time from the origin on throughout which `node` has at least `need` GPUs
  // free and that overlaps [from, to) (0: none; kTimeInfinity: one that never ends). O(steps x
  // needs).
  // first_begins[need - 1], if given (at most longest.size() entries), is where the first such
  // stretch begins, the origin if before it (kTimeInfinity: none).
  void longest_runs(int node, Time from, Time to, std::span<Time> longest,
                    std::span<Time> first_begins = {}) const;
  // A lower bound on the first instant t >= origin at which `node` has at least `need` GPUs free
  // (kTimeInfinity: never): exact as of the node's last update; the origin moving on since only
  // makes the true instant later.
  Time free_bound(int node, int need) const {
    if (need <= 0) return origin_;
    if (need > most_capacity_) return kTimeInfinity;
    return bounds_[bound_index(need, leaves_ + static_cast<std::size_t>(node))];
  }
  // The least free_bound(node, need) over all nodes. O(1).
  Time least_free_bound(int need) const {
    if (need <= 0) return origin_;
    if (need > most_capacity_) return kTimeInfinity;
    return bounds_[bound_index(need, 1)];
  }
  // The lowest-numbered node >= `from_node` whose free_bound(node, need) <= limit; nodes() if
  // none. For 1 <= need <= the largest node's GPUs. O(log N) for N nodes, so that a search over
  // all nodes visits only those that may beat the best fit found.
  int first_node_bound_by(int need, int from_node, Time limit) const;

  // Steps held on `node` (for tests). O(1).
  std::size_t steps(int node) const { return steps_[node].size(); }

 private:
  struct Step {
    Time start;
    int free;  // on [start, next step's start)
  };
  using Steps = std::vector<Step>;

  // Index of the step covering t (the last one starting at or before it); t >= the first start.
  static std::size_t covering(const Steps& steps, Time t);
  // Makes a step start at t (> the first start) and returns its index.
  static std::size_t split_at(Steps& steps, Time t);
  // Recomputes the node's free bounds from its steps.
  void index_first_free(int node);
  // Where tree position `position` (1: the root) of need `need` is in bounds_.
  std::size_t bound_index(int need, std::size_t position) const {
    return static_cast<std::size_t>(need - 1) * 2 * leaves_ + position;
  }

  std::vector<Steps> steps_;  // by node; the first step starts at or before the origin
  int most_capacity_ = 0;     // the largest node's GPUs
  // For each need g, a tournament tree (positions 1 .. 2 x leaves_ - 1, the nodes' leaves from
  // leaves_ on, the padding kTimeInfinity) of the first instant from the origin (as of the node's
  // last update) at which the node has at least g GPUs free (kTimeInfinity: none); each inner
  // position holds the least of its two children.
  std::vector<Time> bounds_;
  std::size_t leaves_ = 1;  // a power of two >= the nodes
  Time origin_;
};

}  // namespace podsim
