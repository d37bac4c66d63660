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
  reserved_.assign(workload.jobs.size(), Interval{});
  length_.assign(workload.jobs.size(), 0);
  reserved_jobs_.clear();
  lengths_by_size_.clear();
  arrived_.clear();
  running_gpus_ = 0;
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
  lengths_by_size_[cluster_->job(id).gpus].insert(length_[id]);
}

void ConservativeBackfilling::hold(JobId id, Time now) {
  auto& lengths = lengths_by_size_[cluster_->job(id).gpus];
  lengths.erase(lengths.find(length_[id]));
  const Interval run{now, cluster_->status(id).expected_end, cluster_->job(id).gpus};
  profile_->advance_to(now);
  profile_->add(run.from, run.to, -run.gpus);
  held_[id] = run;
  running_gpus_ += run.gpus;
}

void ConservativeBackfilling::unhold(JobId id, Time now) {
  profile_->advance_to(now);
  const Interval& run = held_[id];
  // Ended before its estimate: its GPUs are free from now on. (The profile ignores the past.)
  profile_->remove(run.from, run.to, -run.gpus);
  running_gpus_ -= run.gpus;
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
  for (const auto& [gpus, lengths] : lengths_by_size_) {
    if (gpus > free_now) break;
    if (lengths.empty() || now + *lengths.begin() > stretch_end) continue;
    stretch_end = profile.first_short_of(now, gpus);
    if (now + *lengths.begin() <= stretch_end) return true;
  }
  return false;
}

void ConservativeBackfilling::plan(SchedulingContext& context, JobId id) {
  const Cluster& cluster = context.cluster();
  const Time now = context.now();
  AvailabilityProfile& profile = *profile_;
  const int gpus = cluster.job(id).gpus;
  const Time length = length_[id];
  Time start = profile.earliest_fit(now, length, gpus);
  if (start == now) {
    if (gpus <= cluster.free_gpus() && context.try_start(id)) return;
    // Enough GPUs by count but the placement found no room (e.g. no node with enough free
    // GPUs): as reserve_for does for EASY, the next change of the profile is its earliest
    // chance — and the GPUs free now stay usable by the jobs behind it.
    start = profile.earliest_fit(profile.next_breakpoint(now), length, gpus);
    // This reservation is not one a later recomputation would repeat: jobs started behind it
    // add earlier breakpoints (their expected ends), and the placement may succeed later on
    // the same GPUs (topology's max_wait). So the next pass recomputes from the head.
    disturbed_ = true;
  }
  if (start != kTimeInfinity) {  // (infinity: more GPUs than are in service)
    const Time end = start > kTimeInfinity - length ? kTimeInfinity : start + length;
    profile.add(start, end, -gpus);
    reserved_[id] = {start, end, gpus};
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
  // GPUs neither free nor running are on failed nodes.
  const int down = cluster.total_gpus() - cluster.free_gpus() - running_gpus_;
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
