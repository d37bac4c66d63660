// AvailabilityProfile: range updates, earliest fit (also bounded), most free over a window, exact
// boundaries, forgetting the past, and randomised comparisons with a naive profile (every
// interval kept in a list) and, on profiles large enough for a tree several levels deep, with a
// sorted map of the changes.
#include "policies/availability_profile.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "core/rng.hpp"

namespace podsim {
namespace {

TEST(AvailabilityProfile, StartsWithTheWholeCapacity) {
  const AvailabilityProfile profile(0, 10);
  EXPECT_EQ(profile.free_at(0), 10);
  EXPECT_EQ(profile.free_at(1'000'000'000), 10);
  EXPECT_EQ(profile.breakpoints(), 1u);
  EXPECT_EQ(profile.earliest_fit(5, 100, 10), 5);
  EXPECT_EQ(profile.earliest_fit(5, 100, 11), kTimeInfinity);
}

TEST(AvailabilityProfile, RangeUpdateChangesExactlyTheHalfOpenInterval) {
  AvailabilityProfile profile(0, 10);
  profile.add(10, 20, -4);
  EXPECT_EQ(profile.free_at(9), 10);
  EXPECT_EQ(profile.free_at(10), 6);
  EXPECT_EQ(profile.free_at(19), 6);
  EXPECT_EQ(profile.free_at(20), 10);
  EXPECT_EQ(profile.breakpoints(), 3u);
  profile.add(15, 30, -3);  // overlapping
  EXPECT_EQ(profile.free_at(14), 6);
  EXPECT_EQ(profile.free_at(15), 3);
  EXPECT_EQ(profile.free_at(20), 7);
  EXPECT_EQ(profile.free_at(30), 10);
}

// The EASY example of the policy tests: J1 (6 GPUs) runs until 100, J2 (8 GPUs) is reserved on
// [100, 150), on a machine of 10.
AvailabilityProfile example() {
  AvailabilityProfile profile(0, 10);
  profile.add(0, 100, -6);
  profile.add(100, 150, -8);
  return profile;
}

TEST(AvailabilityProfile, EarliestFitNeedsTheWholeWindow) {
  const AvailabilityProfile profile = example();
  EXPECT_EQ(profile.earliest_fit(0, 50, 4), 0);     // inside [0, 100), 4 free
  EXPECT_EQ(profile.earliest_fit(0, 101, 4), 150);  // would overlap [100, 150) where 2 are free
  EXPECT_EQ(profile.earliest_fit(0, 50, 2), 0);     // 2 are free all along
  EXPECT_EQ(profile.earliest_fit(0, 1, 5), 150);    // 5 are never free before 150
  EXPECT_EQ(profile.earliest_fit(120, 10, 10), 150);
  EXPECT_EQ(profile.earliest_fit(0, 10, 11), kTimeInfinity);
}

TEST(AvailabilityProfile, WindowsMayTouchBusyIntervalsAtTheirExactBoundaries) {
  const AvailabilityProfile profile = example();
  // Ending exactly when the reservation starts does not overlap it...
  EXPECT_EQ(profile.earliest_fit(0, 100, 4), 0);
  // ... one microsecond more does.
  EXPECT_EQ(profile.earliest_fit(0, 101, 4), 150);
  // Starting exactly when a busy interval ends is allowed.
  EXPECT_EQ(profile.earliest_fit(0, 10, 10), 150);
  // Duration 0 checks a single instant.
  EXPECT_EQ(profile.earliest_fit(100, 0, 2), 100);
  EXPECT_EQ(profile.earliest_fit(100, 0, 3), 150);
}

TEST(AvailabilityProfile, EarliestFitSkipsSeveralBusyStretches) {
  AvailabilityProfile profile(0, 8);
  profile.add(10, 20, -8);
  profile.add(30, 40, -8);
  profile.add(55, 60, -8);
  EXPECT_EQ(profile.earliest_fit(0, 10, 8), 0);
  EXPECT_EQ(profile.earliest_fit(20, 10, 8), 20);  // the gap [20, 30) exactly
  EXPECT_EQ(profile.earliest_fit(0, 11, 8), 40);   // too long for both gaps before 40
  EXPECT_EQ(profile.earliest_fit(5, 15, 8), 40);   // [40, 55) ends where the third begins
  EXPECT_EQ(profile.earliest_fit(5, 16, 8), 60);
  EXPECT_EQ(profile.earliest_fit(5, 16, 0), 5);
}

TEST(AvailabilityProfile, RemoveUndoesAddAndDropsUnusedBreakpoints) {
  AvailabilityProfile profile = example();
  EXPECT_EQ(profile.breakpoints(), 3u);  // 0, 100, 150
  profile.remove(100, 150, -8);
  EXPECT_EQ(profile.free_at(100), 10);
  EXPECT_EQ(profile.breakpoints(), 2u);  // 100 is still J1's end
  profile.remove(0, 100, -6);
  EXPECT_EQ(profile.free_at(0), 10);
  EXPECT_EQ(profile.breakpoints(), 1u);
}

TEST(AvailabilityProfile, ABreakpointSharedByTwoIntervalsStaysUntilBothAreGone) {
  AvailabilityProfile profile(0, 10);
  profile.add(0, 50, -2);
  profile.add(20, 50, -3);
  profile.remove(0, 50, -2);
  EXPECT_EQ(profile.breakpoints(), 3u);  // 0, 20, 50
  EXPECT_EQ(profile.free_at(30), 7);
  EXPECT_EQ(profile.free_at(50), 10);
  profile.remove(20, 50, -3);
  EXPECT_EQ(profile.breakpoints(), 1u);
}

TEST(AvailabilityProfile, AdvanceForgetsThePastAndKeepsTheSegmentInProgress) {
  AvailabilityProfile profile = example();
  profile.advance_to(50);  // inside J1's run
  EXPECT_EQ(profile.origin(), 50);
  EXPECT_EQ(profile.free_at(50), 4);
  EXPECT_EQ(profile.free_at(100), 2);
  EXPECT_EQ(profile.breakpoints(), 3u);  // 50, 100, 150
  // J1 ends early, at 60: its interval, added at 0, is undone from the origin on.
  profile.advance_to(60);
  profile.remove(0, 100, -6);
  EXPECT_EQ(profile.free_at(60), 10);
  EXPECT_EQ(profile.free_at(100), 2);
  EXPECT_EQ(profile.earliest_fit(60, 40, 10), 60);
  EXPECT_EQ(profile.earliest_fit(60, 41, 10), 150);
  profile.advance_to(100);  // exactly onto a breakpoint
  EXPECT_EQ(profile.free_at(100), 2);
  EXPECT_EQ(profile.breakpoints(), 2u);
  profile.advance_to(1000);
  EXPECT_EQ(profile.free_at(1000), 10);
  EXPECT_EQ(profile.breakpoints(), 1u);
  profile.remove(100, 150, -8);  // entirely in the past: nothing to undo
  EXPECT_EQ(profile.free_at(1000), 10);
}

TEST(AvailabilityProfile, IntervalsThatBeganBeforeTheOriginAreUndoneFromIt) {
  AvailabilityProfile profile(100, 10);
  profile.add(50, 200, -3);  // began before the origin
  EXPECT_EQ(profile.free_at(100), 7);
  EXPECT_EQ(profile.breakpoints(), 2u);  // 100, 200
  profile.advance_to(150);
  profile.add(120, 300, -2);  // also
  EXPECT_EQ(profile.free_at(150), 5);
  EXPECT_EQ(profile.breakpoints(), 3u);  // 150, 200, 300
  profile.advance_to(250);
  EXPECT_EQ(profile.free_at(250), 8);
  EXPECT_EQ(profile.breakpoints(), 2u);  // 250, 300
  profile.remove(50, 200, -3);           // wholly in the past now: nothing to undo
  EXPECT_EQ(profile.free_at(250), 8);
  profile.remove(120, 300, -2);
  EXPECT_EQ(profile.free_at(250), 10);
  EXPECT_EQ(profile.free_at(300), 10);
  EXPECT_EQ(profile.breakpoints(), 1u);
}

TEST(AvailabilityProfile, ABreakpointWhereChangesCancelStaysWhileUsed) {
  AvailabilityProfile profile(0, 10);
  profile.add(40, 50, -4);
  profile.add(50, 60, -4);               // the count does not change at 50
  EXPECT_EQ(profile.breakpoints(), 4u);  // 0, 40, 50, 60
  EXPECT_EQ(profile.free_at(50), 6);
  EXPECT_EQ(profile.next_breakpoint(40), 50);
  EXPECT_EQ(profile.first_short_of(0, 7), 40);
  EXPECT_EQ(profile.first_short_of(45, 6), kTimeInfinity);
  EXPECT_EQ(profile.earliest_fit(41, 19, 6), 41);  // on across 50
  EXPECT_EQ(profile.earliest_fit(0, 50, 7), 60);
  profile.remove(40, 50, -4);
  EXPECT_EQ(profile.breakpoints(), 3u);  // 0, 50, 60
  EXPECT_EQ(profile.free_at(45), 10);
  EXPECT_EQ(profile.free_at(50), 6);
  profile.add(10, kTimeInfinity, 2);  // more free GPUs, for ever
  EXPECT_EQ(profile.free_at(1'000'000), 12);
  EXPECT_EQ(profile.most_free(0, 100), 12);
  profile.remove(10, kTimeInfinity, 2);
  profile.remove(50, 60, -4);
  EXPECT_EQ(profile.breakpoints(), 1u);
  EXPECT_EQ(profile.free_at(55), 10);
}

// A naive profile: the list of live intervals, each from where the profile was asked to begin
// it, or the origin then if that was earlier (so that it counts the breakpoints the profile
// holds); every query scans it.
struct NaiveProfile {
  int capacity;
  Time origin;
  std::vector<std::tuple<Time, Time, int>> intervals;

  int free_at(Time t) const {
    int free = capacity;
    for (const auto& [from, to, delta] : intervals) {
      if (from <= t && t < to) free += delta;
    }
    return free;
  }
  // max(from, origin) and the ends of intervals after it (kTimeInfinity is no instant).
  std::set<Time> candidates(Time from) const {
    std::set<Time> times{std::max(from, origin)};
    for (const auto& [a, b, delta] : intervals) {
      for (const Time t : {a, b}) {
        if (t > std::max(from, origin) && t != kTimeInfinity) times.insert(t);
      }
    }
    return times;
  }
  Time earliest_fit(Time from, Time duration, int need) const {
    const std::set<Time> times = candidates(from);
    for (const Time t : times) {
      bool fits = free_at(t) >= need;
      for (const Time u : times) {
        if (u > t && u < saturating_add(t, duration)) fits = fits && free_at(u) >= need;
      }
      if (fits) return t;
    }
    return kTimeInfinity;
  }
  Time first_short_of(Time from, int need) const {
    for (const Time t : candidates(from)) {
      if (free_at(t) < need) return t;
    }
    return kTimeInfinity;
  }
  std::set<Time> keys() const {
    std::set<Time> keys{origin};
    for (const auto& [a, b, delta] : intervals) {
      if (a >= b || b <= origin) continue;  // never added, or wholly in the past
      for (const Time t : {a, b}) {
        if (t > origin && t != kTimeInfinity) keys.insert(t);
      }
    }
    return keys;
  }
  std::size_t breakpoints() const { return keys().size(); }
  Time next_breakpoint(Time t) const {
    const std::set<Time> held = keys();
    const auto next = held.upper_bound(t);
    return next == held.end() ? kTimeInfinity : *next;
  }
};

TEST(AvailabilityProfile, AgreesWithANaiveProfileOnRandomOperations) {
  Rng rng(2024);
  for (int round = 0; round < 20; ++round) {
    AvailabilityProfile profile(0, 16);
    NaiveProfile naive{16, 0, {}};
    std::vector<Time> asked_from;  // of each of naive.intervals, as given to the profile
    for (int step = 0; step < 400; ++step) {
      const auto choice = rng.uniform_below(10);
      const Time now = profile.origin();
      if (choice < 4 || naive.intervals.empty()) {
        // Intervals that straddle the origin or lie wholly before it, more free GPUs as well as
        // fewer (so changes cancel at shared breakpoints), some for ever.
        const Time from = now - 20 + static_cast<Time>(rng.uniform_below(120));
        const Time to = rng.uniform_below(16) == 0
                            ? kTimeInfinity
                            : from + 1 + static_cast<Time>(rng.uniform_below(60));
        int delta = static_cast<int>(rng.uniform_below(16)) - 12;  // mostly taking GPUs
        if (delta >= 0) ++delta;
        profile.add(from, to, delta);
        naive.intervals.emplace_back(std::max(from, now), to, delta);
        asked_from.push_back(from);
      } else if (choice < 7) {
        // Undone with the arguments it was added with, whatever the origin has done since.
        const auto index = rng.uniform_below(naive.intervals.size());
        const auto [from, to, delta] = naive.intervals[index];
        profile.remove(asked_from[index], to, delta);
        naive.intervals.erase(naive.intervals.begin() + static_cast<std::ptrdiff_t>(index));
        asked_from.erase(asked_from.begin() + static_cast<std::ptrdiff_t>(index));
      } else if (choice < 8) {
        const Time later = now + static_cast<Time>(rng.uniform_below(15));
        profile.advance_to(later);
        naive.origin = later;
      }
      const Time t = profile.origin() + static_cast<Time>(rng.uniform_below(100));
      ASSERT_EQ(profile.free_at(t), naive.free_at(t)) << "round " << round << " step " << step;
      ASSERT_EQ(profile.next_breakpoint(t), naive.next_breakpoint(t))
          << "round " << round << " step " << step;
      // earliest_fit from `at` with the bound `before` (kTimeInfinity: none): the naive fit when
      // it starts before the bound, and none before the bound else.
      const auto check_fit = [&](Time at, Time duration, int need, Time before) {
        const Time fit = naive.earliest_fit(at, duration, need);
        const Time answer = profile.earliest_fit(at, duration, need, before);
        if (fit < before) {
          ASSERT_EQ(answer, fit) << "round " << round << " step " << step;
        } else {
          ASSERT_GE(answer, before) << "round " << round << " step " << step;
        }
      };
      const Time duration = static_cast<Time>(rng.uniform_below(40));
      const int need = 1 + static_cast<int>(rng.uniform_below(16));
      ASSERT_NO_FATAL_FAILURE(check_fit(t, duration, need, kTimeInfinity));
      ASSERT_EQ(profile.first_short_of(t, need), naive.first_short_of(t, need))
          << "round " << round << " step " << step;
      const Time before = t + static_cast<Time>(rng.uniform_below(60));
      ASSERT_NO_FATAL_FAILURE(check_fit(t, duration, need, before));
      // More questions before the next change, which earliest_fit answers partly from the
      // misses it remembers (a bounded question first, then the same unbounded).
      for (int question = 0; question < 4; ++question) {
        const Time at = profile.origin() + static_cast<Time>(rng.uniform_below(100));
        const Time lasting = 1 + static_cast<Time>(rng.uniform_below(40));
        const int gpus = 1 + static_cast<int>(rng.uniform_below(16));
        const Time bound = at + static_cast<Time>(rng.uniform_below(80));
        ASSERT_NO_FATAL_FAILURE(check_fit(at, lasting, gpus, bound));
        ASSERT_NO_FATAL_FAILURE(check_fit(at, lasting, gpus, kTimeInfinity));
      }
      // (Times are whole here: the most free over a window is the largest at its instants.)
      const Time until = t + static_cast<Time>(rng.uniform_below(50));
      int most = std::numeric_limits<int>::min();
      for (Time u = t; u < until; ++u) most = std::max(most, naive.free_at(u));
      ASSERT_EQ(profile.most_free(t, until), most) << "round " << round << " step " << step;
      ASSERT_EQ(profile.breakpoints(), naive.breakpoints())
          << "round " << round << " step " << step;
    }
  }
}

// The changes of the free count by time, in a std::map, every query a sweep: slow but plainly
// right, for profiles of thousands of breakpoints.
struct MapProfile {
  Time origin;
  int base;
  std::map<Time, std::pair<int, int>> changes;  // time -> (change, intervals that begin or end)

  void change(Time at, int delta, int refs) {
    if (at <= origin) {
      base += delta;
      return;
    }
    auto& [sum, count] = changes[at];
    sum += delta;
    count += refs;
    if (count == 0) changes.erase(at);
  }
  void add(Time from, Time to, int delta, int refs) {
    if (std::max(from, origin) >= to) return;
    change(from, delta, refs);
    if (to != kTimeInfinity) change(to, -delta, refs);
  }
  void advance_to(Time now) {
    while (!changes.empty() && changes.begin()->first <= now) {
      base += changes.begin()->second.first;
      changes.erase(changes.begin());
    }
    origin = std::max(origin, now);
  }
  int free_at(Time t) const {
    int free = base;
    for (const auto& [at, change] : changes) {
      if (at > t) break;
      free += change.first;
    }
    return free;
  }
  // Calls visit(time, free from then on) for max(from, origin) and every breakpoint after it,
  // until it returns true.
  template <typename Visit>
  void sweep(Time from, Visit visit) const {
    const Time t = std::max(from, origin);
    int free = free_at(t);
    if (visit(t, free)) return;
    for (auto it = changes.upper_bound(t); it != changes.end(); ++it) {
      free += it->second.first;
      if (visit(it->first, free)) return;
    }
  }
  Time earliest_fit(Time from, Time duration, int need) const {
    Time run_start = kTimeInfinity;
    Time found = kTimeInfinity;
    sweep(from, [&](Time at, int free) {
      if (run_start != kTimeInfinity && at >= saturating_add(run_start, duration)) {
        found = run_start;
        return true;
      }
      if (free < need) {
        run_start = kTimeInfinity;
      } else if (run_start == kTimeInfinity) {
        run_start = at;
      }
      return false;
    });
    return found != kTimeInfinity ? found : run_start;
  }
  Time first_short_of(Time from, int need) const {
    Time found = kTimeInfinity;
    sweep(from, [&](Time at, int free) {
      if (free < need) found = at;
      return free < need;
    });
    return found;
  }
  int most_free(Time from, Time to) const {
    int most = std::numeric_limits<int>::min();
    sweep(from, [&](Time at, int free) {
      if (at >= to) return true;
      most = std::max(most, free);
      return false;
    });
    return most;
  }
};

TEST(AvailabilityProfile, AgreesWithASortedMapOnLargeProfiles) {
  Rng rng(11);
  AvailabilityProfile profile(0, 1000);
  MapProfile reference{0, 1000, {}};
  struct Added {
    Time from, to;
    int delta;
  };
  std::vector<Added> added;
  int deepest = 0;
  for (int step = 0; step < 30000; ++step) {
    const Time now = profile.origin();
    // Grow to a few thousand intervals, shrink back, grow again: nodes split, merge and empty.
    const std::size_t target = (step / 5000) % 2 == 0 ? 4000 : 200;
    const auto choice = rng.uniform_below(100);
    if (choice < 2) {
      const Time later = now + static_cast<Time>(rng.uniform_below(50));
      profile.advance_to(later);
      reference.advance_to(later);
    } else if (!added.empty() && (added.size() > target || choice < 30)) {
      const std::size_t pick = rng.uniform_below(added.size());
      const Added a = added[pick];
      added[pick] = added.back();
      added.pop_back();
      profile.remove(a.from, a.to, a.delta);
      reference.add(a.from, a.to, -a.delta, -1);
    } else {
      const Time from = now - 10 + static_cast<Time>(rng.uniform_below(20000));
      const Time to = rng.uniform_below(50) == 0
                          ? kTimeInfinity
                          : from + 1 + static_cast<Time>(rng.uniform_below(3000));
      const int delta = -1 - static_cast<int>(rng.uniform_below(8));
      profile.add(from, to, delta);
      reference.add(from, to, delta, 1);
      if (std::max(from, now) < to) added.push_back({from, to, delta});
    }
    deepest = std::max(deepest, profile.height());
    if (step % 7 != 0) continue;  // (the reference's sweeps are slow)
    const Time t = profile.origin() + static_cast<Time>(rng.uniform_below(22000));
    const Time duration = 1 + static_cast<Time>(rng.uniform_below(2000));
    const int need = 1 + static_cast<int>(rng.uniform_below(1000));
    ASSERT_EQ(profile.breakpoints(), reference.changes.size() + 1) << "step " << step;
    ASSERT_EQ(profile.free_at(t), reference.free_at(t)) << "step " << step;
    const auto next = reference.changes.upper_bound(t);
    ASSERT_EQ(profile.next_breakpoint(t),
              next == reference.changes.end() ? kTimeInfinity : next->first)
        << "step " << step;
    ASSERT_EQ(profile.earliest_fit(t, duration, need), reference.earliest_fit(t, duration, need))
        << "step " << step;
    ASSERT_EQ(profile.first_short_of(t, need), reference.first_short_of(t, need))
        << "step " << step;
    const Time until = t + 1 + static_cast<Time>(rng.uniform_below(3000));
    ASSERT_EQ(profile.most_free(t, until), reference.most_free(t, until)) << "step " << step;
  }
  EXPECT_GE(deepest, 2);  // (the comparisons reached a tree of three levels)

}

}  // namespace
}  // namespace podsim
