#include "policies/node_availability.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace podsim {

NodeAvailability::NodeAvailability(Time origin, const std::vector<int>& capacity)
    : origin_(origin) {
  steps_.reserve(capacity.size());
  for (const int gpus : capacity) steps_.push_back(Steps{{origin, gpus}});
  for (const int gpus : capacity) most_capacity_ = std::max(most_capacity_, gpus);
  while (leaves_ < capacity.size()) leaves_ *= 2;
  bounds_.assign(2 * leaves_ * static_cast<std::size_t>(most_capacity_), kTimeInfinity);
  for (int node = 0; node < nodes(); ++node) index_first_free(node);
}

void NodeAvailability::index_first_free(int node) {
  const Steps& steps = steps_[node];
  const auto set_bound = [&](int need, Time bound) {
    std::size_t position = leaves_ + static_cast<std::size_t>(node);
    Time& leaf = bounds_[bound_index(need, position)];
    if (leaf == bound) return;
    leaf = bound;
    // Up the tree while the least of a pair changes.
    for (position /= 2; position >= 1; position /= 2) {
      const Time least = std::min(bounds_[bound_index(need, 2 * position)],
                                  bounds_[bound_index(need, 2 * position + 1)]);
      Time& held = bounds_[bound_index(need, position)];
      if (held == least) break;
      held = least;
    }
  };
  int most = 0;  // the most free so far: every need <= most has its bound
  for (std::size_t i = covering(steps, origin_); i < steps.size() && most < most_capacity_; ++i) {
    if (steps[i].free <= most) continue;
    const Time start = std::max(steps[i].start, origin_);
    const int up_to = std::min(steps[i].free, most_capacity_);
    for (int need = most + 1; need <= up_to; ++need) set_bound(need, start);
    most = up_to;
  }
  for (int need = most + 1; need <= most_capacity_; ++need) set_bound(need, kTimeInfinity);
}

int NodeAvailability::first_node_bound_by(int need, int from_node, Time limit) const {
  if (from_node >= nodes()) return nodes();
  const auto bound = [&](std::size_t position) { return bounds_[bound_index(need, position)]; };
  // Up from the leaf to the first subtree to its right (or itself) that holds such a node...
  std::size_t position = leaves_ + static_cast<std::size_t>(from_node);
  while (bound(position) > limit) {
    while (position % 2 == 1) {
      position /= 2;
      if (position == 0) return nodes();  // (past the root: none)
    }
    ++position;
  }
  // ...then down to its leftmost such leaf.
  while (position < leaves_) {
    position *= 2;
    if (bound(position) > limit) ++position;
  }
  return std::min(static_cast<int>(position - leaves_), nodes());
}

std::size_t NodeAvailability::covering(const Steps& steps, Time t) {
  // Most questions are about the origin or soon after, which the first steps cover.
  if (steps.size() == 1 || steps[1].start > t) return 0;
  const auto after = std::upper_bound(steps.begin(), steps.end(), t,
                                      [](Time key, const Step& step) { return key < step.start; });
  return static_cast<std::size_t>(after - steps.begin()) - 1;
}

std::size_t NodeAvailability::split_at(Steps& steps, Time t) {
  const std::size_t at = covering(steps, t);
  if (steps[at].start == t) return at;
  steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(at) + 1, Step{t, steps[at].free});
  return at + 1;
}

void NodeAvailability::add(int node, Time from, Time to, int delta) {
  from = std::max(from, origin_);
  if (delta == 0 || from >= to) return;
  Steps& steps = steps_[node];
  // Trim the past: keep the step covering the origin and those after it.
  const std::size_t past = covering(steps, origin_);
  if (past > 0) steps.erase(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(past));
  const std::size_t first = split_at(steps, from);
  const std::size_t end = to == kTimeInfinity ? steps.size() : split_at(steps, to);
  for (std::size_t i = first; i < end; ++i) steps[i].free += delta;
  // Canonical form: merge a boundary whose two sides now agree (the later one first, so that
  // `first` still indexes the same step).
  if (end < steps.size() && steps[end].free == steps[end - 1].free) {
    steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(end));
  }
  if (first > 0 && steps[first].free == steps[first - 1].free) {
    steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(first));
  }
  index_first_free(node);
}

int NodeAvailability::free_at(int node, Time t) const {
  const Steps& steps = steps_[node];
  return steps[covering(steps, std::max(t, origin_))].free;
}

Time NodeAvailability::first_short_of(int node, Time from, int need) const {
  from = std::max(from, origin_);
  const Steps& steps = steps_[node];
  for (std::size_t i = covering(steps, from); i < steps.size(); ++i) {
    if (steps[i].free < need) return std::max(steps[i].start, from);
  }
  return kTimeInfinity;
}

int NodeAvailability::most_free(int node, Time from, Time to) const {
  from = std::max(from, origin_);
  const Steps& steps = steps_[node];
  int most = std::numeric_limits<int>::min();
  if (from >= to) return most;
  for (std::size_t i = covering(steps, from); i < steps.size() && steps[i].start < to; ++i) {
    most = std::max(most, steps[i].free);
  }
  return most;
}

void NodeAvailability::longest_runs(int node, Time from, Time to, std::span<Time> longest,
                                    std::span<Time> first_begins) const {
  std::fill(longest.begin(), longest.end(), Time{0});
  std::fill(first_begins.begin(), first_begins.end(), kTimeInfinity);
  from = std::max(from, origin_);
  if (from >= to || longest.empty()) return;
  const Steps& steps = steps_[node];
  const int needs = static_cast<int>(std::min(longest.size(), kMostMeasuredNeeds));
  // run_start[need - 1]: where the stretch of `need` GPUs free now being walked began.
  std::array<Time, kMostMeasuredNeeds> run_start;
  run_start.fill(kTimeInfinity);
  const std::size_t floor = covering(steps, origin_);
  const std::size_t first = covering(steps, from);
  // The stretches open at `from` began where, walking back, the free count first fell short.
  int least = steps[first].free;  // over steps [j, first]
  for (std::size_t j = first;; --j) {
    least = std::min(least, steps[j].free);
    if (least < 1) break;
    for (int need = 1; need <= std::min(least, needs); ++need) {
      run_start[need - 1] = std::max(steps[j].start, origin_);
    }
    if (j == floor) break;
  }
  const auto note_begun = [&](int need, Time begun) {
    if (static_cast<std::size_t>(need) <= first_begins.size()) {
      Time& first_begun = first_begins[static_cast<std::size_t>(need - 1)];
      if (first_begun == kTimeInfinity) first_begun = begun;
    }
  };
  for (int need = 1; need <= needs; ++need) note_begun(need, run_start[need - 1]);
  bool open = steps[first].free >= 1;
  for (std::size_t i = first + 1; i < steps.size() && (open || steps[i].start < to); ++i) {
    const Time start = steps[i].start;
    const int enough = std::clamp(steps[i].free, 0, needs);  // the needs met on this step
    for (int need = 1; need <= enough; ++need) {
      Time& begun = run_start[need - 1];
      if (begun == kTimeInfinity && start < to) {
        begun = start;  // (later ones miss the window)
        note_begun(need, begun);
      }
    }
    for (int need = enough + 1; need <= needs; ++need) {
      Time& begun = run_start[need - 1];
      if (begun == kTimeInfinity) break;  // (stretches of more GPUs are nested in those of fewer)
      longest[need - 1] = std::max(longest[need - 1], start - begun);
      begun = kTimeInfinity;
    }
    open = run_start[0] != kTimeInfinity;
  }
  for (int need = 1; need <= needs; ++need) {
    if (run_start[need - 1] != kTimeInfinity) longest[need - 1] = kTimeInfinity;  // never ends
  }
}

Time NodeAvailability::earliest_fit(int node, Time from, Time duration, int need,
                                    Time before) const {
  from = std::max(from, origin_);
  const Steps& steps = steps_[node];
  Time run_start = kTimeInfinity;  // where the current stretch of enough free GPUs began
  for (std::size_t i = covering(steps, from); i < steps.size(); ++i) {
    const Time start = std::max(steps[i].start, from);
    if (run_start == kTimeInfinity && start >= before) return kTimeInfinity;
    if (steps[i].free < need) {
      run_start = kTimeInfinity;
      continue;
    }
    if (run_start == kTimeInfinity) run_start = start;
    const Time end = i + 1 < steps.size() ? steps[i + 1].start : kTimeInfinity;
    if (end == kTimeInfinity || end - run_start >= duration) return run_start;
  }
  return kTimeInfinity;
}

}  // namespace podsim
