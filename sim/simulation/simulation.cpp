#include "simulation/simulation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/engine.hpp"
#include "metrics/offered_load.hpp"
#include "metrics/steady_state_checks.hpp"

namespace podsim {
namespace {

enum EventKind : std::uint32_t {
  kArrive,
  kComplete,
  kPass,
  kTimer,
  kNodeFail,     // target: node (random failures)
  kNodeRepair,   // target: node
  kTraceFail,    // target: index into the failure trace
  kTraceRepair,  // target: index into the failure trace
};

constexpr std::uint64_t kProgressEvery = 1 << 16;

// The summary over the measurement window of `spec`: which jobs count, the offered load and the
// steady-state warnings. Marks each record counted or not.
Summary measure(std::vector<JobRecord>& records, const TimeSeriesCollector& series,
                const Workload& workload, const Topology& topology,
                const SimulationOptions& options) {
  Time first_submit = kTimeInfinity, last_submit = -kTimeInfinity, last_end = -kTimeInfinity;
  for (const JobRecord& record : records) {
    if (!record.ran()) continue;
    first_submit = std::min(first_submit, record.submit);
    last_submit = std::max(last_submit, record.submit);
    last_end = std::max(last_end, record.end);
  }
  const WindowSpec& spec = options.window;
  MeasurementWindow window;
  if (first_submit <= last_submit) {
    window = resolve_window(spec, first_submit, last_submit, series);
  }
  for (JobRecord& record : records) record.counted = record.ran() && window.counts(record.submit);
  Summary summary = summarize(records, series, window);
  summary.offered_load = offered_load(workload, records, window, topology.capacity_gpus());
  check_steady_state(summary, records, series);
  // The time utilisation is measured over: the window, or first submit to last end.
  if (window.whole_run) {
    summary.power = power_and_cost(topology, series, first_submit, last_end, options.site);
  } else {
    summary.power = power_and_cost(topology, series, window.begin, window.end, options.site);
  }
  return summary;
}

class Driver final : public EventHandler, public SchedulingContext {
 public:
  Driver(const Topology& topology, const Workload& workload, Policy& policy,
         PlacementStrategy& placement, const SimulationOptions& options)
      : workload_(workload),
        cluster_(topology, workload),
        policy_(policy),
        placement_(placement),
        options_(options),
        series_(topology.total_gpus()),
        completion_events_(workload.jobs.size(), 0) {
    engine_.reserve(1024);
    if (options.failures.any()) {
      sampler_.emplace(options.failures);
      if (!options.failures.trace_file.empty()) {
        failure_trace_ = read_failure_trace(options.failures.trace_file, topology);
      }
    }
    if (options.perf) {
      perf_.emplace(topology, workload, *options.perf);
      if (perf_->trivial()) perf_.reset();  // one node, one speed: nothing to model
    }
  }

  SimulationResult run() {
    if (options_.attach) options_.attach(cluster_);
    policy_.attach(cluster_);
    schedule_first_failures();
    if (!workload_.jobs.empty())
      engine_.schedule(workload_.jobs[0].submit, EventClass::kArrival, kArrive, 0);
    engine_.run(*this);
    check_end_state();
    SimulationResult result;
    result.records = collect_job_records(cluster_);
    result.summary = measure(result.records, series_, workload_, cluster_.topology(), options_);
    result.series = std::move(series_);
    result.events = engine_.events_fired();
    result.passes = passes_;
    result.failures = failures_;
    return result;
  }

  // EventHandler
  void handle(const Event& event) override {
    switch (event.kind) {
      case kArrive:
        arrive(event.target);
        break;
      case kComplete:
        complete(event.target);
        break;
      case kPass:
        pass();
        break;
      case kTimer:
        timer_pending_ = false;
        request_pass();
        break;
      case kNodeFail:
        if (work_left()) {
          fail_nodes({static_cast<int>(event.target)});
          engine_.schedule(now() + sampler_->repair_time(), EventClass::kCompletion, kNodeRepair,
                           event.target);
        }
        break;
      case kNodeRepair:
        cluster_.repair_node(static_cast<int>(event.target), now());
        schedule_node_failure(static_cast<int>(event.target));
        request_pass();
        break;
      case kTraceFail:
        if (work_left()) {
          fail_nodes(failure_trace_[event.target].nodes);
          engine_.schedule(now() + failure_trace_[event.target].duration, EventClass::kCompletion,
                           kTraceRepair, event.target);
        }
        break;
      case kTraceRepair:
        for (int node : failure_trace_[event.target].nodes) cluster_.repair_node(node, now());
        request_pass();
        break;
      default:
        throw std::logic_error(fmt::format("unknown event kind {}", event.kind));
    }
    if (options_.progress && engine_.events_fired() % kProgressEvery == 0) {
      options_.progress(cluster_.finished_count(), workload_.jobs.size());
    }
  }

  // SchedulingContext
  Time now() const override { return engine_.now(); }
  const Cluster& cluster() const override { return cluster_; }
  bool try_start(JobId id) override { return try_start_ending_by(id, kTimeInfinity); }
  int kept_on_one_node_up_to() const override {
    return placement_.kept_on_one_node_up_to(cluster_);
  }
  bool try_start_ending_by(JobId id, Time end_by) override {
    auto allocation = placement_.place(cluster_.job(id), cluster_, now());
    if (!allocation) return false;
    if (end_by != kTimeInfinity) {
      if (cluster_.end_if_started(id, now(), rate_on(id, *allocation)) > end_by) return false;
    }
    cluster_.start(id, std::move(*allocation), now());
    if (perf_) {
      affected_.clear();
      perf_->add_job(id, cluster_.status(id).allocation, affected_);
      cluster_.set_rate(id, rate_of(id), now());
      update_rates(affected_);
    } else if (checkpoint_efficiency_ != 1.0) {
      cluster_.set_rate(id, rate_of(id), now());
    }
    schedule_completion(id);
    return true;
  }
  void preempt(JobId id, Time resume_cost) override {
    engine_.cancel(completion_events_[id]);
    cluster_.preempt(id, now(), resume_cost);
    stopped_running(id);
  }
  bool would_start_without(JobId id, std::span<const JobId> victims) override {
    cluster_.lend_gpus(victims);
    const bool fits = placement_.place(cluster_.job(id), cluster_, now()).has_value();
    cluster_.reclaim_gpus(victims);
    return fits;
  }
  void request_pass_at(Time time) override {
    if (time <= now()) return;
    if (timer_pending_) engine_.cancel(timer_);
    timer_ = engine_.schedule(time, EventClass::kSchedule, kTimer, 0);
    timer_pending_ = true;
  }

 private:
  void arrive(JobId id) {
    const JobSpec& job = cluster_.job(id);
    if (id + 1 < workload_.jobs.size()) {
      engine_.schedule(workload_.jobs[id + 1].submit, EventClass::kArrival, kArrive, id + 1);
    }
    const int capacity = capacity_for(job);
    if (job.gpus > capacity) {
      cluster_.reject(id, now(),
                      job.gpu_type == kNoGpuType
                          ? fmt::format("needs {} GPUs; the machine has {}", job.gpus, capacity)
                          : fmt::format("needs {} GPUs of type {}; the machine has {}", job.gpus,
                                        workload_.gpu_types[job.gpu_type], capacity));
      return;
    }
    cluster_.submit(id, now());
    request_pass();
  }

  void complete(JobId id) {
    cluster_.finish(id, now());
    stopped_running(id);
    request_pass();
  }

  bool work_left() const { return cluster_.finished_count() < workload_.jobs.size(); }

  void schedule_first_failures() {
    if (options_.failures.node_mtbf_hours > 0) {
      for (std::size_t node = 0; node < cluster_.topology().nodes().size(); ++node) {
        schedule_node_failure(static_cast<int>(node));
      }
    }
    for (std::size_t i = 0; i < failure_trace_.size(); ++i) {
      engine_.schedule(failure_trace_[i].time, EventClass::kCompletion, kTraceFail,
                       static_cast<std::uint32_t>(i));
    }
  }

  void schedule_node_failure(int node) {
    if (options_.failures.node_mtbf_hours <= 0 || !work_left()) return;
    engine_.schedule(now() + sampler_->time_to_failure(), EventClass::kCompletion, kNodeFail,
                     static_cast<std::uint32_t>(node));
  }

  // Evicts every job on the nodes (each once, in id order), then takes the nodes down.
  void fail_nodes(const std::vector<int>& nodes) {
    std::vector<JobId> hit;
    for (int node : nodes) {
      const auto on_node = cluster_.jobs_on_node(node);
      hit.insert(hit.end(), on_node.begin(), on_node.end());
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    for (JobId id : hit) {
      engine_.cancel(completion_events_[id]);
      if (cluster_.status(id).restarts >= options_.failures.max_restarts) {
        cluster_.give_up(id, now(), "max_restarts");
        stopped_running(id);
        continue;
      }
      // Checkpoints are interval + cost of wall time apart (see checkpoint_cost).
      const Time period =
          options_.failures.checkpoint_interval > 0
              ? options_.failures.checkpoint_interval + options_.failures.checkpoint_cost
              : 0;
      cluster_.evict(id, now(), period, options_.failures.restart_cost);
      stopped_running(id);
    }
    for (int node : nodes) cluster_.fail_node(node, now());
    failures_ += nodes.size();
    request_pass();
  }

  // Contention: the jobs that shared uplinks with `id` may speed up.
  void stopped_running(JobId id) {
    if (!perf_) return;
    affected_.clear();
    perf_->remove_job(id, affected_);
    update_rates(affected_);
  }

  // A job's progress rate on `allocation`: the placement's (performance model, under the
  // current load) times the share of time it is not writing checkpoints.
  double rate_on(JobId id, const Allocation& allocation) const {
    const double placed = perf_ ? perf_->rate(cluster_.job(id), allocation) : 1.0;
    return placed * checkpoint_efficiency_;
  }
  // A running job's.
  double rate_of(JobId id) const { return rate_on(id, cluster_.status(id).allocation); }

  // Recomputes each job's rate under the current load and moves its completion if it changed.
  void update_rates(const std::vector<JobId>& jobs) {
    for (JobId other : jobs) {
      const JobStatus& status = cluster_.status(other);
      const double rate = rate_of(other);
      if (rate == status.rate) continue;
      cluster_.set_rate(other, rate, now());
      engine_.cancel(completion_events_[other]);
      schedule_completion(other);
    }
  }

  // The completion event of a running job, at its projected end (moved whenever its rate
  // changes: the old event is cancelled).
  void schedule_completion(JobId id) {
    completion_events_[id] =
        engine_.schedule(cluster_.projected_end(id), EventClass::kCompletion, kComplete, id);
  }

  void pass() {
    pass_pending_ = false;
    if (timer_pending_) {
      engine_.cancel(timer_);
      timer_pending_ = false;
    }
    ++passes_;
    policy_.schedule(*this);
    if (options_.check_every_pass) cluster_.check_invariants();
    series_.observe(cluster_, now());
  }

  // One pass per instant, after all completions and arrivals there (EventClass order). A job
  // that starts and ends at the same instant (runtime 0) asks for one more.
  void request_pass() {
    if (pass_pending_) return;
    pass_pending_ = true;
    engine_.schedule(now(), EventClass::kSchedule, kPass, 0);
  }

  // GPUs of the kind the job needs in the whole machine. O(nodes), only for jobs with a type.
  int capacity_for(const JobSpec& job) const {
    if (job.gpu_type == kNoGpuType) return cluster_.total_gpus();
    int capacity = 0;
    for (std::size_t node = 0; node < cluster_.topology().nodes().size(); ++node) {
      if (cluster_.suits(job, static_cast<int>(node))) {
        capacity += cluster_.topology().nodes()[node].gpus;
      }
    }
    return capacity;
  }

  void check_end_state() const {
    cluster_.check_invariants();
    if (cluster_.finished_count() != workload_.jobs.size() || !cluster_.queue().empty() ||
        !cluster_.running().empty() || cluster_.free_gpus() != cluster_.total_gpus()) {
      throw std::logic_error(fmt::format(
          "run ended with {} of {} jobs finished, {} queued, {} running, {} of {} GPUs free",
          cluster_.finished_count(), workload_.jobs.size(), cluster_.queue().size(),
          cluster_.running().size(), cluster_.free_gpus(), cluster_.total_gpus()));
    }
  }

  const Workload& workload_;
  Engine engine_;
  Cluster cluster_;
  Policy& policy_;
  PlacementStrategy& placement_;
  const SimulationOptions& options_;
  TimeSeriesCollector series_;
  std::vector<EventHandle> completion_events_;  // by job, while it runs
  std::optional<PerformanceModel> perf_;
  std::optional<FailureSampler> sampler_;
  std::vector<ScheduledFailure> failure_trace_;
  std::uint64_t failures_ = 0;
  std::vector<JobId> affected_;  // scratch for rate updates
  double checkpoint_efficiency_ = options_.failures.checkpoint_efficiency();
  bool pass_pending_ = false;
  EventHandle timer_ = 0;
  bool timer_pending_ = false;
  std::uint64_t passes_ = 0;
};

}  // namespace

SimulationResult simulate(const Topology& topology, const Workload& workload, Policy& policy,
                          PlacementStrategy& placement, const SimulationOptions& options) {
  Driver driver(topology, workload, policy, placement, options);
  return driver.run();
}

}  // namespace podsim
