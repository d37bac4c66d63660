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
    : origin_(origin), capacity_(capacity) {
  root_ = make_node(origin, capacity);
}

AvailabilityProfile::NodeId AvailabilityProfile::make_node(Time key, int value) {
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
  node.key = key;
  node.first = key;
  node.last = key;
  node.priority = next_priority(priority_state_);
  node.value = node.min = node.max = value;
  ++size_;
  return id;
}

void AvailabilityProfile::free_subtree(NodeId node) {
  // Iterative: a subtree of the past may be large after a long quiet period.
  if (node == kNil) return;
  std::vector<NodeId> stack{node};
  while (!stack.empty()) {
    const NodeId n = stack.back();
    stack.pop_back();
    if (nodes_[n].left != kNil) stack.push_back(nodes_[n].left);
    if (nodes_[n].right != kNil) stack.push_back(nodes_[n].right);
    free_list_.push_back(n);
    --size_;
  }
}

void AvailabilityProfile::apply(NodeId node, int delta) {
  if (node == kNil) return;
  Node& n = nodes_[node];
  n.value += delta;
  n.min += delta;
  n.max += delta;
  n.lazy += delta;
}

void AvailabilityProfile::push(NodeId node) {
  Node& n = nodes_[node];
  if (n.lazy == 0) return;
  apply(n.left, n.lazy);
  apply(n.right, n.lazy);
  n.lazy = 0;
}

void AvailabilityProfile::pull(NodeId node) {
  Node& n = nodes_[node];
  n.min = n.max = n.value;
  // Children's figures exclude this node's pending add; it is counted here, so range_apply
  // need not push it down first.
  if (n.left != kNil) {
    const Node& left = nodes_[n.left];
    n.min = std::min(n.min, left.min + n.lazy);
    n.max = std::max(n.max, left.max + n.lazy);
    n.first = left.first;
  } else {
    n.first = n.key;
  }
  if (n.right != kNil) {
    const Node& right = nodes_[n.right];
    n.min = std::min(n.min, right.min + n.lazy);
    n.max = std::max(n.max, right.max + n.lazy);
    n.last = right.last;
  } else {
    n.last = n.key;
  }
}

void AvailabilityProfile::split(NodeId node, Time key, NodeId& less, NodeId& rest) {
  if (node == kNil) {
    less = rest = kNil;
    return;
  }
  push(node);
  if (nodes_[node].key < key) {
    NodeId inner_less = kNil;
    split(nodes_[node].right, key, inner_less, rest);
    nodes_[node].right = inner_less;
    pull(node);
    less = node;
  } else {
    NodeId inner_rest = kNil;
    split(nodes_[node].left, key, less, inner_rest);
    nodes_[node].left = inner_rest;
    pull(node);
    rest = node;
  }
}

AvailabilityProfile::NodeId AvailabilityProfile::merge(NodeId a, NodeId b) {
  if (a == kNil) return b;
  if (b == kNil) return a;
  if (nodes_[a].priority > nodes_[b].priority) {
    push(a);
    nodes_[a].right = merge(nodes_[a].right, b);
    pull(a);
    return a;
  }
  push(b);
  nodes_[b].left = merge(a, nodes_[b].left);
  pull(b);
  return b;
}

AvailabilityProfile::NodeId AvailabilityProfile::find(Time key) const {
  NodeId node = root_;
  while (node != kNil && nodes_[node].key != key) {
    node = key < nodes_[node].key ? nodes_[node].left : nodes_[node].right;
  }
  return node;
}

int AvailabilityProfile::free_at(Time t) const {
  assert(t >= origin_);
  int value = 0;
  int acc = 0;  // pending adds of the ancestors of `node`
  for (NodeId node = root_; node != kNil;) {
    const Node& n = nodes_[node];
    if (n.key <= t) {
      value = n.value + acc;
      acc += n.lazy;
      node = n.right;
    } else {
      acc += n.lazy;
      node = n.left;
    }
  }
  return value;
}

AvailabilityProfile::NodeId AvailabilityProfile::insert(NodeId node, NodeId item) {
  if (node == kNil) return item;
  if (nodes_[item].priority > nodes_[node].priority) {
    NodeId less = kNil;
    NodeId rest = kNil;
    split(node, nodes_[item].key, less, rest);
    nodes_[item].left = less;
    nodes_[item].right = rest;
    pull(item);
    return item;
  }
  push(node);
  if (nodes_[item].key < nodes_[node].key) {
    const NodeId child = insert(nodes_[node].left, item);
    nodes_[node].left = child;
  } else {
    const NodeId child = insert(nodes_[node].right, item);
    nodes_[node].right = child;
  }
  pull(node);
  return node;
}

AvailabilityProfile::NodeId AvailabilityProfile::erase(NodeId node, Time key) {
  assert(node != kNil);
  push(node);
  if (nodes_[node].key == key) {
    const NodeId joined = merge(nodes_[node].left, nodes_[node].right);
    free_list_.push_back(node);
    --size_;
    return joined;
  }
  if (key < nodes_[node].key) {
    const NodeId child = erase(nodes_[node].left, key);
    nodes_[node].left = child;
  } else {
    const NodeId child = erase(nodes_[node].right, key);
    nodes_[node].right = child;
  }
  pull(node);
  return node;
}

void AvailabilityProfile::range_apply(NodeId node, Time from, Time to, int delta) {
  if (node == kNil) return;
  Node& n = nodes_[node];  // no allocation below: the reference stays valid
  if (n.last < from || n.first >= to) return;
  if (n.first >= from && n.last < to) {
    apply(node, delta);
    return;
  }
  range_apply(n.left, from, to, delta);
  if (n.key >= from && n.key < to) n.value += delta;
  range_apply(n.right, from, to, delta);
  pull(node);
}

Time AvailabilityProfile::next_breakpoint(Time t) const {
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

void AvailabilityProfile::reference(Time key) {
  if (key <= origin_ || key == kTimeInfinity) return;
  NodeId node = find(key);
  if (node == kNil) {
    // A new breakpoint splits the segment it falls in; both halves keep its value.
    node = make_node(key, free_at(key));
    root_ = insert(root_, node);
  }
  ++nodes_[node].refs;
}

void AvailabilityProfile::release(Time key) {
  if (key <= origin_ || key == kTimeInfinity) return;
  const NodeId node = find(key);
  assert(node != kNil && nodes_[node].refs > 0);
  if (--nodes_[node].refs > 0) return;
  // No interval begins or ends here any more, so the value equals the previous segment's.
  root_ = erase(root_, key);
}

void AvailabilityProfile::range_add(Time from, Time to, int delta) {
  range_apply(root_, from, to, delta);
}

void AvailabilityProfile::add(Time from, Time to, int delta) {
  const Time start = std::max(from, origin_);
  if (start >= to || delta == 0) return;
  forget_misses();
  reference(from);
  reference(to);
  range_add(start, to, delta);
}

void AvailabilityProfile::remove(Time from, Time to, int delta) {
  const Time start = std::max(from, origin_);
  if (start >= to || delta == 0) return;
  forget_misses();
  range_add(start, to, -delta);
  release(to);
  release(from);
}

void AvailabilityProfile::advance_to(Time now) {
  if (now <= origin_) return;
  forget_misses();
  NodeId past = kNil;
  NodeId rest = kNil;
  split(root_, now, past, rest);
  NodeId first = rest;
  while (first != kNil && nodes_[first].left != kNil) first = nodes_[first].left;
  if (first == kNil || nodes_[first].key != now) {
    // The segment that contains `now` began in the past: its node becomes the origin.
    NodeId last = past;
    while (nodes_[last].right != kNil) last = nodes_[last].right;
    NodeId older = kNil;
    NodeId containing = kNil;
    split(past, nodes_[last].key, older, containing);
    nodes_[containing].key = now;
    nodes_[containing].first = now;
    nodes_[containing].last = now;
    nodes_[containing].refs = 0;
    past = older;
    rest = merge(containing, rest);
  }
  free_subtree(past);
  root_ = rest;
  origin_ = now;
}

AvailabilityProfile::NodeId AvailabilityProfile::first_at_least(NodeId node, int acc, Time after,
                                                                 int need) const {
  if (node == kNil) return kNil;
  const Node& n = nodes_[node];
  if (n.max + acc < need) return kNil;
  const int child_acc = acc + n.lazy;
  if (n.key <= after) return first_at_least(n.right, child_acc, after, need);
  const NodeId found = first_at_least(n.left, child_acc, after, need);
  if (found != kNil) return found;
  if (n.value + acc >= need) return node;
  return first_at_least(n.right, child_acc, after, need);
}

AvailabilityProfile::NodeId AvailabilityProfile::first_below(NodeId node, int acc, Time after,
                                                              int need) const {
  if (node == kNil) return kNil;
  const Node& n = nodes_[node];
  if (n.min + acc >= need) return kNil;
  const int child_acc = acc + n.lazy;
  if (n.key <= after) return first_below(n.right, child_acc, after, need);
  const NodeId found = first_below(n.left, child_acc, after, need);
  if (found != kNil) return found;
  if (n.value + acc < need) return node;
  return first_below(n.right, child_acc, after, need);
}

int AvailabilityProfile::max_between(NodeId node, int acc, Time after, Time before) const {
  if (node == kNil) return std::numeric_limits<int>::min();
  const Node& n = nodes_[node];
  if (n.last <= after || n.first >= before) return std::numeric_limits<int>::min();
  if (n.first > after && n.last < before) return n.max + acc;
  const int child_acc = acc + n.lazy;
  int most = n.key > after && n.key < before ? n.value + acc : std::numeric_limits<int>::min();
  most = std::max(most, max_between(n.left, child_acc, after, before));
  return std::max(most, max_between(n.right, child_acc, after, before));
}

int AvailabilityProfile::most_free(Time from, Time to) const {
  const Time t = std::max(from, origin_);
  if (t >= to) return std::numeric_limits<int>::min();
  return std::max(free_at(t), max_between(root_, 0, t, to));
}

Time AvailabilityProfile::first_short_of(Time from, int need) const {
  const Time t = std::max(from, origin_);
  if (free_at(t) < need) return t;
  const NodeId found = first_below(root_, 0, t, need);
  return found == kNil ? kTimeInfinity : nodes_[found].key;
}

bool AvailabilityProfile::scan(NodeId node, int acc, Time after, int need, Time duration,
                               Time before, Time& run_start) const {
  if (node == kNil) return false;
  const Node& n = nodes_[node];
  const int child_acc = acc + n.lazy;
  if (n.key <= after) return scan(n.right, child_acc, after, need, duration, before, run_start);
  if (n.first > after) {
    // The whole subtree lies after `after`.
    if (run_start != kTimeInfinity && n.first >= saturating_add(run_start, duration)) return true;
    if (run_start == kTimeInfinity && n.first >= before) return true;  // none starts in time
    if (n.min + acc >= need) {  // all enough: the stretch goes on (or begins here)
      if (run_start == kTimeInfinity) run_start = n.first;
      return false;
    }
    if (n.max + acc < need) {  // all too few: the stretch ends at its first segment
      run_start = kTimeInfinity;
      return false;
    }
  }
  if (scan(n.left, child_acc, after, need, duration, before, run_start)) return true;
  if (run_start != kTimeInfinity && n.key >= saturating_add(run_start, duration)) return true;
  if (n.value + acc >= need) {
    if (run_start == kTimeInfinity) {
      if (n.key >= before) return true;
      run_start = n.key;
    }
  } else {
    run_start = kTimeInfinity;
  }
  return scan(n.right, child_acc, after, need, duration, before, run_start);
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
    const NodeId next = first_at_least(root_, 0, t, need);
    return next == kNil ? kTimeInfinity : nodes_[next].key;
  }
  if (!enough_at_t && t >= before) return kTimeInfinity;
  Time run_start = enough_at_t ? t : kTimeInfinity;
  // Not found before the last breakpoint: the last segment lasts for ever, so a stretch that
  // reaches it fits (run_start stays kTimeInfinity when the last segment has too few).
  scan(root_, 0, t, need, duration, before, run_start);
  return run_start;
}

}  // namespace podsim
