#include "policies/tiresias_las.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/input_error.hpp"
#include "policies/policy_params.hpp"
#include "policies/victim_choice.hpp"

namespace podsim {
namespace {

std::vector<Time> parse_thresholds(const std::string& text) {
  const std::string key = "policy las.thresholds_gpu_s";
  std::vector<Time> result;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = text.substr(start, comma - start);
    start = comma + 1;
    const std::optional<Time> value = parse_seconds(item);
    if (!value || *value <= 0 || (!result.empty() && *value <= result.back())) {
      throw InputError("", 0, key,
                       fmt::format("expected increasing GPU-seconds > 0 separated by commas, "
                                   "got '{}' in '{}'",
                                   item, text));
    }
    result.push_back(*value);
  }
  return result;
}

}  // namespace

std::vector<ParamSpec> TiresiasLas::params() {
  return {
      {"thresholds_gpu_s", ParamType::kString, "3600",
       "attained GPU-seconds at which a job moves down a queue, increasing, comma-separated: "
       "K-1 values for K queues ('' = one queue). Default: the Tiresias simulator's two "
       "queues split at 3600"},
      {"restore_s", ParamType::kReal, "10",
       "checkpoint + restore cost a preempted job pays when it resumes, seconds (an assumed "
       "cost; the Tiresias simulator charges none: set 0 to match it)"},
      {"promote_knob", ParamType::kReal, "0",
       "PROMOTEKNOB: a job waiting longer than this x the time it ran since its last promotion "
       "goes back to queue 0 (0: never; the reference's dlas-gpu-N variants use 0.5 to 1000)"},
  };
}

std::unique_ptr<Policy> TiresiasLas::make(const ParamValues& given) {
  const ParamValues values = complete_params(params(), given, "policy las");
  Options options;
  options.thresholds = parse_thresholds(values.text("thresholds_gpu_s"));
  options.restore = seconds_param(values, "restore_s", "policy las");
  options.promote_knob = values.real("promote_knob");
  if (!(options.promote_knob >= 0) || !std::isfinite(options.promote_knob)) {
    throw InputError("", 0, "policy las.promote_knob",
                     "expected a number >= 0, got '" + values.text("promote_knob") + "'");
  }
  return std::make_unique<TiresiasLas>(std::move(options));
}

void TiresiasLas::attach(const Cluster& cluster) {
  cluster_ = &cluster;
  const std::size_t jobs = cluster.workload().jobs.size();
  jobs_.assign(jobs, Tracked{});
  queued_.reset(jobs);
  demotions_.reset(jobs);
  promotions_.reset(jobs);
  running_per_level_.assign(options_.thresholds.size() + 1, 0);
  next_stamp_ = 0;
  pass_ = 0;
  cluster.job_submitted.connect([this](JobId id, Time now) { on_submitted(id, now); });
  cluster.job_started.connect([this](JobId id, Time now) { on_started(id, now); });
  cluster.job_finished.connect([this](JobId id, Time now) { on_stopped(id, now); });
  cluster.job_preempted.connect([this](JobId id, Time now) { on_stopped(id, now); });
}

Time TiresiasLas::executed(JobId id, Time now) const {
  return cluster_->attained_service(id, now) - jobs_[id].base;
}

void TiresiasLas::on_submitted(JobId id, Time now) {
  Tracked& job = jobs_[id];
  job.stamp = next_stamp_++;
  job.queued_since = now;
  queued_.insert(id, {job.level, job.stamp});
}

void TiresiasLas::on_started(JobId id, Time now) {
  Tracked& job = jobs_[id];
  queued_.erase(id);
  promotions_.erase(id);
  // Only waiting after it has run counts towards promotion (a job that never ran is in queue 0).
  if (executed(id, now) > 0) job.waited += now - job.queued_since;
  job.started_at = now;
  ++running_per_level_[job.level];
  plan_demotion(id, now);
}

void TiresiasLas::on_stopped(JobId id, Time now) {
  Tracked& job = jobs_[id];
  demotions_.erase(id);
  --running_per_level_[job.level];
  if (cluster_->status(id).state != JobState::kQueued) return;  // finished
  // Preempted (or evicted by a failure): back to its queue, in its place.
  job.queued_since = now;
  queued_.insert(id, {job.level, job.stamp});
  plan_promotion(id);
}

void TiresiasLas::plan_demotion(JobId id, Time now) {
  Tracked& job = jobs_[id];
  if (job.level >= static_cast<int>(options_.thresholds.size())) return;  // the last queue
  // Attained GPU-time reaches the threshold after ceil(threshold / gpus) of running.
  const Time threshold = options_.thresholds[job.level];
  const Time gpus = cluster_->job(id).gpus;
  const Time run_needed = (threshold + gpus - 1) / gpus;
  demotions_.insert(id, now + std::max<Time>(0, run_needed - executed(id, now)));
}

void TiresiasLas::plan_promotion(JobId id) {
  Tracked& job = jobs_[id];
  if (options_.promote_knob <= 0 || job.level == 0) return;
  const Time ran = executed(id, job.queued_since);
  if (ran <= 0) return;
  const auto limit =
      static_cast<Time>(std::llround(options_.promote_knob * static_cast<double>(ran)));
  promotions_.insert(id, job.queued_since + std::max<Time>(0, limit - job.waited));
}

void TiresiasLas::apply_due_changes(Time now) {
  while (!demotions_.empty() && demotions_.begin()->first <= now) {
    const JobId id = demotions_.front();
    demotions_.erase(id);
    Tracked& job = jobs_[id];
    --running_per_level_[job.level];
    ++job.level;
    ++running_per_level_[job.level];
    job.stamp = next_stamp_++;  // the back of its new queue
    plan_demotion(id, now);
  }
  while (!promotions_.empty() && promotions_.begin()->first <= now) {
    const JobId id = promotions_.front();
    promotions_.erase(id);
    Tracked& job = jobs_[id];
    queued_.erase(id);
    job.level = 0;
    job.stamp = next_stamp_++;
    job.base = cluster_->attained_service(id, now);
    job.waited = 0;
    job.queued_since = now;
    queued_.insert(id, {job.level, job.stamp});
  }
}

bool TiresiasLas::lower_priority_running(int level) const {
  for (std::size_t l = static_cast<std::size_t>(level) + 1; l < running_per_level_.size(); ++l) {
    if (running_per_level_[l] > 0) return true;
  }
  return false;
}

void TiresiasLas::collect_victims(Time now) {
  victims_.clear();
  const Time min_run = 2 * options_.restore;
  for (const auto& [expected_end, id] : cluster_->running()) {
    const Time preemptible_at = jobs_[id].started_at + min_run;
    if (preemptible_at > now) {
      next_preemptible_ = std::min(next_preemptible_, preemptible_at);
      continue;
    }
    victims_.push_back({jobs_[id].level, executed(id, now) * cluster_->job(id).gpus, id});
  }
  std::sort(victims_.begin(), victims_.end(), [](const Victim& a, const Victim& b) {
    if (a.level != b.level) return a.level > b.level;
    if (a.attained != b.attained) return a.attained > b.attained;
    return a.id < b.id;
  });
  index_victims();
  victims_ready_ = true;
}

void TiresiasLas::index_victims() {
  victim_ids_.clear();
  victim_gpus_before_.assign(victims_.size() + 1, 0);
  for (std::size_t i = 0; i < victims_.size(); ++i) {
    victim_ids_.push_back(victims_[i].id);
    victim_gpus_before_[i + 1] = victim_gpus_before_[i] + cluster_->job(victims_[i].id).gpus;
  }
}

bool TiresiasLas::make_room(SchedulingContext& context, JobId id) {
  const Cluster& cluster = context.cluster();
  const int level = jobs_[id].level;
  const int gpus = cluster.job(id).gpus;
  if (!victims_ready_) collect_victims(context.now());
  // Usable victims: the first `end`, all of a strictly lower priority than `id`. Jobs started
  // in this pass are never among them: they are of `id`'s priority or higher.
  const auto end = static_cast<std::size_t>(
      std::partition_point(victims_.begin(), victims_.end(),
                           [level](const Victim& v) { return v.level > level; }) -
      victims_.begin());
  if (end == 0 || cluster.free_gpus() + victim_gpus_before_[end] < gpus) return false;
  choose_victims(context, id, std::span<const JobId>(victim_ids_).first(end), chosen_);
  if (chosen_.empty()) return false;
  for (const JobId victim : chosen_) {
    context.preempt(victim, options_.restore);
    jobs_[victim].preempted_in_pass = pass_;
  }
  // They are victims no more in this pass.
  std::erase_if(victims_,
                [this](const Victim& v) { return jobs_[v.id].preempted_in_pass == pass_; });
  index_victims();
  return context.try_start(id);
}

void TiresiasLas::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  apply_due_changes(now);
  ++pass_;
  victims_ready_ = false;
  next_preemptible_ = kTimeInfinity;
  for (auto it = queued_.begin(); it != queued_.end();) {
    const auto entry = *it;  // starting or preempting changes queued_: copy the key
    const JobId id = entry.second;
    const int level = entry.first.first;
    const bool lower_running = lower_priority_running(level);
    // Nothing free and nobody to preempt: no job of this priority or lower can start.
    if (cluster.free_gpus() == 0 && !lower_running) break;
    if (jobs_[id].preempted_in_pass != pass_) {
      const bool started = cluster.job(id).gpus <= cluster.free_gpus() && context.try_start(id);
      if (!started && lower_running) make_room(context, id);
    }
    it = queued_.after(entry);
  }
  Time next_change = kTimeInfinity;
  if (!demotions_.empty()) next_change = demotions_.begin()->first;
  if (!promotions_.empty()) next_change = std::min(next_change, promotions_.begin()->first);
  // Some job looked for victims and some were too fresh: look again when they are not.
  next_change = std::min(next_change, next_preemptible_);
  if (next_change != kTimeInfinity) context.request_pass_at(next_change);
}

}  // namespace podsim
