// NodeAvailability: per-node step functions, checked on hand-made cases and against the plain
// vector profile of the conservative reference (naive_conservative.hpp) on random updates.
#include "policies/node_availability.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/rng.hpp"
#include "policies/naive_conservative.hpp"

namespace podsim::test {
namespace {

TEST(NodeAvailability, NodesAreIndependent) {
  NodeAvailability nodes(0, {4, 8});
  nodes.add(0, 10, 20, -3);
  EXPECT_EQ(nodes.free_at(0, 15), 1);
  EXPECT_EQ(nodes.free_at(1, 15), 8);
  EXPECT_EQ(nodes.free_at(0, 20), 4);
  EXPECT_EQ(nodes.steps(1), 1u);
}

TEST(NodeAvailability, RemoveRestoresTheCanonicalSteps) {
  NodeAvailability nodes(0, {8});
  nodes.add(0, 10, 20, -2);
  nodes.add(0, 15, 30, -4);
  nodes.add(0, 20, kTimeInfinity, -1);
  EXPECT_EQ(nodes.steps(0), 5u);  // 0, 10, 15, 20, 30
  nodes.remove(0, 15, 30, -4);
  EXPECT_EQ(nodes.steps(0), 3u);  // 0, 10, 20
  nodes.remove(0, 10, 20, -2);
  nodes.remove(0, 20, kTimeInfinity, -1);
  EXPECT_EQ(nodes.steps(0), 1u);
  EXPECT_EQ(nodes.free_at(0, 25), 8);
}

TEST(NodeAvailability, MostFreeIsTheLargestCountOverTheWindow) {
  NodeAvailability nodes(0, {8});
  nodes.add(0, 0, 100, -6);    // 2 free until 100
  nodes.add(0, 150, 200, -5);  // 3 free on [150, 200), 8 between and after
  EXPECT_EQ(nodes.most_free(0, 0, 100), 2);
  EXPECT_EQ(nodes.most_free(0, 50, 101), 8);
  EXPECT_EQ(nodes.most_free(0, 150, 200), 3);
  EXPECT_EQ(nodes.most_free(0, 160, kTimeInfinity), 8);
  EXPECT_EQ(nodes.most_free(0, 30, 30), std::numeric_limits<int>::min());  // empty window
}

TEST(NodeAvailability, EarliestFitNeedsTheWholeDurationAndStopsAtBefore) {
  NodeAvailability nodes(0, {8});
  nodes.add(0, 0, 100, -6);    // 2 free until 100
  nodes.add(0, 150, 200, -5);  // 3 free on [150, 200)
  EXPECT_EQ(nodes.earliest_fit(0, 0, 50, 2), 0);
  EXPECT_EQ(nodes.earliest_fit(0, 0, 50, 4), 100);  // [100, 150)
  EXPECT_EQ(nodes.earliest_fit(0, 0, 60, 4), 200);  // [100, 150) is too short
  EXPECT_EQ(nodes.earliest_fit(0, 120, 20, 4), 120);
  EXPECT_EQ(nodes.earliest_fit(0, 0, 60, 4, 200), kTimeInfinity);  // none before 200
  EXPECT_EQ(nodes.earliest_fit(0, 0, 60, 4, 201), 200);
  EXPECT_EQ(nodes.earliest_fit(0, 0, 10, 9), kTimeInfinity);  // more than the node has
  EXPECT_EQ(nodes.first_short_of(0, 0, 3), 0);
  EXPECT_EQ(nodes.first_short_of(0, 100, 3), kTimeInfinity);
  EXPECT_EQ(nodes.first_short_of(0, 100, 4), 150);
}

TEST(NodeAvailability, LongestRunsMeasuresTheStretchesThatOverlapTheWindow) {
  NodeAvailability nodes(0, {8});
  nodes.add(0, 0, 100, -6);    // 2 free until 100
  nodes.add(0, 150, 200, -5);  // 3 free on [150, 200), 8 between and after
  std::vector<Time> longest(8);
  std::vector<Time> first_begins(8);
  nodes.longest_runs(0, 120, 130, longest, first_begins);
  EXPECT_EQ(longest[0], kTimeInfinity);  // 1 or more: always
  EXPECT_EQ(first_begins[0], 0);
  EXPECT_EQ(longest[2], kTimeInfinity);  // 3 or more: from 100 on
  EXPECT_EQ(first_begins[2], 100);
  EXPECT_EQ(longest[3], 50);  // 4 or more: [100, 150)
  EXPECT_EQ(first_begins[3], 100);
  EXPECT_EQ(longest[7], 50);
  nodes.longest_runs(0, 10, 20, longest, first_begins);
  EXPECT_EQ(longest[1], kTimeInfinity);
  EXPECT_EQ(longest[2], 0);  // none overlaps [10, 20)
  EXPECT_EQ(first_begins[2], kTimeInfinity);
  nodes.longest_runs(0, 140, 210, longest, first_begins);
  EXPECT_EQ(first_begins[3], 100);  // the first of [100, 150) and [200, ...)
  nodes.advance_to(140);
  nodes.longest_runs(0, 140, 145, longest, first_begins);
  EXPECT_EQ(longest[3], 10);  // [140, 150): the past does not count
  EXPECT_EQ(first_begins[3], 140);
}

TEST(NodeAvailability, AdvancingForgetsThePast) {
  NodeAvailability nodes(0, {8});
  nodes.add(0, 0, 10, -8);
  nodes.add(0, 20, 30, -8);
  EXPECT_EQ(nodes.free_bound(0, 1), 10);
  nodes.advance_to(25);
  EXPECT_EQ(nodes.earliest_fit(0, 0, 5, 1), 30);
  EXPECT_EQ(nodes.free_bound(0, 1), 10);  // still a lower bound until the node is updated
  nodes.add(0, 40, 50, -1);               // trims the steps before 25
  EXPECT_EQ(nodes.steps(0), 4u);          // 20 (covering 25), 30, 40, 50
  EXPECT_EQ(nodes.free_bound(0, 1), 30);
  EXPECT_EQ(nodes.free_bound(0, 8), 30);
  EXPECT_EQ(nodes.free_bound(0, 9), kTimeInfinity);  // more than the node has
  nodes.remove(0, 20, 30, -8);  // a run that began before the origin ends early
  EXPECT_EQ(nodes.free_at(0, 25), 8);
  EXPECT_EQ(nodes.earliest_fit(0, 0, 5, 8), 25);
}

TEST(NodeAvailability, AgreesWithAPlainProfileOnRandomUpdates) {
  Rng rng(7);
  NodeAvailability nodes(0, {8});
  NaiveProfile naive(0, 8);
  struct Added {
    Time from, to;
    int delta;
  };
  std::vector<Added> added;
  for (int step = 0; step < 2000; ++step) {
    if (!added.empty() && rng.uniform01() < 0.4) {
      const std::size_t pick = rng.uniform_below(added.size());
      const Added a = added[pick];
      added.erase(added.begin() + static_cast<std::ptrdiff_t>(pick));
      nodes.remove(0, a.from, a.to, a.delta);
      naive.add(a.from, a.to, -a.delta);
    } else {
      const Time from = static_cast<Time>(rng.uniform_below(100));
      const Time to = rng.uniform01() < 0.1 ? kTimeInfinity
                                            : from + 1 + static_cast<Time>(rng.uniform_below(50));
      const int delta = -1 - static_cast<int>(rng.uniform_below(4));
      nodes.add(0, from, to, delta);
      naive.add(from, to, delta);
      added.push_back({from, to, delta});
    }
    const Time from = static_cast<Time>(rng.uniform_below(120));
    const Time duration = 1 + static_cast<Time>(rng.uniform_below(40));
    const int need = 1 + static_cast<int>(rng.uniform_below(8));
    ASSERT_EQ(nodes.earliest_fit(0, from, duration, need), naive.earliest_fit(from, duration, need))
        << "step " << step;
    // longest_runs against a sweep over every instant (the steps end by 150).
    const Time window_from = static_cast<Time>(rng.uniform_below(160));
    const Time window_to = window_from + 1 + static_cast<Time>(rng.uniform_below(40));
    std::vector<Time> longest(8);
    std::vector<Time> first_begins(8);
    nodes.longest_runs(0, window_from, window_to, longest, first_begins);
    for (int g = 1; g <= 8; ++g) {
      Time expected = 0;
      Time expected_first = kTimeInfinity;
      Time begun = kTimeInfinity;
      for (Time t = 0; t <= 200; ++t) {
        const bool enough = t < 200 && naive.earliest_fit(t, 1, g) == t;
        if (enough && begun == kTimeInfinity) begun = t;
        if (enough || begun == kTimeInfinity) continue;
        if (begun < window_to && t > window_from) {
          expected = std::max(expected, t - begun);
          expected_first = std::min(expected_first, begun);
        }
        begun = kTimeInfinity;
      }
      if (naive.earliest_fit(200, 1, g) == 200 && naive.earliest_fit(199, 1, g) == 199) {
        // The last stretch never ends: it overlaps the window if it began before its end.
        const Time last_begun = [&] {
          Time t = 199;
          while (t > 0 && naive.earliest_fit(t - 1, 1, g) == t - 1) --t;
          return t;
        }();
        if (last_begun < window_to) {
          expected = kTimeInfinity;
          expected_first = std::min(expected_first, last_begun);
        }
      }
      ASSERT_EQ(longest[static_cast<std::size_t>(g - 1)], expected)
          << "step " << step << " need " << g << " window [" << window_from << ", " << window_to
          << ")";
      ASSERT_EQ(first_begins[static_cast<std::size_t>(g - 1)], expected_first)
          << "step " << step << " need " << g << " window [" << window_from << ", " << window_to
          << ")";
    }
    // Just after an update the bound is exact: the first instant with `need` GPUs free.
    ASSERT_EQ(nodes.free_bound(0, need), naive.earliest_fit(0, 0, need)) << "step " << step;
  }
}

TEST(NodeAvailability, FindsTheNextNodeWhoseFreeBoundIsWithinALimit) {
  // Nodes of 4 and 8 GPUs (more nodes than a power of two), random bookings; every answer
  // against a scan of free_bound over the nodes.
  const std::vector<int> capacity{8, 4, 8, 8, 4, 8};
  NodeAvailability nodes(0, capacity);
  const int count = static_cast<int>(capacity.size());
  Rng rng(11);
  for (int step = 0; step < 2000; ++step) {
    const int node = static_cast<int>(rng.uniform_below(capacity.size()));
    const Time from = static_cast<Time>(rng.uniform_below(100));
    const Time to = rng.uniform_below(8) == 0 ? kTimeInfinity
                                              : from + 1 + static_cast<Time>(rng.uniform_below(50));
    const int delta = static_cast<int>(rng.uniform_below(9)) - 4;
    nodes.add(node, from, to, delta);
    if (step % 3 == 0) nodes.remove(node, from, to, delta);
    const int need = 1 + static_cast<int>(rng.uniform_below(8));
    Time least = kTimeInfinity;
    for (int n = 0; n < count; ++n) least = std::min(least, nodes.free_bound(n, need));
    ASSERT_EQ(nodes.least_free_bound(need), least) << "step " << step;
    const int first = static_cast<int>(rng.uniform_below(static_cast<std::uint64_t>(count) + 1));
    const Time limit = rng.uniform_below(6) == 0 ? kTimeInfinity - 1
                                                 : static_cast<Time>(rng.uniform_below(160));
    int expected = first;
    while (expected < count && nodes.free_bound(expected, need) > limit) ++expected;
    ASSERT_EQ(nodes.first_node_bound_by(need, first, limit), expected)
        << "step " << step << " need " << need << " from node " << first << " limit " << limit;
  }
}

}  // namespace
}  // namespace podsim::test
