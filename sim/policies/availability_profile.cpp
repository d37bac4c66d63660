#include "policies/availability_profile.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

namespace podsim {
namespace {

// An empty node from `pool`: one its free list holds, or a new one. (Taking a new one may move
// the pool: references into it do not survive the call.)
template <typename Node>
std::int32_t take_node(std::vector<Node>& pool, std::vector<std::int32_t>& free_list) {
  if (free_list.empty()) {
    pool.emplace_back();
    return static_cast<std::int32_t>(pool.size() - 1);
  }
  const std::int32_t id = free_list.back();
  free_list.pop_back();
  pool[static_cast<std::size_t>(id)].size = 0;
  return id;
}

}  // namespace

AvailabilityProfile::AvailabilityProfile(Time origin, int capacity)
    : root_(new_leaf()), origin_(origin), capacity_(capacity), base_(capacity) {}

AvailabilityProfile::NodeId AvailabilityProfile::new_leaf() {
  return take_node(leaves_, free_leaves_);
}

AvailabilityProfile::NodeId AvailabilityProfile::new_inner() {
  return take_node(inners_, free_inners_);
}

void AvailabilityProfile::free_subtree(NodeId node, int height) {
  if (height == 0) {
    size_ -= static_cast<std::size_t>(leaf(node).size);
    free_leaves_.push_back(node);
    return;
  }
  const Inner& parent = inner(node);
  for (int slot = 0; slot < parent.size; ++slot) free_subtree(parent.children[slot], height - 1);
  free_inners_.push_back(node);
}

AvailabilityProfile::Summary AvailabilityProfile::summarize(NodeId node, int height) const {
  Summary summary;
  int running = 0;
  if (height == 0) {
    const Leaf& l = leaf(node);
    if (l.size == 0) return summary;
    summary.first = l.keys[0];
    summary.last = l.keys[static_cast<std::size_t>(l.size - 1)];
    for (int i = 0; i < l.size; ++i) {
      running += l.deltas[static_cast<std::size_t>(i)];
      summary.min = std::min(summary.min, running);
      summary.max = std::max(summary.max, running);
    }
  } else {
    const Inner& n = inner(node);
    if (n.size == 0) return summary;
    summary.first = n.summaries[0].first;
    summary.last = n.summaries[static_cast<std::size_t>(n.size - 1)].last;
    for (int i = 0; i < n.size; ++i) {
      const Summary& child = n.summaries[static_cast<std::size_t>(i)];
      summary.min = std::min(summary.min, running + child.min);
      summary.max = std::max(summary.max, running + child.max);
      running += child.sum;
    }
  }
  summary.sum = running;
  return summary;
}

AvailabilityProfile::NodeId AvailabilityProfile::split_node(NodeId node, int height) {
  constexpr int kHalf = kFanout / 2;
  if (height == 0) {
    const NodeId right = new_leaf();  // (before taking references: it may grow leaves_)
    Leaf& from = leaf(node);
    Leaf& to = leaf(right);
    std::copy(from.keys.begin() + kHalf, from.keys.begin() + from.size, to.keys.begin());
    std::copy(from.deltas.begin() + kHalf, from.deltas.begin() + from.size, to.deltas.begin());
    std::copy(from.refs.begin() + kHalf, from.refs.begin() + from.size, to.refs.begin());
    to.size = from.size - kHalf;
    from.size = kHalf;
    return right;
  }
  const NodeId right = new_inner();
  Inner& from = inner(node);
  Inner& to = inner(right);
  std::copy(from.children.begin() + kHalf, from.children.begin() + from.size, to.children.begin());
  std::copy(from.summaries.begin() + kHalf, from.summaries.begin() + from.size,
            to.summaries.begin());
  to.size = from.size - kHalf;
  from.size = kHalf;
  return right;
}

void AvailabilityProfile::erase_entries(Leaf& l, int at, int count) {
  std::copy(l.keys.begin() + at + count, l.keys.begin() + l.size, l.keys.begin() + at);
  std::copy(l.deltas.begin() + at + count, l.deltas.begin() + l.size, l.deltas.begin() + at);
  std::copy(l.refs.begin() + at + count, l.refs.begin() + l.size, l.refs.begin() + at);
  l.size -= count;
  size_ -= static_cast<std::size_t>(count);
}

void AvailabilityProfile::insert_child(NodeId node, int slot, NodeId child, int height) {
  const Summary summary = summarize(child, height);
  Inner& n = inner(node);
  assert(n.size < kFanout);
  std::copy_backward(n.children.begin() + slot, n.children.begin() + n.size,
                     n.children.begin() + n.size + 1);
  std::copy_backward(n.summaries.begin() + slot, n.summaries.begin() + n.size,
                     n.summaries.begin() + n.size + 1);
  n.children[static_cast<std::size_t>(slot)] = child;
  n.summaries[static_cast<std::size_t>(slot)] = summary;
  ++n.size;
}

void AvailabilityProfile::erase_child(NodeId node, int slot) {
  Inner& n = inner(node);
  std::copy(n.children.begin() + slot + 1, n.children.begin() + n.size, n.children.begin() + slot);
  std::copy(n.summaries.begin() + slot + 1, n.summaries.begin() + n.size,
            n.summaries.begin() + slot);
  --n.size;
}

void AvailabilityProfile::merge_small_child(NodeId node, int slot, int child_height) {
  const auto merge_pair = [&](int left_slot) {
    Inner& n = inner(node);
    if (left_slot < 0 || left_slot + 1 >= n.size) return false;
    const NodeId a = n.children[static_cast<std::size_t>(left_slot)];
    const NodeId b = n.children[static_cast<std::size_t>(left_slot + 1)];
    if (size_of(a, child_height) + size_of(b, child_height) > kFanout / 2) return false;
    if (child_height == 0) {
      Leaf& into = leaf(a);
      const Leaf& from = leaf(b);
      std::copy(from.keys.begin(), from.keys.begin() + from.size, into.keys.begin() + into.size);
      std::copy(from.deltas.begin(), from.deltas.begin() + from.size,
                into.deltas.begin() + into.size);
      std::copy(from.refs.begin(), from.refs.begin() + from.size, into.refs.begin() + into.size);
      into.size += from.size;
      free_leaves_.push_back(b);
    } else {
      Inner& into = inner(a);
      const Inner& from = inner(b);
      std::copy(from.children.begin(), from.children.begin() + from.size,
                into.children.begin() + into.size);
      std::copy(from.summaries.begin(), from.summaries.begin() + from.size,
                into.summaries.begin() + into.size);
      into.size += from.size;
      free_inners_.push_back(b);
    }
    n.summaries[static_cast<std::size_t>(left_slot)] = summarize(a, child_height);
    erase_child(node, left_slot + 1);
    return true;
  };
  if (!merge_pair(slot)) merge_pair(slot - 1);
}

void AvailabilityProfile::repair_path(NodeId changed, NodeId sibling) {
  NodeId child = changed;
  for (std::size_t level = path_.size(); level-- > 0;) {
    const auto [parent, slot] = path_[level];
    const int child_height = height_ - 1 - static_cast<int>(level);
    if (size_of(child, child_height) == 0) {
      // (A split leaves both halves full enough: an emptied node has no new sibling.)
      free_subtree(child, child_height);
      erase_child(parent, slot);
    } else {
      inner(parent).summaries[static_cast<std::size_t>(slot)] = summarize(child, child_height);
      if (sibling != kNoNode) {
        NodeId parent_sibling = kNoNode;
        if (inner(parent).size == kFanout) {
          parent_sibling = split_node(parent, child_height + 1);
          if (slot + 1 <= kFanout / 2) {
            insert_child(parent, slot + 1, sibling, child_height);
          } else {
            insert_child(parent_sibling, slot + 1 - kFanout / 2, sibling, child_height);
          }
        } else {
          insert_child(parent, slot + 1, sibling, child_height);
        }
        sibling = parent_sibling;
      } else if (size_of(child, child_height) < kFanout / 4) {
        merge_small_child(parent, slot, child_height);
      }
    }
    child = parent;
  }
  settle_root(sibling);
}

void AvailabilityProfile::settle_root(NodeId sibling) {
  if (sibling != kNoNode) {
    const NodeId top = new_inner();
    insert_child(top, 0, root_, height_);
    insert_child(top, 1, sibling, height_);
    root_ = top;
    ++height_;
  }
  while (height_ > 0 && inner(root_).size <= 1) {
    const NodeId old = root_;
    if (inner(old).size == 0) {
      root_ = new_leaf();
      height_ = 0;
    } else {
      root_ = inner(old).children[0];
      --height_;
    }
    free_inners_.push_back(old);
  }
}

void AvailabilityProfile::update(Time key, int delta, int refs) {
  path_.clear();
  NodeId node = root_;
  for (int height = height_; height > 0; --height) {
    const Inner& n = inner(node);
    // The last child whose first key is at or before `key` (the first if none is).
    int low = 0;
    int high = n.size - 1;
    while (low < high) {
      const int mid = (low + high + 1) / 2;
      if (n.summaries[static_cast<std::size_t>(mid)].first <= key) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    path_.push_back({node, low});
    node = n.children[static_cast<std::size_t>(low)];
  }
  Leaf* l = &leaf(node);
  const int at = static_cast<int>(
      std::lower_bound(l->keys.begin(), l->keys.begin() + l->size, key) - l->keys.begin());
  const auto index = static_cast<std::size_t>(at);
  NodeId sibling = kNoNode;
  if (at < l->size && l->keys[index] == key) {
    l->deltas[index] += delta;
    l->refs[index] += refs;
    if (l->refs[index] == 0) {
      // No interval begins or ends here any more, so the change here is 0 again and erasing it
      // moves no count.
      assert(l->deltas[index] == 0);
      erase_entries(*l, at, 1);
    }
  } else {
    assert(refs > 0);
    NodeId target = node;
    int position = at;
    if (l->size == kFanout) {
      sibling = split_node(node, 0);
      if (at > kFanout / 2) {
        target = sibling;
        position = at - kFanout / 2;
      }
    }
    l = &leaf(target);
    std::copy_backward(l->keys.begin() + position, l->keys.begin() + l->size,
                       l->keys.begin() + l->size + 1);
    std::copy_backward(l->deltas.begin() + position, l->deltas.begin() + l->size,
                       l->deltas.begin() + l->size + 1);
    std::copy_backward(l->refs.begin() + position, l->refs.begin() + l->size,
                       l->refs.begin() + l->size + 1);
    const auto slot = static_cast<std::size_t>(position);
    l->keys[slot] = key;
    l->deltas[slot] = delta;
    l->refs[slot] = refs;
    ++l->size;
    ++size_;
  }
  repair_path(node, sibling);
}

void AvailabilityProfile::change(Time from, Time to, int delta, int refs) {
  // The part of an interval before the origin is forgotten: a change at or before it is one of
  // the segment in progress, base_. Nothing comes after kTimeInfinity.
  if (from > origin_) {
    update(from, delta, refs);
  } else {
    base_ += delta;
  }
  if (to != kTimeInfinity) update(to, -delta, refs);
}

int AvailabilityProfile::free_at(Time t) const {
  assert(t >= origin_);
  int free = base_;
  NodeId node = root_;
  for (int height = height_; height > 0; --height) {
    const Inner& n = inner(node);
    int slot = 0;
    while (slot < n.size && n.summaries[static_cast<std::size_t>(slot)].last <= t) {
      free += n.summaries[static_cast<std::size_t>(slot)].sum;
      ++slot;
    }
    if (slot == n.size || n.summaries[static_cast<std::size_t>(slot)].first > t) return free;
    node = n.children[static_cast<std::size_t>(slot)];
  }
  const Leaf& l = leaf(node);
  for (int i = 0; i < l.size && l.keys[static_cast<std::size_t>(i)] <= t; ++i) {
    free += l.deltas[static_cast<std::size_t>(i)];
  }
  return free;
}

Time AvailabilityProfile::next_breakpoint(Time t) const {
  if (t < origin_) return origin_;  // the origin is a breakpoint too, outside the tree
  NodeId node = root_;
  for (int height = height_; height > 0; --height) {
    const Inner& n = inner(node);
    int slot = 0;
    while (slot < n.size && n.summaries[static_cast<std::size_t>(slot)].last <= t) ++slot;
    if (slot == n.size) return kTimeInfinity;
    node = n.children[static_cast<std::size_t>(slot)];
  }
  const Leaf& l = leaf(node);
  const auto next = std::upper_bound(l.keys.begin(), l.keys.begin() + l.size, t);
  return next == l.keys.begin() + l.size ? kTimeInfinity : *next;
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

bool AvailabilityProfile::drop_upto(NodeId node, int height, Time now, int& folded) {
  if (height == 0) {
    Leaf& l = leaf(node);
    int dropped = 0;
    while (dropped < l.size && l.keys[static_cast<std::size_t>(dropped)] <= now) {
      folded += l.deltas[static_cast<std::size_t>(dropped)];
      ++dropped;
    }
    erase_entries(l, 0, dropped);
    return l.size == 0;
  }
  // Whole children first, then the one the origin falls in. (Nothing below allocates a node, so
  // `n` stays valid.)
  Inner& n = inner(node);
  int whole = 0;
  while (whole < n.size && n.summaries[static_cast<std::size_t>(whole)].last <= now) {
    folded += n.summaries[static_cast<std::size_t>(whole)].sum;
    free_subtree(n.children[static_cast<std::size_t>(whole)], height - 1);
    ++whole;
  }
  std::copy(n.children.begin() + whole, n.children.begin() + n.size, n.children.begin());
  std::copy(n.summaries.begin() + whole, n.summaries.begin() + n.size, n.summaries.begin());
  n.size -= whole;
  if (n.size > 0 && n.summaries[0].first <= now) {
    const NodeId first = n.children[0];
    if (drop_upto(first, height - 1, now, folded)) {
      free_subtree(first, height - 1);
      erase_child(node, 0);
    } else {
      n.summaries[0] = summarize(first, height - 1);
      if (size_of(first, height - 1) < kFanout / 4) merge_small_child(node, 0, height - 1);
    }
  }
  return n.size == 0;
}

void AvailabilityProfile::advance_to(Time now) {
  if (now <= origin_) return;
  forget_misses();
  // The changes up to `now` (a breakpoint at `now` included: it becomes the origin) make the
  // free count at `now`.
  int folded = 0;
  drop_upto(root_, height_, now, folded);
  base_ += folded;
  origin_ = now;
  settle_root(kNoNode);
}

Time AvailabilityProfile::first_crossing(NodeId node, int height, int acc, Time after, int need,
                                         bool below) const {
  const auto crosses = [&](int free) { return below ? free < need : free >= need; };
  if (height == 0) {
    const Leaf& l = leaf(node);
    for (int i = 0; i < l.size; ++i) {
      const auto index = static_cast<std::size_t>(i);
      acc += l.deltas[index];
      if (l.keys[index] > after && crosses(acc)) return l.keys[index];
    }
    return kTimeInfinity;
  }
  const Inner& n = inner(node);
  for (int i = 0; i < n.size; ++i) {
    const Summary& child = n.summaries[static_cast<std::size_t>(i)];
    // A child wholly after `after` holds a crossing only if its least (most) free does.
    const bool may_cross = child.last > after &&
                           (child.first <= after || crosses(acc + (below ? child.min : child.max)));
    if (may_cross) {
      const Time found = first_crossing(n.children[static_cast<std::size_t>(i)], height - 1, acc,
                                        after, need, below);
      if (found != kTimeInfinity) return found;
    }
    acc += child.sum;
  }
  return kTimeInfinity;
}

int AvailabilityProfile::max_between(NodeId node, int height, int acc, Time after,
                                     Time before) const {
  int most = std::numeric_limits<int>::min();
  if (height == 0) {
    const Leaf& l = leaf(node);
    for (int i = 0; i < l.size; ++i) {
      const auto index = static_cast<std::size_t>(i);
      if (l.keys[index] >= before) break;
      acc += l.deltas[index];
      if (l.keys[index] > after) most = std::max(most, acc);
    }
    return most;
  }
  const Inner& n = inner(node);
  for (int i = 0; i < n.size; ++i) {
    const Summary& child = n.summaries[static_cast<std::size_t>(i)];
    if (child.first >= before) break;
    if (child.last > after) {
      most = std::max(most, child.first > after && child.last < before
                                ? acc + child.max
                                : max_between(n.children[static_cast<std::size_t>(i)], height - 1,
                                              acc, after, before));
    }
    acc += child.sum;
  }
  return most;
}

int AvailabilityProfile::most_free(Time from, Time to) const {
  const Time t = std::max(from, origin_);
  if (t >= to) return std::numeric_limits<int>::min();
  return std::max(free_at(t), max_between(root_, height_, base_, t, to));
}

Time AvailabilityProfile::first_short_of(Time from, int need) const {
  const Time t = std::max(from, origin_);
  if (free_at(t) < need) return t;
  return first_crossing(root_, height_, base_, t, need, true);
}

bool AvailabilityProfile::scan(NodeId node, int height, int acc, Time after, int need,
                               Time duration, Time before, Time& run_start) const {
  // One breakpoint: the free count from `key` on is `free`.
  const auto step = [&](Time key, int free) {
    if (run_start != kTimeInfinity && key >= saturating_add(run_start, duration)) return true;
    if (free >= need) {
      if (run_start == kTimeInfinity) {
        if (key >= before) return true;  // none starts in time
        run_start = key;
      }
    } else {
      run_start = kTimeInfinity;
    }
    return false;
  };
  if (height == 0) {
    const Leaf& l = leaf(node);
    for (int i = 0; i < l.size; ++i) {
      const auto index = static_cast<std::size_t>(i);
      acc += l.deltas[index];
      if (l.keys[index] > after && step(l.keys[index], acc)) return true;
    }
    return false;
  }
  const Inner& n = inner(node);
  for (int i = 0; i < n.size; ++i) {
    const Summary& child = n.summaries[static_cast<std::size_t>(i)];
    if (child.last <= after) {
      acc += child.sum;
      continue;
    }
    if (child.first > after) {
      // The whole subtree lies after `after`.
      if (run_start != kTimeInfinity && child.first >= saturating_add(run_start, duration)) {
        return true;
      }
      if (run_start == kTimeInfinity && child.first >= before) return true;
      if (acc + child.min >= need) {  // all enough: the stretch goes on (or begins here)
        if (run_start == kTimeInfinity) run_start = child.first;
        acc += child.sum;
        continue;
      }
      if (acc + child.max < need) {  // all too few: the stretch ends at its first segment
        run_start = kTimeInfinity;
        acc += child.sum;
        continue;
      }
    }
    if (scan(n.children[static_cast<std::size_t>(i)], height - 1, acc, after, need, duration,
             before, run_start)) {
      return true;
    }
    acc += child.sum;
  }
  return false;
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
    return first_crossing(root_, height_, base_, t, need, false);
  }
  if (!enough_at_t && t >= before) return kTimeInfinity;
  Time run_start = enough_at_t ? t : kTimeInfinity;
  // Not found before the last breakpoint: the last segment lasts for ever, so a stretch that
  // reaches it fits (run_start stays kTimeInfinity when the last segment has too few).
  scan(root_, height_, base_, t, need, duration, before, run_start);
  return run_start;
}

}  // namespace podsim
