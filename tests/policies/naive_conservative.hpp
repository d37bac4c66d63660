#pragma once
// NaiveConservative: a test-only reference for the `conservative` policy, written straight from
// the definition in sim/policies/conservative_backfilling.hpp with none of its shortcuts.
//
// It keeps each queued job's reservation (start, end, node) between passes, and at every walk
// rebuilds the availability profiles from scratch — one for the whole machine and one per node:
// capacity (0 for a failed node), minus the running jobs over [now, expected end) (a job past its
// expected end counts as ending now; a start that moves running jobs' expected ends, by changing
// their rates, rebuilds them at once), minus the reservations. A pass walks the queue in
// arrival order, again and again while a walk freed something (a move, a repair, a refusal, a
// start off its plan), and for each job:
// - without a reservation: reserve it at its earliest fit;
// - with one in the past or overbooked (some GPU of it booked twice): reserve it again;
// - else compress it: take it out and find its earliest fit; it moves only if that is earlier.
// The earliest fit: the earliest t >= now (or, after a refusal in this pass, the machine
// profile's next change) at which its GPUs are free throughout [t, t + length), length = max(1
// us, estimated remaining time), on the machine and, for a job that fits one node of its GPU
// type, on one such node (the lowest-numbered that has them), found by trying every instant
// where some profile changes. A job whose reservation is now starts if the placement finds room,
// else it is refused: reserved again from the machine profile's next change (for the rest of
// the pass; the next pass, even at the same instant, searches from its time again). With depth > 0
// only the first `depth` waiting jobs are planned, and nothing behind them starts. A failure or
// an eviction drops every reservation.
//
// The profiles are plain sorted vectors of segments: O(n) per query and per update, and every
// candidate instant is tried on every node; every queued job is searched at every walk. Slow, and obviously so —
// which is the point.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "policies/easy_backfilling.hpp"
#include "policies/policy.hpp"

namespace podsim::test {

class NaiveProfile {
 public:
  NaiveProfile(Time now, int free) : segments_{{now, free}} {}

  struct Booking {
    Time from;
    Time to;
    int delta;
  };

  // `free` from `now` on, plus every booking: one sweep over their sorted ends.
  NaiveProfile(Time now, int free, const std::vector<Booking>& bookings) : NaiveProfile(now, free) {
    std::vector<std::pair<Time, int>> changes;
    for (const Booking& booking : bookings) {
      const Time from = std::max(booking.from, now);
      if (from >= booking.to) continue;
      changes.emplace_back(from, booking.delta);
      if (booking.to != kTimeInfinity) changes.emplace_back(booking.to, -booking.delta);
    }
    std::sort(changes.begin(), changes.end());
    for (const auto& [t, delta] : changes) {
      if (segments_.back().start != t) segments_.push_back({t, segments_.back().free});
      segments_.back().free += delta;
    }
    merge_equal_neighbours();
  }

  // Adds `delta` free GPUs over [from, to), to clipped at infinity, from clipped at the origin.
  void add(Time from, Time to, int delta) {
    from = std::max(from, segments_.front().start);
    if (from >= to) return;
    split_at(from);
    if (to != kTimeInfinity) split_at(to);
    for (Segment& segment : segments_) {
      if (segment.start >= from && segment.start < to) segment.free += delta;
    }
    merge_equal_neighbours();
  }

  // Every segment start after t, in order.
  std::vector<Time> changes_after(Time t) const {
    std::vector<Time> changes;
    for (const Segment& segment : segments_) {
      if (segment.start > t) changes.push_back(segment.start);
    }
    return changes;
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

  // So that every segment start is a change.
  void merge_equal_neighbours() {
    segments_.erase(std::unique(segments_.begin(), segments_.end(),
                                [](const Segment& a, const Segment& b) { return a.free == b.free; }),
                    segments_.end());
  }

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

  void attach(const Cluster& cluster) override {
    cluster.job_preempted.connect([this](JobId, Time) { replan_ = true; });
    cluster.job_expected_end_moved.connect([this](JobId, Time) { ends_moved_ = true; });
  }

  void schedule(SchedulingContext& context) override {
    const Cluster& cluster = context.cluster();
    if (replan_ || cluster.down_gpus() != down_gpus_) {
      slots_.clear();
      replan_ = false;
      down_gpus_ = cluster.down_gpus();
    }
    ++pass_;
    while (walk(context)) {
    }
  }

 private:
  struct Slot {
    Time from;
    Time to;
    int node;  // -1: by count
  };

  // The profiles of the running jobs and the reservations, from `now`, built from scratch.
  void build(const Cluster& cluster, Time now) {
    const auto& nodes = cluster.topology().nodes();
    std::vector<NaiveProfile::Booking> machine;
    std::vector<std::vector<NaiveProfile::Booking>> on_node(nodes.size());
    for (const auto& [expected_end, id] : cluster.running()) {
      machine.push_back({now, expected_end, -cluster.job(id).gpus});
      for (const NodeShare& share : cluster.status(id).allocation) {
        on_node[static_cast<std::size_t>(share.node)].push_back({now, expected_end, -share.gpus});
      }
    }
    for (const auto& [id, slot] : slots_) {
      machine.push_back({slot.from, slot.to, -cluster.job(id).gpus});
      if (slot.node >= 0) {
        on_node[static_cast<std::size_t>(slot.node)].push_back(
            {slot.from, slot.to, -cluster.job(id).gpus});
      }
    }
    machine_ = NaiveProfile(now, cluster.total_gpus() - cluster.down_gpus(), machine);
    on_node_.clear();
    for (std::size_t node = 0; node < nodes.size(); ++node) {
      on_node_.emplace_back(now, cluster.node_up(static_cast<int>(node)) ? nodes[node].gpus : 0,
                            on_node[node]);
    }
  }

  void hold(const Cluster& cluster, JobId id, Time now) {
    const Time end = cluster.status(id).expected_end;
    machine_.add(now, end, -cluster.job(id).gpus);
    for (const NodeShare& share : cluster.status(id).allocation) {
      on_node_[static_cast<std::size_t>(share.node)].add(now, end, -share.gpus);
    }
  }

  // sign -1 books `slot` for `id`, +1 takes it back.
  void book(const Cluster& cluster, JobId id, const Slot& slot, int sign) {
    machine_.add(slot.from, slot.to, sign * cluster.job(id).gpus);
    if (slot.node >= 0) {
      on_node_[static_cast<std::size_t>(slot.node)].add(slot.from, slot.to,
                                                        sign * cluster.job(id).gpus);
    }
  }

  // The first instant after `now` at which a running job is expected to end or a reservation
  // begins or ends (the planned profile's next change).
  Time next_change(const Cluster& cluster, Time now) const {
    Time next = kTimeInfinity;
    for (const auto& [expected_end, id] : cluster.running()) {
      if (expected_end > now) next = std::min(next, expected_end);
    }
    for (const auto& [id, slot] : slots_) {
      for (const Time t : {slot.from, slot.to}) {
        if (t > now) next = std::min(next, t);
      }
    }
    return next;
  }

  // The earliest fit of `id` from `from` (kTimeInfinity: none), with its node (-1: by count).
  Time earliest(const Cluster& cluster, JobId id, Time from, int& node) const {
    node = -1;
    if (from == kTimeInfinity) return kTimeInfinity;
    const auto& nodes = cluster.topology().nodes();
    const JobSpec& job = cluster.job(id);
    const Time length = std::max<Time>(1, estimated_remaining(cluster, id));
    int largest = 0;  // the most GPUs on a node of the job's type
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      if (cluster.suits(job, static_cast<int>(n))) largest = std::max(largest, nodes[n].gpus);
    }
    // (On a machine of one node, that node's profile is the machine's.)
    if (job.gpus > largest || nodes.size() == 1) {
      return machine_.earliest_fit(from, length, job.gpus);
    }
    std::vector<Time> candidates = machine_.changes_after(from);
    for (const NaiveProfile& profile : on_node_) {
      const std::vector<Time> changes = profile.changes_after(from);
      candidates.insert(candidates.end(), changes.begin(), changes.end());
    }
    candidates.push_back(from);
    std::sort(candidates.begin(), candidates.end());
    for (const Time t : candidates) {
      if (machine_.earliest_fit(t, length, job.gpus) != t) continue;
      for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (cluster.suits(job, static_cast<int>(n)) &&
            on_node_[n].earliest_fit(t, length, job.gpus) == t) {
          node = static_cast<int>(n);
          return t;
        }
      }
    }
    return kTimeInfinity;
  }

  // Some GPU of `slot` is booked twice (its job's own booking included).
  bool overbooked(const Slot& slot) const {
    return machine_.earliest_fit(slot.from, slot.to - slot.from, 0) != slot.from ||
           (slot.node >= 0 && on_node_[static_cast<std::size_t>(slot.node)].earliest_fit(
                                  slot.from, slot.to - slot.from, 0) != slot.from);
  }

  // Reserves `id` (which holds no reservation) at its earliest fit from `from`.
  void reserve(const Cluster& cluster, JobId id, Time from) {
    int node = -1;
    const Time start = earliest(cluster, id, from, node);
    if (start == kTimeInfinity) return;
    const Time length = std::max<Time>(1, estimated_remaining(cluster, id));
    const Slot slot{start, saturating_add(start, length), node};
    slots_[id] = slot;
    book(cluster, id, slot, -1);
  }

  void unreserve(const Cluster& cluster, JobId id) {
    book(cluster, id, slots_.at(id), +1);
    slots_.erase(id);
  }

  // One walk over the queue; true when it freed something.
  bool walk(SchedulingContext& context) {
    const Cluster& cluster = context.cluster();
    const Time now = context.now();
    build(cluster, now);
    bool freed = false;
    std::size_t waiting = 0;
    for (JobId id = cluster.queue().front(); id != kNoJob;) {
      if (depth_ != 0 && waiting >= depth_) break;
      const JobId next = cluster.queue().next(id);
      const auto refusal = refused_.find(id);
      const Time from =
          refusal != refused_.end() && refusal->second.first == pass_ ? refusal->second.second : now;
      if (!slots_.contains(id)) {
        reserve(cluster, id, from);
      } else if (slots_.at(id).from < now || overbooked(slots_.at(id))) {
        unreserve(cluster, id);
        reserve(cluster, id, from);
        freed = true;
      } else {
        const Slot old = slots_.at(id);
        unreserve(cluster, id);
        reserve(cluster, id, from);
        if (slots_.at(id).from < old.from) {
          freed = true;
        } else {  // never later; on a tie it keeps its own node
          unreserve(cluster, id);
          slots_[id] = old;
          book(cluster, id, old, -1);
        }
      }
      if (slots_.contains(id) && slots_.at(id).from == now) {
        const Slot slot = slots_.at(id);
        unreserve(cluster, id);
        ends_moved_ = false;
        if (cluster.job(id).gpus <= cluster.free_gpus() && context.try_start(id)) {
          // A start that changed running jobs' rates moved their ends: the plan is rebuilt
          // with them (and walked again: it may have freed or overbooked GPUs).
          if (ends_moved_) {
            build(cluster, now);
            freed = true;
          } else {
            hold(cluster, id, now);
          }
          const JobStatus& status = cluster.status(id);
          const bool on_its_node =
              slot.node < 0 ? cluster.topology().nodes().size() == 1
                            : status.allocation.size() == 1 &&
                                  status.allocation.front().node == slot.node;
          if (slot.to != status.expected_end || !on_its_node) freed = true;
          id = next;
          continue;
        }
        const Time floor = next_change(cluster, now);
        refused_[id] = {pass_, floor};
        reserve(cluster, id, floor);
        freed = true;
      }
      ++waiting;
      id = next;
    }
    return freed;
  }

  std::size_t depth_;
  std::map<JobId, Slot> slots_;  // by queued job: its reservation
  NaiveProfile machine_{0, 0};   // the plan, rebuilt at every walk and kept up to date in it
  std::vector<NaiveProfile> on_node_;
  std::map<JobId, std::pair<std::uint64_t, Time>> refused_;  // by job: (pass refused in, from)
  std::uint64_t pass_ = 0;
  int down_gpus_ = 0;
  bool replan_ = false;
  bool ends_moved_ = false;  // a running job's expected end moved (its rate changed)
};

}  // namespace podsim::test
