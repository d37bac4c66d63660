#include "policies/conservative_backfilling.hpp"

#include <algorithm>
#include <limits>

#include "common/input_error.hpp"
#include "policies/easy_backfilling.hpp"
#include "policies/policy_params.hpp"

namespace podsim {

std::vector<ParamSpec> ConservativeBackfilling::params() {
  return {{"depth", ParamType::kInteger, "0",
           "how many queued jobs, from the head, hold a reservation (0: all); the jobs behind "
           "them are not considered until they are within it (as Slurm's bf_max_job_test)"}};
}

std::unique_ptr<Policy> ConservativeBackfilling::make(const ParamValues& given) {
  const ParamValues values = complete_params(params(), given, "policy conservative");
  const std::int64_t depth = values.integer("depth");
  if (depth < 0) {
    throw InputError("", 0, "policy conservative.depth",
                     "expected an integer >= 0, got '" + values.text("depth") + "'");
  }
  return std::make_unique<ConservativeBackfilling>(static_cast<std::size_t>(depth));
}

void ConservativeBackfilling::attach(const Cluster& cluster) {
  cluster_ = &cluster;
  const Workload& workload = cluster.workload();
  const Time origin = workload.jobs.empty() ? 0 : std::min<Time>(0, workload.jobs.front().submit);
  profile_.emplace(origin, cluster.total_gpus());
  std::vector<int> capacity;
  for (const auto& node : cluster.topology().nodes()) capacity.push_back(node.gpus);
  nodes_.reset();
  if (capacity.size() > 1) nodes_.emplace(origin, capacity);
  held_.assign(workload.jobs.size(), Interval{});
  reserved_.assign(workload.jobs.size(), Reservation{});
  gains_ = 0;
  passes_ = 0;
  gain_log_.clear();
  down_gpus_ = 0;
  down_from_ = origin;
  replan_ = true;
  overbooking_ = false;
  cluster.job_started.connect([this](JobId id, Time now) { hold(id, now); });
  cluster.job_finished.connect([this](JobId id, Time now) { unhold(id, now); });
  cluster.job_expected_end_moved.connect([this](JobId id, Time now) { rehold(id, now); });
  cluster.job_preempted.connect([this](JobId id, Time now) {
    unhold(id, now);
    replan_ = true;  // it re-entered the queue behind jobs planned without it
  });
}

void ConservativeBackfilling::book(const Interval& slot) {
  profile_->add(slot.from, slot.to, -slot.gpus);
  if (slot.node != kNoNode) nodes_->add(slot.node, slot.from, slot.to, -slot.gpus);
}

void ConservativeBackfilling::unbook(const Interval& slot) {
  profile_->remove(slot.from, slot.to, -slot.gpus);
  if (slot.node != kNoNode) nodes_->remove(slot.node, slot.from, slot.to, -slot.gpus);
}

void ConservativeBackfilling::book_run(JobId id, const Interval& run) {
  profile_->add(run.from, run.to, -run.gpus);
  if (!nodes_) return;
  for (const NodeShare& share : cluster_->status(id).allocation) {
    nodes_->add(share.node, run.from, run.to, -share.gpus);
  }
}

void ConservativeBackfilling::unbook_run(JobId id, const Interval& run) {
  profile_->remove(run.from, run.to, -run.gpus);
  if (!nodes_) return;
  // The allocation of its last start, which the cluster keeps after the job leaves.
  for (const NodeShare& share : cluster_->status(id).allocation) {
    nodes_->remove(share.node, run.from, run.to, -share.gpus);
  }
}

void ConservativeBackfilling::stamp_gain(const Interval& freed) {
  ++gains_;
  // A job of more GPUs than the node now has free anywhere in the window cannot use it.
  const int most_free = freed.node == kNoNode ? std::numeric_limits<int>::max()
                                              : nodes_->most_free(freed.node, freed.from, freed.to);
  Gain logged{.count = gains_,
              .node = freed.node,
              .most_free = most_free,
              .most_free_count = profile_->most_free(freed.from, freed.to),
              .from = freed.from,
              .to = freed.to,
              .longest = {},
              .first_begins = {}};
  if (freed.node != kNoNode) {
    nodes_->longest_runs(freed.node, freed.from, freed.to, logged.longest, logged.first_begins);
  }
  gain_log_.push_back(logged);
  // Past a few entries per node, merge each node's (and the count's) into one: the last count,
  // the window that spans them all, the largest room, the earliest stretch.
  const std::size_t places = nodes_ ? static_cast<std::size_t>(nodes_->nodes()) + 1 : 1;
  if (gain_log_.size() <= 4 * places) return;
  Gain none{.count = 0,
            .node = kNoNode,
            .most_free = std::numeric_limits<int>::min(),
            .most_free_count = std::numeric_limits<int>::min(),
            .from = kTimeInfinity,
            .to = std::numeric_limits<Time>::min(),
            .longest = {},
            .first_begins = {}};
  none.first_begins.fill(kTimeInfinity);
  std::vector<Gain> merged(places, none);
  for (const Gain& gain : gain_log_) {
    Gain& into = merged[static_cast<std::size_t>(gain.node + 1)];
    into.count = gain.count;
    into.node = gain.node;
    into.most_free = std::max(into.most_free, gain.most_free);
    into.most_free_count = std::max(into.most_free_count, gain.most_free_count);
    into.from = std::min(into.from, gain.from);
    into.to = std::max(into.to, gain.to);
    for (std::size_t need = 0; need < into.longest.size(); ++need) {
      into.longest[need] = std::max(into.longest[need], gain.longest[need]);
      into.first_begins[need] = std::min(into.first_begins[need], gain.first_begins[need]);
    }
  }
  gain_log_.clear();
  for (const Gain& gain : merged) {
    if (gain.count > 0) gain_log_.push_back(gain);
  }
  std::sort(gain_log_.begin(), gain_log_.end(),
            [](const Gain& a, const Gain& b) { return a.count < b.count; });
}

void ConservativeBackfilling::hold(JobId id, Time now) {
  const JobStatus& status = cluster_->status(id);
  const Interval run{now, status.expected_end, cluster_->job(id).gpus};
  Reservation& reservation = reserved_[id];
  const bool was_reserved = reserved(id);
  const Interval planned = reservation.slot;
  reservation.slot = Interval{};
  held_[id] = run;
  const bool as_timed = was_reserved && planned.from == now && planned.to == run.to;
  const bool on_its_node =
      planned.node == kNoNode
          ? !nodes_
          : status.allocation.size() == 1 && status.allocation.front().node == planned.node;
  // Started as planned: the reservation's booking is the run's, as unhold will take it out.
  if (as_timed && on_its_node) return;
  if (was_reserved) unbook(planned);
  book_run(id, run);
  // Not as planned: GPUs the plan held may be free now (compress again), and the run may
  // overlap reservations (repair them). A job reserved by count on a machine of nodes always
  // lands on GPUs its reservation did not name.
  if (!as_timed || planned.node != kNoNode) stamp_gain(planned);
  overbooking_ = true;
}

void ConservativeBackfilling::unhold(JobId id, Time now) {
  const Interval run = held_[id];
  unbook_run(id, run);  // (the profile ignores the past)
  held_[id] = Interval{};
  // Ended before its expected end: its GPUs are free from now on (nothing when it ended by it:
  // the plan already counted it gone).
  stamp_freed(id, now, run.to);
}

void ConservativeBackfilling::stamp_freed(JobId id, Time from, Time to) {
  if (from >= to) return;
  if (!nodes_) {
    stamp_gain({from, to, cluster_->job(id).gpus});
    return;
  }
  for (const NodeShare& share : cluster_->status(id).allocation) {
    stamp_gain({from, to, share.gpus, share.node});
  }
}

void ConservativeBackfilling::rehold(JobId id, Time now) {
  const Interval run = held_[id];
  const Interval moved{run.from, cluster_->status(id).expected_end, run.gpus};
  if (moved.to == run.to) return;
  unbook_run(id, run);
  book_run(id, moved);
  held_[id] = moved;
  if (moved.to > run.to) {
    overbooking_ = true;  // it may overlap reservations now (repair them)
  } else {
    stamp_freed(id, std::max(moved.to, now), run.to);  // sped up: free from its new end on
  }
}

Time ConservativeBackfilling::earliest_start(const JobSpec& job, Time from, Time length,
                                             const std::vector<int>* nodes, int& node,
                                             Time& count_bound_from) const {
  node = kNoNode;
  count_bound_from = kTimeInfinity;
  const AvailabilityProfile& profile = *profile_;
  if (!fits_one_node(job)) return profile.earliest_fit(from, length, job.gpus);
  // The earliest time some node has room, then whether the machine's count agrees (it also
  // holds the reservations by count, which name no node); if not, again from the count's next
  // fit, until both hold at once.
  Time start = std::max(from, profile.origin());
  while (start != kTimeInfinity) {
    Time on_a_node = kTimeInfinity;
    int found = kNoNode;
    const auto consider = [&](int candidate) {
      // (A node that cannot have the job's GPUs free before the best fit so far cannot beat it.)
      if (std::max(start, nodes_->free_bound(candidate, job.gpus)) >= on_a_node) return false;
      if (!may_run_on(job, candidate)) return false;
      const Time fit = nodes_->earliest_fit(candidate, start, length, job.gpus, on_a_node);
      if (fit < on_a_node) {
        on_a_node = fit;
        found = candidate;
      }
      return fit == start;  // no node can do better (and this one is the lowest-numbered)
    };
    if (nodes != nullptr) {
      for (const int candidate : *nodes) {
        if (consider(candidate)) break;
      }
    } else {
      earliest_on_any_node(job, start, length, on_a_node, found);
    }
    if (on_a_node == kTimeInfinity) return kTimeInfinity;
    start = profile.earliest_fit(on_a_node, length, job.gpus);
    if (start == on_a_node) {
      node = found;
      return start;
    }
    count_bound_from = std::min(count_bound_from, on_a_node);
  }
  return kTimeInfinity;
}

void ConservativeBackfilling::earliest_on_any_node(const JobSpec& job, Time start, Time length,
                                                   Time& best, int& best_node) const {
  const NodeAvailability& nodes = *nodes_;
  best = kTimeInfinity;
  best_node = kNoNode;
  // Best first: a node with the earliest free bound (the lowest-numbered) is where the job most
  // often fits first, and the fit it sets lets the sweep skip most other nodes.
  const Time least = nodes.least_free_bound(job.gpus);
  if (least == kTimeInfinity) return;
  const int seed = nodes.first_node_bound_by(job.gpus, 0, least);
  if (may_run_on(job, seed)) {
    best = nodes.earliest_fit(seed, start, length, job.gpus);
    if (best != kTimeInfinity) best_node = seed;
  }
  // Then, in node order, every node that may beat it: an earlier fit, or as early on a
  // lower-numbered node (a node's fit is never before its free bound, nor before `start`).
  for (int node = 0;; ++node) {
    const bool ahead = node < best_node;
    if (!ahead && start >= best) return;
    node = nodes.first_node_bound_by(job.gpus, node, ahead ? best : best - 1);
    if (node >= nodes.nodes()) return;
    if (ahead && node >= best_node) {
      node = best_node;  // past the best: from the node after it on, only earlier fits
      continue;
    }
    if (!may_run_on(job, node)) continue;
    const Time fit = nodes.earliest_fit(node, start, length, job.gpus, ahead ? best + 1 : best);
    if (fit < best || (fit == best && ahead)) {
      best = fit;
      best_node = node;
    }
  }
}

Time ConservativeBackfilling::planned_length(JobId id) const {
  // Fixed while the job waits. At least a microsecond, so that even a zero-length job needs its
  // GPUs free to start.
  return std::max<Time>(1, estimated_remaining(*cluster_, id));
}

Time ConservativeBackfilling::search_from(JobId id, Time now) const {
  const Reservation& reservation = reserved_[id];
  return reservation.refused_in == passes_ ? reservation.refused_floor : now;
}

void ConservativeBackfilling::reserve(JobId id, Time now) {
  Reservation& reservation = reserved_[id];
  const JobSpec& job = cluster_->job(id);
  const Time length = reservation.length = planned_length(id);
  int node = kNoNode;
  const Time start = earliest_start(job, search_from(id, now), length, nullptr, node,
                                    reservation.count_bound_from);
  reservation.checked = gains_;
  // A search that started after now (a refusal) says nothing of the times before.
  reservation.search_all = reservation.refused_in == passes_;
  if (start == kTimeInfinity) return;  // more GPUs than are in service: none (searched again)
  reservation.slot = {start, saturating_add(start, length), job.gpus, node};
  book(reservation.slot);
}

void ConservativeBackfilling::release(JobId id, bool gained) {
  Interval& slot = reserved_[id].slot;
  unbook(slot);
  if (gained) stamp_gain(slot);
  slot = Interval{};
}

bool ConservativeBackfilling::overbooked(JobId id) const {
  const Interval& slot = reserved_[id].slot;
  if (slot.node != kNoNode && nodes_->first_short_of(slot.node, slot.from, 0) < slot.to) {
    return true;
  }
  return profile_->first_short_of(slot.from, 0) < slot.to;
}

std::size_t ConservativeBackfilling::first_unread(std::uint64_t checked) {
  // Jobs further back in the queue were checked no earlier, as a rule: start where the last
  // lookup ended, and search the whole log only if that is past the answer or far before it.
  std::size_t first = std::min(unread_hint_, gain_log_.size());
  const auto read = [&](const Gain& gain) { return gain.count <= checked; };
  if (first > 0 && !read(gain_log_[first - 1])) first = 0;
  for (int step = 0; step < 4 && first < gain_log_.size() && read(gain_log_[first]); ++step) {
    ++first;
  }
  if (first < gain_log_.size() && read(gain_log_[first])) {
    first = static_cast<std::size_t>(
        std::partition_point(gain_log_.begin() + static_cast<std::ptrdiff_t>(first),
                             gain_log_.end(), read) -
        gain_log_.begin());
  }
  unread_hint_ = first;
  return first;
}

void ConservativeBackfilling::compress(JobId id, Time now) {
  Reservation& reservation = reserved_[id];
  const Interval old = reservation.slot;
  const JobSpec& job = cluster_->job(id);
  const Time from = search_from(id, now);
  const Time length = reservation.length;
  const bool by_node = fits_one_node(job);
  if (by_node && nodes_->least_free_bound(job.gpus) >= old.from) {
    // No node can have the job's GPUs free before its reservation (the bound is a lower one,
    // over every node): whatever it gained since, it cannot move.
    reservation.checked = gains_;
    return;
  }
  // The gains since the last check that a window starting in [from, old.from) could reach:
  // on which nodes with room for the job, on its own node, where the count turned it down.
  candidates_.clear();
  bool own_gained = false;
  bool count_gained = false;
  // Where a window that uses a gain can start: no earlier than the gains with the job's GPUs
  // free somewhere, minus its length, and before the last of them ends.
  Time usable_from = kTimeInfinity;
  Time usable_to = from;
  const auto unread = static_cast<std::ptrdiff_t>(first_unread(reservation.checked));
  for (auto gain = gain_log_.begin() + unread; gain != gain_log_.end(); ++gain) {
    if (gain->to <= from || gain->from >= old.to) continue;
    // A start can use a gain only where the machine now has the job's GPUs free.
    if (gain->most_free_count >= job.gpus) {
      usable_from = std::min(usable_from, gain->from);
      usable_to = std::max(usable_to, gain->to);
      if (!by_node || gain->to > reservation.count_bound_from) count_gained = true;
    }
    if (gain->node == kNoNode) continue;
    if (gain->node == old.node) {
      own_gained = true;  // (its own GPUs come back in the search: no room test)
    } else if (may_hold(*gain, job.gpus, length, old.from) && may_run_on(job, gain->node)) {
      candidates_.push_back(gain->node);
    }
  }
  // Room on `node` before the reservation (the two tests below); the earliest such time on
  // another node, a lower bound on its own node.
  const auto room_before = [&](int node) {
    if (node != old.node && nodes_->free_bound(node, job.gpus) >= old.from) return kTimeInfinity;
    const Time fit = nodes_->earliest_fit(node, from, length, job.gpus, old.from);
    if (fit < old.from || node != old.node) return fit;
    return old.from > from && nodes_->free_at(node, old.from - 1) >= job.gpus ? from
                                                                              : kTimeInfinity;
  };
  const std::vector<int>* nodes = nullptr;  // all
  Time lowest = from;  // no earlier start can use a gain (when the count is tested)
  if (!by_node && !reservation.search_all && !count_gained) {
    reservation.checked = gains_;  // by count, and the count gained nowhere it could use
    return;
  }
  if (!by_node || reservation.search_all || count_gained) {
    // Any node may have room now that the count lets it: first the count alone, which every
    // start needs — room before the reservation, or just before it (a window running into its
    // own GPUs).
    const AvailabilityProfile& profile = *profile_;
    lowest =
        reservation.search_all || usable_from - from <= length ? from : usable_from - length + 1;
    // A window that runs into its own GPUs has room just before them (the first test); the
    // others end by its reservation's start.
    const Time clear_of_own = old.from - length + 1;
    const Time before =
        std::min(reservation.search_all ? old.from : std::min(old.from, usable_to), clear_of_own);
    if ((old.from <= from || profile.free_at(old.from - 1) < job.gpus) &&
        (before <= lowest || profile.earliest_fit(lowest, length, job.gpus, before) >= before)) {
      // No move, but the nodes that gained may now have room the count turns down.
      if (by_node) {
        if (own_gained) candidates_.push_back(old.node);
        for (const int node : candidates_) {
          reservation.count_bound_from = std::min(reservation.count_bound_from, room_before(node));
        }
      }
      reservation.checked = gains_;
      return;
    }
  } else {
    // Only a node that gained can hold the job earlier: the others had no room before its
    // reservation when it was last checked, or only where the count turned it down and the
    // count has not gained there since.
    if (own_gained) candidates_.push_back(old.node);
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
    bool may_move = false;
    for (const int node : candidates_) {
      may_move = room_before(node) != kTimeInfinity;
      if (may_move) break;
    }
    if (!may_move) {
      reservation.checked = gains_;
      return;
    }
    if (!own_gained) {
      candidates_.insert(std::lower_bound(candidates_.begin(), candidates_.end(), old.node),
                         old.node);
    }
    nodes = &candidates_;
  }
  unbook(old);
  int node = kNoNode;
  Time count_bound_from = kTimeInfinity;
  // (A search on nodes starts at `from` all the same: it also finds where the count turns the
  // job down, for count_bound_from.)
  const Time start =
      earliest_start(job, by_node ? from : lowest, length, nodes, node, count_bound_from);
  const bool moves = start < old.from;  // never later; on a tie it keeps its own node
  if (moves) {
    reservation.slot = {start, saturating_add(start, length), job.gpus, node};
  }
  book(reservation.slot);
  if (moves) stamp_gain(old);  // (after the new booking, which the room it logs excludes)
  reservation.checked = gains_;
  // A search of some nodes only adds to what the count turned down before.
  reservation.count_bound_from = nodes == nullptr
                                     ? count_bound_from
                                     : std::min(count_bound_from, reservation.count_bound_from);
  reservation.search_all = reservation.refused_in == passes_;
}

void ConservativeBackfilling::refuse(JobId id, Time now) {
  release(id, true);
  Reservation& reservation = reserved_[id];
  reservation.refused_in = passes_;
  reservation.refused_floor = profile_->next_breakpoint(now);
  reserve(id, now);
}

void ConservativeBackfilling::walk(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  const PendingQueue& queue = cluster.queue();
  const bool repair = overbooking_;
  overbooking_ = false;
  std::size_t waiting = 0;
  for (JobId id = queue.front(); id != kNoJob;) {
    if (depth_ != 0 && waiting >= depth_) return;
    const JobId next = queue.next(id);  // read before a start removes `id`
    Reservation& reservation = reserved_[id];
    if (!reserved(id)) {
      reserve(id, now);
    } else if (reservation.slot.from < now || ((repair || overbooking_) && overbooked(id))) {
      // Overlapped by a start off its plan (or, which should not happen, left in the past).
      release(id, true);
      reserve(id, now);
    } else if (reservation.checked < gains_ || reservation.search_all) {
      compress(id, now);
    }
    if (reserved(id) && reservation.slot.from == now) {
      if (cluster.job(id).gpus <= cluster.free_gpus() && context.try_start(id)) {
        id = next;
        continue;
      }
      refuse(id, now);
    }
    ++waiting;
    id = next;
  }
}

void ConservativeBackfilling::replan_all(const Cluster& cluster, Time now) {
  const PendingQueue& queue = cluster.queue();
  for (JobId id = queue.front(); id != kNoJob; id = queue.next(id)) {
    if (reserved(id)) release(id, false);
  }
  if (down_gpus_ > 0) profile_->remove(down_from_, kTimeInfinity, -down_gpus_);
  down_gpus_ = cluster.down_gpus();
  down_from_ = now;
  if (down_gpus_ > 0) profile_->add(down_from_, kTimeInfinity, -down_gpus_);
  replan_ = false;
}

void ConservativeBackfilling::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  profile_->advance_to(now);
  if (nodes_) nodes_->advance_to(now);
  ++passes_;
  if (replan_ || cluster.down_gpus() != down_gpus_) replan_all(cluster, now);
  // Walk again while a walk freed GPUs (a move, a repair, a refusal) or started a job off its
  // plan (overbooking_, which the walk clears first): the jobs ahead of where that happened may
  // use the GPUs, or overlap the start.
  std::uint64_t gains_before = 0;
  do {
    gains_before = gains_;
    walk(context);
  } while (gains_ != gains_before || overbooking_);
}

}  // namespace podsim
