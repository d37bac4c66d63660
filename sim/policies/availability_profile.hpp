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
// Storage: the free count at the origin (`base_`) and a B+ tree of the breakpoints after it,
// keyed by time. A breakpoint holds the *change* of the free count at its key, not the count: the
// free count at t is base_ plus the changes of the breakpoints at or before t. The leaves hold up
// to kFanout breakpoints each, in arrays in key order; an inner node holds, for each of up to
// kFanout children, the child's first and last key, the sum of its subtree's changes and the
// lowest and highest of their running sums (the least and most free over the subtree's
// segments, relative to the count just before it). A range update [from, to) is then two point
// changes, +delta at from and -delta at to, each one descent that inserts or erases the
// breakpoint in its leaf and recomputes the figures on its path; nothing is pending anywhere.
// A full node splits in two; a node left with less than a quarter merges with a neighbour when
// the two fit in half a node, an empty one goes, so the height stays O(log n). Queries descend
// carrying the free count just before the node they enter and skip whole children by their
// lowest / highest. So:
//   add / remove (range update)     O(log n): two descents (O(1) at the origin)
//   free_at(t), next_breakpoint(t)  O(log n)
//   earliest_fit(from, len, need)   O(log n) per stretch of too-busy time it has to skip: one
//                                   in-order walk that skips whole subtrees by their min / max
//   advance_to(now)                 O(log n) plus O(1) per breakpoint dropped (amortised): the
//                                   changes up to `now` fold into base_ (whole subtrees' sums)
// and earliest_fit remembers, until the next change, where it found no fit, so that the next
// search for at least as much skips that time.
// where n is the number of breakpoints (each step within a node is O(kFanout), a constant).
// Breakpoints are reference counted: remove() undoes an add() with the same arguments and drops
// the breakpoints no interval uses any more (their change is back to 0, so no count moves), so a
// profile that is planned and unplanned every pass does not grow. Nodes come from pools with free
// lists: no allocation per operation once they have grown to the largest profile. A B+ tree
// replaced a treap (a randomised binary tree, one breakpoint a node): the same bounds, but its
// walks jump between scattered nodes where this one reads short arrays in order.
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
  // Levels of the tree below the root (0: the root holds the breakpoints; for tests). O(1).
  int height() const { return height_; }

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
  // Breakpoints per leaf and children per inner node. With a few hundred to a few thousand
  // breakpoints (two per running job and per reservation) the tree is two or three levels deep.
  static constexpr int kFanout = 32;
  using NodeId = std::int32_t;
  static constexpr NodeId kNoNode = -1;

  // What a parent knows of a child's subtree: its first and last keys, the sum of its changes,
  // and the lowest and highest of their running sums in key order (the least and most free
  // GPUs over its segments, less the free count just before its first key).
  struct Summary {
    Time first = kTimeInfinity;
    Time last = std::numeric_limits<Time>::min();
    int sum = 0;
    int min = std::numeric_limits<int>::max();
    int max = std::numeric_limits<int>::min();
  };
  struct Leaf {
    int size = 0;
    std::array<Time, kFanout> keys;
    std::array<int, kFanout> deltas;  // the change of the free count at the key
    std::array<int, kFanout> refs;    // intervals that begin or end there
  };
  struct Inner {
    int size = 0;
    std::array<NodeId, kFanout> children;  // leaves when the node is at height 1
    std::array<Summary, kFanout> summaries;
  };
  // A step of update's descent: the inner node and which child it went down.
  struct PathStep {
    NodeId node;
    int slot;
  };

  Leaf& leaf(NodeId node) { return leaves_[static_cast<std::size_t>(node)]; }
  const Leaf& leaf(NodeId node) const { return leaves_[static_cast<std::size_t>(node)]; }
  Inner& inner(NodeId node) { return inners_[static_cast<std::size_t>(node)]; }
  const Inner& inner(NodeId node) const { return inners_[static_cast<std::size_t>(node)]; }
  NodeId new_leaf();
  NodeId new_inner();
  // Frees the subtree of `node` at height `height` (0: a leaf).
  void free_subtree(NodeId node, int height);
  Summary summarize(NodeId node, int height) const;
  int size_of(NodeId node, int height) const {
    return height == 0 ? leaf(node).size : inner(node).size;
  }
  // Moves the second half of a full node into a new one (its right sibling), returned.
  NodeId split_node(NodeId node, int height);
  // Removes `count` breakpoints of leaf `l` from index `at` on.
  void erase_entries(Leaf& l, int at, int count);
  // Inserts child `child` (with its summary) into inner `node` at `slot`; `node` has room.
  void insert_child(NodeId node, int slot, NodeId child, int height);
  void erase_child(NodeId node, int slot);
  // Merges the child at `slot` of inner `node` into a neighbour when the two fit in half a node
  // (so that, level by level, the nodes stay a quarter full on average: O(log n) height).
  void merge_small_child(NodeId node, int slot, int child_height);
  // After a change to leaf `changed`, at the end of update's path_ (`sibling`: the new right
  // half of the leaf if it split, else kNoNode): recomputes the summaries on the path, and
  // splits, merges or removes the nodes that the change overfilled, emptied or left small.
  void repair_path(NodeId changed, NodeId sibling);
  // Makes the root a proper one again: a new level over a split root, none over a lone child.
  void settle_root(NodeId sibling);

  // Adds `delta` to the change at `key` (> origin) and `refs` to its references: creates the
  // breakpoint if absent, erases it when no reference is left.
  void update(Time key, int delta, int refs);
  // An interval's two changes: `delta` at `from` and -delta at `to`, with `refs` references.
  // A change at or before the origin is one of base_.
  void change(Time from, Time to, int delta, int refs);
  // Drops the breakpoints at or before `now` from the subtree of `node`, adding their changes
  // to `folded`; true when the subtree is left empty.
  bool drop_upto(NodeId node, int height, Time now, int& folded);

  // `acc` below is the free count just before the subtree of `node`.
  // The largest free count of the breakpoints with after < key < before (INT_MIN if none).
  int max_between(NodeId node, int height, int acc, Time after, Time before) const;
  // First breakpoint with key > after whose free count is >= need (below need with
  // `below`); kTimeInfinity if none.
  Time first_crossing(NodeId node, int height, int acc, Time after, int need, bool below) const;
  // The search of earliest_fit: walks the segments that start after `after` in time order,
  // skipping whole subtrees that are all "enough" or all "too few" free GPUs, tracking where the
  // current stretch of enough began (`run_start`, kTimeInfinity for none). True, with the answer
  // in `run_start`, once a stretch lasts `duration`, or (run_start kTimeInfinity) once a stretch
  // would begin at or after `before`.
  bool scan(NodeId node, int height, int acc, Time after, int need, Time duration, Time before,
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

  std::vector<Leaf> leaves_;
  std::vector<Inner> inners_;
  std::vector<NodeId> free_leaves_;
  std::vector<NodeId> free_inners_;
  std::vector<PathStep> path_;  // update's descent, root first
  NodeId root_;                 // the breakpoints after the origin (a leaf when height_ is 0)
  int height_ = 0;
  Time origin_;
  int capacity_;
  int base_;              // free GPUs at the origin
  std::size_t size_ = 0;  // breakpoints in the tree
};

}  // namespace podsim
