#pragma once
// NaiveConservative: a test-only reference for the `conservative` policy, written straight from
// the definition in sim/policies/conservative_backfilling.hpp with none of its shortcuts.
//
// Every pass it rebuilds the availability profiles from scratch — one for the whole machine and
// one per node: capacity (0 for a failed node), minus the running jobs over [now, expected end)
// (a job past its expected end counts as ending now) — and walks the whole queue in arrival
// order: each job gets the earliest t >= now at which its GPUs are free throughout [t, t +
// length), length = max(1 us, estimated remaining time), on the machine and, for a job that fits
// one node of its GPU type, on one such node (the lowest-numbered that has them), found by
// trying every instant where some profile changes. It starts now iff t is now and the placement
// finds room; if the placement refuses, it is reserved from the machine profile's next change
// after now. Started jobs join the profiles as running jobs (on the nodes the placement chose);
// the others as reservations (on their node, if they have one). With depth > 0 only the first
// `depth` waiting jobs are planned, and nothing behind them starts.
//
// The profiles are plain sorted vectors of segments: O(n) per query and per update, and every
// candidate instant is tried on every node. Slow, and obviously so — which is the point.
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

  // Every segment start after t, in order.
  std::vector<Time> changes_after(Time t) const {
    std::vector<Time> changes;
    for (const Segment& segment : segments_) {
      if (segment.start > t) changes.push_back(segment.start);
    }
    return changes;
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
    const auto& nodes = cluster.topology().nodes();
    NaiveProfile machine(now, cluster.total_gpus() - cluster.down_gpus());
    std::vector<NaiveProfile> on_node;
    for (std::size_t node = 0; node < nodes.size(); ++node) {
      on_node.emplace_back(now, cluster.node_up(static_cast<int>(node)) ? nodes[node].gpus : 0);
    }
    const auto hold = [&](JobId id, Time from, Time to) {
      machine.add(from, to, -cluster.job(id).gpus);
      for (const NodeShare& share : cluster.status(id).allocation) {
        on_node[static_cast<std::size_t>(share.node)].add(from, to, -share.gpus);
      }
    };
    for (const auto& [expected_end, id] : cluster.running()) hold(id, now, expected_end);
    std::size_t waiting = 0;
    for (JobId id = cluster.queue().front(); id != kNoJob;) {
      if (depth_ != 0 && waiting >= depth_) return;
      const JobId next = cluster.queue().next(id);
      const JobSpec& job = cluster.job(id);
      const Time length = std::max<Time>(1, estimated_remaining(cluster, id));
      int largest = 0;  // the most GPUs on a node of the job's type
      for (std::size_t node = 0; node < nodes.size(); ++node) {
        if (cluster.suits(job, static_cast<int>(node))) largest = std::max(largest, nodes[node].gpus);
      }
      // The earliest fit from `from`, with its node (-1: by count only).
      const auto earliest = [&](Time from, int& node) {
        node = -1;
        // (On a machine of one node, that node's profile is the machine's.)
        if (job.gpus > largest || nodes.size() == 1) {
          return machine.earliest_fit(from, length, job.gpus);
        }
        if (from == kTimeInfinity) return kTimeInfinity;
        std::vector<Time> candidates = machine.changes_after(from);
        for (const NaiveProfile& profile : on_node) {
          const std::vector<Time> changes = profile.changes_after(from);
          candidates.insert(candidates.end(), changes.begin(), changes.end());
        }
        candidates.push_back(from);
        std::sort(candidates.begin(), candidates.end());
        const Time by_count = machine.earliest_fit(from, length, job.gpus);
        for (const Time t : candidates) {
          if (t < by_count || machine.earliest_fit(t, length, job.gpus) != t) continue;
          for (std::size_t n = 0; n < nodes.size(); ++n) {
            if (cluster.suits(job, static_cast<int>(n)) &&
                on_node[n].earliest_fit(t, length, job.gpus) == t) {
              node = static_cast<int>(n);
              return t;
            }
          }
        }
        return kTimeInfinity;
      };
      int node = -1;
      Time start = earliest(now, node);
      if (start == now) {
        if (job.gpus <= cluster.free_gpus() && context.try_start(id)) {
          hold(id, now, cluster.status(id).expected_end);
          id = next;
          continue;
        }
        start = earliest(machine.next_change(now), node);
      }
      if (start != kTimeInfinity) {
        const Time end = start > kTimeInfinity - length ? kTimeInfinity : start + length;
        machine.add(start, end, -job.gpus);
        if (node >= 0) on_node[static_cast<std::size_t>(node)].add(start, end, -job.gpus);
      }
      ++waiting;
      id = next;
    }
  }

 private:
  std::size_t depth_;
};

}  // namespace podsim::test
