#include "policies/srtf.hpp"

#include <iterator>

#include "policies/policy_params.hpp"
#include "policies/victim_choice.hpp"

namespace podsim {

std::vector<ParamSpec> Srtf::params() {
  return {{"resume_cost_s", ParamType::kReal, "0",
           "checkpoint + restore cost a preempted job pays when it resumes, seconds (0: the "
           "ideal oracle)"}};
}

std::unique_ptr<Policy> Srtf::make(const ParamValues& given) {
  const ParamValues values = complete_params(params(), given, "policy srtf");
  return std::make_unique<Srtf>(seconds_param(values, "resume_cost_s", "policy srtf"));
}

void Srtf::attach(const Cluster& cluster) {
  cluster_ = &cluster;
  const std::size_t jobs = cluster.workload().jobs.size();
  queued_.reset(jobs);
  running_.reset(jobs);
  preempted_in_pass_.assign(jobs, 0);
  pass_ = 0;
  const auto enqueue = [this, &cluster](JobId id, Time) {
    running_.erase(id);
    queued_.insert(id, cluster.status(id).remaining);
  };
  cluster.job_submitted.connect(enqueue);
  cluster.job_preempted.connect(enqueue);
  cluster.job_started.connect([this, &cluster](JobId id, Time) {
    queued_.erase(id);
    running_.insert(id, cluster.projected_end(id));
  });
  cluster.job_finished.connect([this](JobId id, Time) { running_.erase(id); });
}

Time Srtf::largest_running_remaining(Time now) const {
  if (running_.empty()) return -1;
  return cluster_->remaining_work(std::prev(running_.end())->second, now);
}

bool Srtf::make_room(SchedulingContext& context, JobId id, Time remaining) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  const int gpus = cluster.job(id).gpus;
  // The running jobs longer than `id`, longest first: those that free enough GPUs by count,
  // and only if the placement wants more of them, all the others.
  candidates_.clear();
  int freed = cluster.free_gpus();
  auto it = running_.end();
  const auto take_next = [&] {
    if (it == running_.begin()) return false;
    --it;
    if (cluster.remaining_work(it->second, now) <= remaining) return false;
    candidates_.push_back(it->second);
    freed += cluster.job(it->second).gpus;
    return true;
  };
  while (freed < gpus && take_next()) {
  }
  if (freed < gpus) return false;
  choose_victims(context, id, candidates_, victims_);
  if (victims_.empty()) {
    const std::size_t counted = candidates_.size();
    while (take_next()) {
    }
    if (candidates_.size() > counted) choose_victims(context, id, candidates_, victims_);
    if (victims_.empty()) return false;
  }
  for (const JobId victim : victims_) {
    context.preempt(victim, resume_cost_);
    preempted_in_pass_[victim] = pass_;
  }
  return context.try_start(id);
}

void Srtf::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  ++pass_;
  for (auto it = queued_.begin(); it != queued_.end();) {
    const auto entry = *it;  // starts and preemptions change queued_: copy the key
    const JobId id = entry.second;
    const Time remaining = entry.first;
    const bool longer_running = largest_running_remaining(now) > remaining;
    // Nothing free and nothing longer running: no job from here on can start.
    if (cluster.free_gpus() == 0 && !longer_running) break;
    if (preempted_in_pass_[id] != pass_) {
      const bool started = cluster.job(id).gpus <= cluster.free_gpus() && context.try_start(id);
      if (!started && longer_running) make_room(context, id, remaining);
    }
    it = queued_.after(entry);
  }
}

}  // namespace podsim
