#include "policies/conservative_backfilling.hpp"

#include <algorithm>

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
  const auto& machine_nodes = cluster.topology().nodes();
  std::vector<int> capacity;
  for (const auto& node : machine_nodes) capacity.push_back(node.gpus);
  smallest_node_ = *std::min_element(capacity.begin(), capacity.end());
  nodes_.reset();
  if (capacity.size() > 1) nodes_.emplace(origin, capacity);
  held_.assign(workload.jobs.size(), Interval{});
  reserved_.assign(workload.jobs.size(), Interval{});
  length_.assign(workload.jobs.size(), 0);
  reserved_jobs_.clear();
  track_queued_sizes(cluster, queued_sizes_);
  arrived_.clear();
  down_ = Interval{};
  earliest_reservation_ = kTimeInfinity;
  disturbed_ = true;
  resume_ = kNoJob;
  cluster.job_submitted.connect([this](JobId id, Time) {
    enqueue(id);
    arrived_.push_back(id);
  });
  cluster.job_started.connect([this](JobId id, Time now) { hold(id, now); });
  cluster.job_finished.connect([this](JobId id, Time now) { unhold(id, now); });
  cluster.job_preempted.connect([this](JobId id, Time now) {
    unhold(id, now);
    enqueue(id);
  });
}

void ConservativeBackfilling::enqueue(JobId id) {
  // At least a microsecond, so that even a zero-length job needs its GPUs free to start.
  length_[id] = std::max<Time>(1, estimated_remaining(*cluster_, id));
}

void ConservativeBackfilling::hold(JobId id, Time now) {
  const Interval run{now, cluster_->status(id).expected_end, cluster_->job(id).gpus};
  profile_->advance_to(now);
  profile_->add(run.from, run.to, -run.gpus);
  if (nodes_) {
    nodes_->advance_to(now);
    for (const NodeShare& share : cluster_->status(id).allocation) {
      nodes_->add(share.node, run.from, run.to, -share.gpus);
      // The placement chose a node where the job overlaps a reservation (the plan had room for
      // it elsewhere): that reservation no longer holds, and a recomputation would move it.
      if (nodes_->first_short_of(share.node, run.from, 0) < run.to) disturbed_ = true;
    }
  }
  held_[id] = run;
}

void ConservativeBackfilling::unhold(JobId id, Time now) {
  profile_->advance_to(now);
  const Interval& run = held_[id];
  // Ended before its estimate: its GPUs are free from now on. (The profile ignores the past.)
  profile_->remove(run.from, run.to, -run.gpus);
  if (nodes_) {
    nodes_->advance_to(now);
    // The allocation of its last start, which the cluster keeps after the job leaves.
    for (const NodeShare& share : cluster_->status(id).allocation) {
      nodes_->remove(share.node, run.from, run.to, -share.gpus);
    }
  }
  held_[id] = Interval{};
  disturbed_ = true;  // GPUs came back (or a job re-entered the queue): plan again
}

bool ConservativeBackfilling::someone_could_start(const Cluster& cluster, Time now) const {
  const AvailabilityProfile& profile = *profile_;
  const int free_now = std::min(cluster.free_gpus(), profile.free_at(now));
  if (free_now <= 0) return false;
  if (depth_ != 0 && reserved_jobs_.size() >= depth_) return false;
  // A queued job that was planned and did not start was already too long for the GPUs of its
  // size free from now, and reservations only shorten that: any queued job short enough is one
  // not planned yet (or one whose placement failed, which only makes this test less sharp).
  // How long `gpus` GPUs stay free from now can only shrink as `gpus` grows: a size whose
  // shortest job is longer than the stretch of a smaller size needs no search of its own.
  Time stretch_end = kTimeInfinity;
  return queued_sizes_.any_size(free_now, [&](int gpus, Time shortest) {
    // The shortest planned length of the size (lengths are at least a microsecond, see enqueue).
    const Time until = now + std::max<Time>(1, shortest);
    if (until > stretch_end) return false;
    stretch_end = profile.first_short_of(now, gpus);
    if (until > stretch_end) return false;
    // A size every node holds whole is one no job spreads over nodes: it needs one node free.
    return !nodes_ || gpus > smallest_node_ || some_node_holds(gpus, now, until);
  });
}

bool ConservativeBackfilling::some_node_holds(int gpus, Time now, Time until) const {
  const Cluster& cluster = *cluster_;
  // By the plan alone, as plan() decides (a job running past its estimate holds GPUs the plan
  // counts as free; the placement may then start the job on another node).
  for (int node = 0; node < nodes_->nodes(); ++node) {
    if (cluster.node_up(node) && nodes_->first_short_of(node, now, gpus) >= until) return true;
  }
  return false;
}

Time ConservativeBackfilling::earliest_start(const JobSpec& job, Time from, Time length,
                                             int& node) const {
  node = kNoNode;
  const AvailabilityProfile& profile = *profile_;
  Time start = profile.earliest_fit(from, length, job.gpus);
  if (!nodes_ || !fits_one_node(job)) return start;
  const Cluster& cluster = *cluster_;
  // Alternate the two conditions, each search starting where the other found its first fit,
  // until both hold at once: the count (which includes reservations that span nodes and
  // have no node of their own) and the room on one node.
  while (start != kTimeInfinity) {
    Time on_a_node = kTimeInfinity;
    int found = kNoNode;
    for (int candidate = 0; candidate < nodes_->nodes(); ++candidate) {
      if (!cluster.node_up(candidate) || !cluster.suits(job, candidate)) continue;
      const Time fit = nodes_->earliest_fit(candidate, start, length, job.gpus, on_a_node);
      if (fit < on_a_node) {
        on_a_node = fit;
        found = candidate;
        if (fit == start) break;  // no node can do better
      }
    }
    if (on_a_node == kTimeInfinity) return kTimeInfinity;
    start = profile.earliest_fit(on_a_node, length, job.gpus);
    if (start == on_a_node) {
      node = found;
      return start;
    }
  }
  return kTimeInfinity;
}

void ConservativeBackfilling::plan(SchedulingContext& context, JobId id) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  AvailabilityProfile& profile = *profile_;
  const JobSpec& job = cluster.job(id);
  const int gpus = job.gpus;
  const Time length = length_[id];
  int node = kNoNode;
  Time start = earliest_start(job, now, length, node);
  if (start == now) {
    if (gpus <= cluster.free_gpus() && context.try_start(id)) return;
    // The plan has room but the placement found none (its own constraints, such as topology's
    // max_wait or a gpus_per_node shape, or GPUs still held by a job past its estimate): as
    // reserve_for does for EASY, the next change of the profile is its earliest chance — and
    // the GPUs free now stay usable by the jobs behind it.
    start = earliest_start(job, profile.next_breakpoint(now), length, node);
    // This reservation is not one a later recomputation would repeat: jobs started behind it
    // add earlier breakpoints (their expected ends), and the placement may succeed later on
    // the same GPUs (topology's max_wait). So the next pass recomputes from the head.
    disturbed_ = true;
  }
  if (start != kTimeInfinity) {  // (infinity: more GPUs than are in service)
    const Time end = start > kTimeInfinity - length ? kTimeInfinity : start + length;
    profile.add(start, end, -gpus);
    if (node != kNoNode) nodes_->add(node, start, end, -gpus);
    reserved_[id] = {start, end, gpus, node};
    earliest_reservation_ = std::min(earliest_reservation_, start);
  }
  reserved_jobs_.push_back(id);
}

void ConservativeBackfilling::plan_from(SchedulingContext& context, JobId first) {
  const Cluster& cluster = context.cluster();
  const PendingQueue& queue = cluster.queue();
  for (JobId id = first; id != kNoJob;) {
    if (!someone_could_start(cluster, context.now())) {
      resume_ = id;
      return;
    }
    const JobId next = queue.next(id);  // read before a start removes `id`
    plan(context, id);
    id = next;
  }
  resume_ = kNoJob;
}

void ConservativeBackfilling::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  AvailabilityProfile& profile = *profile_;
  profile.advance_to(now);
  if (nodes_) nodes_->advance_to(now);
  // GPUs of failed nodes (the jobs on them were evicted, and unheld, before the nodes failed).
  const int down = cluster.down_gpus();
  const bool stale = disturbed_ || down != down_.gpus || earliest_reservation_ <= now;
  // Newcomers queue behind everything planned: planning resumes at the first of them.
  if (resume_ == kNoJob && !arrived_.empty()) resume_ = arrived_.front();
  arrived_.clear();
  // Nothing can start: a stale plan is recomputed at the first pass that could start a job.
  if (cluster.queue().empty() || cluster.free_gpus() == 0) return;
  if (!stale) {
    if (resume_ != kNoJob) plan_from(context, resume_);
    return;
  }
  // Recompute: take every reservation out (only the planned prefix of the queue has one).
  for (const JobId id : reserved_jobs_) {
    const Interval& r = reserved_[id];
    profile.remove(r.from, r.to, -r.gpus);
    if (r.node != kNoNode) nodes_->remove(r.node, r.from, r.to, -r.gpus);
    reserved_[id] = Interval{};
  }
  reserved_jobs_.clear();
  profile.remove(down_.from, down_.to, -down_.gpus);
  down_ = Interval{};
  if (down > 0) {
    down_ = {now, kTimeInfinity, down};
    profile.add(down_.from, down_.to, -down_.gpus);
  }
  earliest_reservation_ = kTimeInfinity;
  disturbed_ = false;
  plan_from(context, cluster.queue().front());
}

}  // namespace podsim
