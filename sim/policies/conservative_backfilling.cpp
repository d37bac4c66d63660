#include "policies/conservative_backfilling.hpp"

#include <algorithm>
#include <limits>

#include "common/input_error.hpp"
#include "policies/easy_backfilling.hpp"
#include "policies/policy_params.hpp"

namespace podsim {

std::vector<ParamSpec> ConservativeBackfilling::params() {
  return {{"depth", ParamType::kInteger, "0",
           "how many queued jobs, from the head, get a reservation each pass (0: all); the jobs "
           "behind them are not considered until a later pass (as Slurm's bf_max_job_test)"}};
}

std::unique_ptr<Policy> ConservativeBackfilling::make(const ParamValues& given) {
  const ParamValues values = with_defaults(params(), given, "conservative");
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
  held_.assign(workload.jobs.size(), Interval{});
  tentative_.clear();
  running_gpus_ = 0;
  cluster.job_started.connect([this](JobId id, Time now) { hold(id, now); });
  cluster.job_finished.connect([this](JobId id, Time now) { unhold(id, now); });
  cluster.job_preempted.connect([this](JobId id, Time now) { unhold(id, now); });
}

void ConservativeBackfilling::hold(JobId id, Time now) {
  profile_->advance_to(now);
  const Interval interval{now, cluster_->status(id).expected_end, cluster_->job(id).gpus};
  profile_->add(interval.from, interval.to, -interval.gpus);
  held_[id] = interval;
  running_gpus_ += interval.gpus;
}

void ConservativeBackfilling::unhold(JobId id, Time now) {
  profile_->advance_to(now);
  const Interval& interval = held_[id];
  // Ended before its estimate: its GPUs are free from now on. (The profile ignores the past.)
  profile_->remove(interval.from, interval.to, -interval.gpus);
  running_gpus_ -= interval.gpus;
  held_[id] = Interval{};
}

void ConservativeBackfilling::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const PendingQueue& queue = cluster.queue();
  if (queue.empty() || cluster.free_gpus() == 0) return;
  const Time now = context.now();
  AvailabilityProfile& profile = *profile_;
  profile.advance_to(now);
  tentative_.clear();
  // GPUs on failed nodes (neither free nor running) are out of the plan until repaired: the
  // policy is not told when that will be.
  const int down = cluster.total_gpus() - cluster.free_gpus() - running_gpus_;
  if (down > 0) {
    profile.add(now, kTimeInfinity, -down);
    tentative_.push_back({now, kTimeInfinity, down});
  }
  std::size_t reserved = 0;
  for (JobId id = queue.front(); id != kNoJob;) {
    const JobId next = queue.next(id);  // read before a start removes `id`
    // No GPU free now (by the cluster or by the plan): nothing further back can start now,
    // and this pass's reservations are discarded anyway.
    if (cluster.free_gpus() == 0 || profile.free_at(now) <= 0) break;
    if (depth_ != 0 && reserved == depth_) break;
    const int gpus = cluster.job(id).gpus;
    // At least a microsecond, so that even a zero-length job needs its GPUs free to start.
    const Time length = std::max<Time>(1, estimated_remaining(cluster, id));
    const Time start = profile.earliest_fit(now, length, gpus);
    if (start == now && gpus <= cluster.free_gpus() && context.try_start(id)) {
      id = next;  // the start signal put its run in the profile
      continue;
    }
    if (start != kTimeInfinity) {
      const Time end = start > kTimeInfinity - length ? kTimeInfinity : start + length;
      profile.add(start, end, -gpus);
      tentative_.push_back({start, end, gpus});
    }
    ++reserved;
    id = next;
  }
  for (auto it = tentative_.rbegin(); it != tentative_.rend(); ++it) {
    profile.remove(it->from, it->to, -it->gpus);
  }
}

}  // namespace podsim
