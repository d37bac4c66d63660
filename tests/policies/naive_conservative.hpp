#pragma once
// NaiveConservative: a test-only reference for the `conservative` policy, written straight from
// the definition in sim/policies/conservative_backfilling.hpp with none of its shortcuts.
//
// Every pass it rebuilds the availability profile from scratch — capacity, minus the running
// jobs over [now, expected end) (a job past its expected end counts as ending now), minus the
// GPUs of failed nodes from now on — and walks the whole queue in arrival order: each job gets
// the earliest t >= now at which its GPUs are free throughout [t, t + length), length = max(1 us,
// estimated remaining time). It starts now iff t is now and the placement finds room; if the
// placement refuses, it is reserved from the profile's next change after now. Started jobs join
// the profile as running jobs; the others as reservations. With depth > 0 only the first `depth`
// waiting jobs are planned, and nothing behind them starts.
//
// The profile is a plain sorted vector of segments: O(n) per query and per update, O(n^2) per
// pass. Slow, and obviously so — which is the point.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

#include "policies/easy_backfilling.hpp"
#include "policies/policy.hpp"

namespace podsim::test {

class NaiveProfile {
 public:
  NaiveProfile(Time now, int free) : segments_{{now, free}} {}

  // Adds `delta` free GPUs over [from, to), to clipped at infinity, from clipped at the origin.
  void add(Time from, Time to, int delta) {
    from = std::max(from, segments_.front().start);
    if (from >= to) return;
    split_at(from);
    if (to != kTimeInfinity) split_at(to);
    for (Segment& segment : segments_) {
      if (segment.start >= from && segment.start < to) segment.free += delta;
    }
  }

  // The first segment start after t; kTimeInfinity if none.
  Time next_change(Time t) const {
    for (const Segment& segment : segments_) {
      if (segment.start > t) return segment.start;
    }
    return kTimeInfinity;
  }

  // The earliest t >= from with at least `need` free throughout [t, t + duration).
  Time earliest_fit(Time from, Time duration, int need) const {
    if (from == kTimeInfinity) return kTimeInfinity;
    Time run_start = kTimeInfinity;
    for (std::size_t i = 0; i < segments_.size(); ++i) {
      const Time end = i + 1 < segments_.size() ? segments_[i + 1].start : kTimeInfinity;
      if (end <= from) continue;
      if (segments_[i].free < need) {
        run_start = kTimeInfinity;
        continue;
      }
      if (run_start == kTimeInfinity) run_start = std::max(from, segments_[i].start);
      if (end == kTimeInfinity || end - run_start >= duration) return run_start;
    }
    return kTimeInfinity;
  }

 private:
  struct Segment {
    Time start;
    int free;
  };

  void split_at(Time t) {
    auto it = std::lower_bound(segments_.begin(), segments_.end(), t,
                               [](const Segment& s, Time key) { return s.start < key; });
    if (it != segments_.end() && it->start == t) return;
    const int free = std::prev(it)->free;  // t > origin, so a segment begins before it
    segments_.insert(it, Segment{t, free});
  }

  std::vector<Segment> segments_;  // sorted by start; the last one runs to infinity
};

class NaiveConservative : public Policy {
 public:
  explicit NaiveConservative(std::size_t depth) : depth_(depth) {}

  void schedule(SchedulingContext& context) override {
    const Cluster& cluster = context.cluster();
    const Time now = context.now();
    NaiveProfile profile(now, cluster.total_gpus() - cluster.down_gpus());
    for (const auto& [expected_end, id] : cluster.running()) {
      profile.add(now, expected_end, -cluster.job(id).gpus);
    }
    std::size_t waiting = 0;
    for (JobId id = cluster.queue().front(); id != kNoJob;) {
      if (depth_ != 0 && waiting >= depth_) return;
      const JobId next = cluster.queue().next(id);
      const int gpus = cluster.job(id).gpus;
      const Time length = std::max<Time>(1, estimated_remaining(cluster, id));
      Time start = profile.earliest_fit(now, length, gpus);
      if (start == now) {
        if (gpus <= cluster.free_gpus() && context.try_start(id)) {
          profile.add(now, cluster.status(id).expected_end, -gpus);
          id = next;
          continue;
        }
        start = profile.earliest_fit(profile.next_change(now), length, gpus);
      }
      if (start != kTimeInfinity) {
        profile.add(start, start > kTimeInfinity - length ? kTimeInfinity : start + length,
                    -gpus);
      }
      ++waiting;
      id = next;
    }
  }

 private:
  std::size_t depth_;
};

}  // namespace podsim::test
