#include "policies/availability_profile.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

namespace podsim {
namespace {

// splitmix64 (Steele, Lea & Flood 2014): well-spread treap priorities from a counter, so the
// tree's shape is a fixed function of the order of insertions and runs are reproducible.
std::uint64_t next_priority(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

AvailabilityProfile::AvailabilityProfile(Time origin, int capacity)
    : origin_(origin), capacity_(capacity), base_(capacity) {
  nodes_.emplace_back();  // the sentinel
}

AvailabilityProfile::NodeId AvailabilityProfile::make_node(Time key, int delta, int refs) {
  NodeId id;
  if (!free_list_.empty()) {
    id = free_list_.back();
    free_list_.pop_back();
  } else {
    id = static_cast<NodeId>(nodes_.size());
    nodes_.emplace_back();
  }
  Node& node = nodes_[id];
  node = Node{};
  node.key = node.first = node.last = key;
  node.priority = next_priority(priority_state_);
  node.delta = node.sum = node.min = node.max = delta;
  node.refs = refs;
  ++size_;
  return id;
}

void AvailabilityProfile::free_node(NodeId node) {
  free_list_.push_back(node);
  --size_;
}

void AvailabilityProfile::free_subtree(NodeId node) {
  // Iterative, with the free list itself as the stack of nodes still to visit (those past
  // index `next`): a subtree of the past may be large after a long quiet period, and this
  // allocates nothing once the list has grown.
  if (node == kNil) return;
  std::size_t next = free_list_.size();
  free_node(node);
  for (; next < free_list_.size(); ++next) {
    const Node& n = nodes_[free_list_[next]];
    if (n.left != kNil) free_node(n.left);
    if (n.right != kNil) free_node(n.right);
  }
}

inline void AvailabilityProfile::pull(NodeId node) {
  // The sentinel's figures (sum 0, min INT_MAX, max INT_MIN, first +inf, last -inf) make a
  // missing child drop out of every formula below.
  Node& n = nodes_[node];
  const Node& left = nodes_[n.left];
  const Node& right = nodes_[n.right];
  const int own = left.sum + n.delta;  // the running sum at n's key
  n.sum = own + right.sum;
  n.min = std::min(left.min, own + std::min(0, right.min));
  n.max = std::max(left.max, own + std::max(0, right.max));
  n.first = std::min(n.key, left.first);
  n.last = std::max(n.key, right.last);
}

void AvailabilityProfile::split(NodeId node, Time key, NodeId& upto, NodeId& after) {
  if (node == kNil) {
    upto = after = kNil;
    return;
  }
  if (nodes_[node].key <= key) {
    NodeId inner_upto = kNil;
    split(nodes_[node].right, key, inner_upto, after);
    nodes_[node].right = inner_upto;
    pull(node);
    upto = node;
  } else {
    NodeId inner_after = kNil;
    split(nodes_[node].left, key, upto, inner_after);
    nodes_[node].left = inner_after;
    pull(node);
    after = node;
  }
}

AvailabilityProfile::NodeId AvailabilityProfile::merge(NodeId a, NodeId b) {
  if (a == kNil) return b;
  if (b == kNil) return a;
  if (nodes_[a].priority > nodes_[b].priority) {
    const NodeId right = merge(nodes_[a].right, b);
    nodes_[a].right = right;
    pull(a);
    return a;
  }
  const NodeId left = merge(a, nodes_[b].left);
  nodes_[b].left = left;
  pull(b);
  return b;
}

void AvailabilityProfile::update(Time key, int delta, int refs, Time then) {
  // Iterative, the path kept in path_: this runs twice per add and per remove.
  path_.clear();
  // The ancestors path_[0, stale) are on the path to `then` too (it goes their way up to the
  // last one, where the paths part or it ends): the update of `then` recomputes them after its
  // own change, so this one leaves them.
  std::size_t stale = 0;
  bool shared = then != kNoKey;  // the path to `then` still follows this one
  NodeId node = root_;
  while (node != kNil && nodes_[node].key != key) {
    const Node& n = nodes_[node];
    path_.push_back(node);
    if (shared) {
      ++stale;
      shared = n.key < key || n.key > then;
    }
    node = key < n.key ? n.left : n.right;
  }
  NodeId top = kNil;  // what takes the place of `node` under path_.back()
  if (node == kNil) {
    assert(refs > 0);
    top = make_node(key, delta, refs);
    // A new leaf rotates above each ancestor of lower priority.
    while (!path_.empty() && nodes_[path_.back()].priority < nodes_[top].priority) {
      const NodeId parent = path_.back();
      path_.pop_back();
      if (key < nodes_[parent].key) {
        nodes_[parent].left = nodes_[top].right;
        nodes_[top].right = parent;
      } else {
        nodes_[parent].right = nodes_[top].left;
        nodes_[top].left = parent;
      }
      pull(parent);
    }
    pull(top);
  } else {
    Node& n = nodes_[node];
    n.delta += delta;
    n.refs += refs;
    if (n.refs == 0) {
      // No interval begins or ends here any more, so the change here is 0 again and erasing it
      // moves no count.
      assert(n.delta == 0);
      top = merge(n.left, n.right);
      free_node(node);
    } else {
      pull(node);
      top = node;
    }
  }
  if (path_.empty()) {
    root_ = top;
    return;
  }
  Node& parent = nodes_[path_.back()];
  (key < parent.key ? parent.left : parent.right) = top;
  // (Rotations may have taken some of path_'s nodes below the new one, and recomputed them.)
  for (std::size_t i = path_.size(); i-- > std::min(stale, path_.size());) pull(path_[i]);
}

void AvailabilityProfile::change(Time from, Time to, int delta, int refs) {
  // The part of an interval before the origin is forgotten: a change at or before it is one of
  // the segment in progress, base_. Nothing comes after kTimeInfinity.
  const bool ends = to != kTimeInfinity;
  if (from > origin_) {
    update(from, delta, refs, ends ? to : kNoKey);
  } else {
    base_ += delta;
  }
  if (ends) update(to, -delta, refs, kNoKey);
}

int AvailabilityProfile::free_at(Time t) const {
  assert(t >= origin_);
  int free = base_;
  for (NodeId node = root_; node != kNil;) {
    const Node& n = nodes_[node];
    if (n.key <= t) {
      free += nodes_[n.left].sum + n.delta;
      node = n.right;
    } else {
      node = n.left;
    }
  }
  return free;
}

Time AvailabilityProfile::next_breakpoint(Time t) const {
  if (t < origin_) return origin_;  // the origin is a breakpoint too, outside the tree
  Time next = kTimeInfinity;
  for (NodeId node = root_; node != kNil;) {
    if (nodes_[node].key > t) {
      next = nodes_[node].key;
      node = nodes_[node].left;
    } else {
      node = nodes_[node].right;
    }
  }
  return next;
}

void AvailabilityProfile::add(Time from, Time to, int delta) {
  const Time start = std::max(from, origin_);
  if (start >= to || delta == 0) return;
  forget_misses();
  change(from, to, delta, 1);
}

void AvailabilityProfile::remove(Time from, Time to, int delta) {
  // add() made the same two changes, at the same breakpoints or, for those the origin has
  // passed since, in base_ (advance_to folded them there). An interval wholly in the past has
  // both in base_, where they cancel: nothing is left to undo.
  const Time start = std::max(from, origin_);
  if (start >= to || delta == 0) return;
  forget_misses();
  change(from, to, -delta, -1);
}

void AvailabilityProfile::advance_to(Time now) {
  if (now <= origin_) return;
  forget_misses();
  NodeId past = kNil;
  NodeId rest = kNil;
  split(root_, now, past, rest);
  // The changes up to `now` (a breakpoint at `now` included: it becomes the origin) make the
  // free count at `now`.
  base_ += nodes_[past].sum;
  free_subtree(past);
  root_ = rest;
  origin_ = now;
}

AvailabilityProfile::NodeId AvailabilityProfile::first_at_least(NodeId node, int acc, Time after,
                                                                int need) const {
  if (node == kNil) return kNil;
  const Node& n = nodes_[node];
  if (acc + n.max < need) return kNil;
  const int own = acc + nodes_[n.left].sum + n.delta;
  if (n.key <= after) return first_at_least(n.right, own, after, need);
  const NodeId found = first_at_least(n.left, acc, after, need);
  if (found != kNil) return found;
  if (own >= need) return node;
  return first_at_least(n.right, own, after, need);
}

AvailabilityProfile::NodeId AvailabilityProfile::first_below(NodeId node, int acc, Time after,
                                                             int need) const {
  if (node == kNil) return kNil;
  const Node& n = nodes_[node];
  if (acc + n.min >= need) return kNil;
  const int own = acc + nodes_[n.left].sum + n.delta;
  if (n.key <= after) return first_below(n.right, own, after, need);
  const NodeId found = first_below(n.left, acc, after, need);
  if (found != kNil) return found;
  if (own < need) return node;
  return first_below(n.right, own, after, need);
}

int AvailabilityProfile::max_between(NodeId node, int acc, Time after, Time before) const {
  if (node == kNil) return std::numeric_limits<int>::min();
  const Node& n = nodes_[node];
  if (n.last <= after || n.first >= before) return std::numeric_limits<int>::min();
  if (n.first > after && n.last < before) return acc + n.max;
  const int own = acc + nodes_[n.left].sum + n.delta;
  int most = n.key > after && n.key < before ? own : std::numeric_limits<int>::min();
  most = std::max(most, max_between(n.left, acc, after, before));
  return std::max(most, max_between(n.right, own, after, before));
}

int AvailabilityProfile::most_free(Time from, Time to) const {
  const Time t = std::max(from, origin_);
  if (t >= to) return std::numeric_limits<int>::min();
  return std::max(free_at(t), max_between(root_, base_, t, to));
}

Time AvailabilityProfile::first_short_of(Time from, int need) const {
  const Time t = std::max(from, origin_);
  if (free_at(t) < need) return t;
  const NodeId found = first_below(root_, base_, t, need);
  return found == kNil ? kTimeInfinity : nodes_[found].key;
}

bool AvailabilityProfile::scan(NodeId node, int acc, Time after, int need, Time duration,
                               Time before, Time& run_start) const {
  if (node == kNil) return false;
  const Node& n = nodes_[node];
  const int own = acc + nodes_[n.left].sum + n.delta;
  if (n.key <= after) return scan(n.right, own, after, need, duration, before, run_start);
  if (n.first > after) {
    // The whole subtree lies after `after`.
    if (run_start != kTimeInfinity && n.first >= saturating_add(run_start, duration)) return true;
    if (run_start == kTimeInfinity && n.first >= before) return true;  // none starts in time
    if (acc + n.min >= need) {  // all enough: the stretch goes on (or begins here)
      if (run_start == kTimeInfinity) run_start = n.first;
      return false;
    }
    if (acc + n.max < need) {  // all too few: the stretch ends at its first segment
      run_start = kTimeInfinity;
      return false;
    }
  }
  if (scan(n.left, acc, after, need, duration, before, run_start)) return true;
  if (run_start != kTimeInfinity && n.key >= saturating_add(run_start, duration)) return true;
  if (own >= need) {
    if (run_start == kTimeInfinity) {
      if (n.key >= before) return true;
      run_start = n.key;
    }
  } else {
    run_start = kTimeInfinity;
  }
  return scan(n.right, own, after, need, duration, before, run_start);
}

Time AvailabilityProfile::skip_missed(Time from, int need, Time duration) const {
  // A stretch for more GPUs, or a longer one, is also one for fewer or a shorter one. Misses can
  // chain (one ends where another begins), hence the repeat.
  bool moved = true;
  while (moved) {
    moved = false;
    for (std::size_t i = 0; i < miss_count_; ++i) {
      const Miss& miss = misses_[i];
      if (miss.need <= need && miss.duration <= duration && miss.from <= from && from < miss.to) {
        from = miss.to;
        moved = true;
      }
    }
  }
  return from;
}

void AvailabilityProfile::remember_miss(Time from, Time to, int need, Time duration) const {
  if (from >= to) return;
  Miss& slot = misses_[miss_count_ < kMisses ? miss_count_++ : next_miss_++ % kMisses];
  slot = {need, duration, from, to};
}

Time AvailabilityProfile::earliest_fit(Time from, Time duration, int need, Time before) const {
  if (need > 0 && duration > 0) {
    const Time asked = std::max(from, origin_);
    const Time start = skip_missed(asked, need, duration);
    if (start >= before) return kTimeInfinity;
    const Time fit =
        start == kTimeInfinity ? kTimeInfinity : find_fit(start, duration, need, before);
    // Nothing begins in [asked, fit), nor, when none was found, before `before`.
    remember_miss(asked, fit == kTimeInfinity ? before : fit, need, duration);
    return fit;
  }
  return find_fit(from, duration, need, before);
}

Time AvailabilityProfile::find_fit(Time from, Time duration, int need, Time before) const {
  const Time t = std::max(from, origin_);
  if (need <= 0) return t;
  const bool enough_at_t = free_at(t) >= need;
  if (duration <= 0) {
    if (enough_at_t) return t;
    const NodeId next = first_at_least(root_, base_, t, need);
    return next == kNil ? kTimeInfinity : nodes_[next].key;
  }
  if (!enough_at_t && t >= before) return kTimeInfinity;
  Time run_start = enough_at_t ? t : kTimeInfinity;
  // Not found before the last breakpoint: the last segment lasts for ever, so a stretch that
  // reaches it fits (run_start stays kTimeInfinity when the last segment has too few).
  scan(root_, base_, t, need, duration, before, run_start);
  return run_start;
}

}  // namespace podsim
