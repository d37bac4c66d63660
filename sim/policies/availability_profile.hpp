#pragma once
// AvailabilityProfile: how many GPUs are free at each future instant, as a step function of time,
// for backfilling policies that plan reservations (conservative backfilling; Mu'alem & Feitelson,
// IEEE TPDS 12(6), 2001, call it the "profile").
//
// The function is defined on [origin, infinity): a sorted set of breakpoints, each the start of
// a segment on which the free count is constant. Running jobs and reservations are intervals
// [from, to) that subtract their GPUs. Values may go negative (a caller may reserve more than is
// free); queries treat that as "not enough".
//
// Storage: the free count at the origin (`base_`) and a treap (randomised balanced search tree;
// priorities come from a fixed hash of a counter, so runs are deterministic) of the breakpoints
// after it, keyed by time. A node holds the *change* of the free count at its key, not the count:
// the free count at t is base_ plus the changes of the breakpoints at or before t. Each node also
// holds, over its subtree in key order, the sum of the changes and the lowest and highest of
// their running sums (the least and most free over the subtree's segments, relative to the count
// just before it), and its first and last key. A range update [from, to) is then two point
// changes, +delta at from and -delta at to, each one descent that inserts or erases the
// breakpoint and recomputes the figures of the nodes on its path; nothing is pending anywhere.
// Queries descend carrying the free count just before the subtree they enter and skip whole
// subtrees by their lowest / highest. So:
//   add / remove (range update)     O(log n) expected: two descents (O(1) at the origin)
//   free_at(t), next_breakpoint(t)  O(log n)
//   earliest_fit(from, len, need)   O(log n) per stretch of too-busy time it has to skip: one
//                                   in-order walk that skips whole subtrees by their min / max
//   advance_to(now)                 O(log n) plus O(1) per breakpoint dropped (amortised): the
//                                   changes up to `now` fold into base_ (their subtree's sum)
// and earliest_fit remembers, until the next change, where it found no fit, so that the next
// search for at least as much skips that time.
// where n is the number of breakpoints. Breakpoints are reference counted: remove() undoes an
// add() with the same arguments and drops the breakpoints no interval uses any more (their
// change is back to 0, so no count moves), so a profile that is planned and unplanned every pass
// does not grow. Nodes come from a pool with a free list: no allocation per operation once it
// has grown to the largest profile.
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/time.hpp"

namespace podsim {

class AvailabilityProfile {
 public:
  // `capacity` GPUs free from `origin` on.
  AvailabilityProfile(Time origin, int capacity);

  Time origin() const { return origin_; }
  int capacity() const { return capacity_; }
  // Breakpoints held, the origin included (for tests and statistics). O(1).
  std::size_t breakpoints() const { return size_ + 1; }

  // Forgets the past: the profile starts at `now` (>= origin) from then on; intervals that
  // began earlier keep their part from `now` on.
  void advance_to(Time now);

  // Adds `delta` free GPUs over [from, to) (negative: the interval holds GPUs). Parts before
  // the origin are ignored; an empty interval is a no-op. `to` may be kTimeInfinity.
  void add(Time from, Time to, int delta);
  // Undoes add(from, to, delta) made earlier with the same arguments (even if the origin has
  // moved since), merging away the breakpoints no other interval uses.
  void remove(Time from, Time to, int delta);

  // Free GPUs at `t` (>= origin).
  int free_at(Time t) const;
  // The first breakpoint after `t` (where the free count may change next); kTimeInfinity if
  // none. O(log n).
  Time next_breakpoint(Time t) const;
  // The first instant t >= max(from, origin) at which fewer than `need` GPUs are free;
  // kTimeInfinity if there is none. O(log n).
  Time first_short_of(Time from, int need) const;
  // The most GPUs free at any instant of [max(from, origin), to); INT_MIN if that is empty.
  // O(log n).
  int most_free(Time from, Time to) const;
  // The earliest t >= max(from, origin) such that at least `need` GPUs are free throughout
  // [t, t + duration); kTimeInfinity if there is none. duration 0 checks the instant t only.
  // With `before`, the search may stop (kTimeInfinity) once no stretch can begin before it.
  Time earliest_fit(Time from, Time duration, int need, Time before = kTimeInfinity) const;

 private:
  using NodeId = std::int32_t;
  // nodes_[kNil] is a sentinel that is never written: an empty subtree with sum 0, so `pull`
  // needs no test for missing children.
  static constexpr NodeId kNil = 0;

  struct Node {
    Time key = 0;
    Time first = kTimeInfinity;  // the smallest key in the subtree (the sentinel's: none)
    Time last = std::numeric_limits<Time>::min();  // the largest
    std::uint64_t priority = 0;
    NodeId left = kNil;
    NodeId right = kNil;
    int delta = 0;  // change of the free count at `key`
    int sum = 0;    // of the subtree's changes
    // The lowest and highest running sum of the subtree's changes in key order: the least and
    // most free GPUs over its segments, less the free count just before its first key.
    int min = std::numeric_limits<int>::max();
    int max = std::numeric_limits<int>::min();
    int refs = 0;  // intervals that begin or end here
  };

  NodeId make_node(Time key, int delta, int refs);
  void free_node(NodeId node);
  void free_subtree(NodeId node);
  void pull(NodeId node);
  // Splits into keys <= key and keys > key.
  void split(NodeId node, Time key, NodeId& upto, NodeId& after);
  NodeId merge(NodeId a, NodeId b);

  // Adds `delta` to the change at `key` (> origin) and `refs` to its references, in one
  // descent: creates the breakpoint if absent (a leaf that rotates up to its priority's place),
  // erases it when no reference is left, and recomputes the figures on the way back up, except,
  // when `then` (> key) is given, those of the nodes the update of `then` that must follow at once
  // recomputes anyway (an add's two ends share the top of their paths).
  static constexpr Time kNoKey = std::numeric_limits<Time>::min();
  void update(Time key, int delta, int refs, Time then);
  // An interval's two changes: `delta` at `from` and -delta at `to`, with `refs` references.
  // A change at or before the origin is one of base_.
  void change(Time from, Time to, int delta, int refs);

  // `acc` below is the free count just before the subtree of `node`.
  // The largest free count of the breakpoints with after < key < before (INT_MIN if none).
  int max_between(NodeId node, int acc, Time after, Time before) const;
  // First breakpoint with key > after whose free count is >= need; kNil if none.
  NodeId first_at_least(NodeId node, int acc, Time after, int need) const;
  // First breakpoint with key > after whose free count is < need; kNil if none.
  NodeId first_below(NodeId node, int acc, Time after, int need) const;
  // The search of earliest_fit: walks the segments that start after `after` in time order,
  // skipping whole subtrees that are all "enough" or all "too few" free GPUs, tracking where the
  // current stretch of enough began (`run_start`, kTimeInfinity for none). True, with the answer
  // in `run_start`, once a stretch lasts `duration`, or (run_start kTimeInfinity) once a stretch
  // would begin at or after `before`.
  bool scan(NodeId node, int acc, Time after, int need, Time duration, Time before,
            Time& run_start) const;

  // Answers of earliest_fit since the last change, as "no stretch of `need` free GPUs lasting
  // `duration` begins in [from, to)": a later search for at least as many GPUs for at least as
  // long starts at `to` instead. Between two changes a planner asks many such questions (one per
  // queued job), mostly over the same stretch of time; without this each scanned it again.
  struct Miss {
    int need;
    Time duration;
    Time from;
    Time to;
  };
  static constexpr std::size_t kMisses = 8;
  mutable std::array<Miss, kMisses> misses_{};
  mutable std::size_t miss_count_ = 0;  // entries held (cleared by every change)
  mutable std::size_t next_miss_ = 0;   // the entry to overwrite when full
  // earliest_fit itself.
  Time find_fit(Time from, Time duration, int need, Time before) const;
  // Where a search for (need, duration) from `from` may start, by the misses held.
  Time skip_missed(Time from, int need, Time duration) const;
  void remember_miss(Time from, Time to, int need, Time duration) const;
  void forget_misses() { miss_count_ = 0; }

  std::vector<Node> nodes_;  // nodes_[kNil] is the sentinel
  std::vector<NodeId> free_list_;
  std::vector<NodeId> path_;  // update's ancestors of the node it changes, root first
  NodeId root_ = kNil;        // the breakpoints after the origin
  Time origin_;
  int capacity_;
  int base_;              // free GPUs at the origin
  std::size_t size_ = 0;  // nodes in the tree
  std::uint64_t priority_state_ = 0x9e3779b97f4a7c15ULL;
};

}  // namespace podsim
