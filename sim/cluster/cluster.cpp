#include "cluster/cluster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace podsim {

std::string to_string(JobState state) {
  switch (state) {
    case JobState::kNotSubmitted: return "not_submitted";
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kCompleted: return "completed";
    case JobState::kKilled: return "killed";
    case JobState::kRejected: return "rejected";
  }
  return "?";
}

bool is_final(JobState state) {
  return state == JobState::kCompleted || state == JobState::kKilled ||
         state == JobState::kRejected;
}

namespace {

[[noreturn]] void bad_transition(JobId id, const std::string& what) {
  throw std::logic_error(fmt::format("job {}: {}", id, what));
}

}  // namespace

Cluster::Cluster(const Topology& topology, const Workload& workload)
    : topology_(topology),
      workload_(workload),
      status_(workload.jobs.size()),
      nodes_with_free_(static_cast<std::size_t>(topology.max_node_gpus()) + 1, 0),
      free_gpus_(topology.total_gpus()),
      busy_by_node_type_(topology.node_types().size(), 0),
      queue_(workload.jobs.size()) {
  // Map the workload's GPU type names onto the topology's once, so suits() is a lookup.
  for (const auto& name : workload.gpu_types) {
    std::uint32_t found = kAbsentGpuType;
    for (std::uint32_t t = 0; t < topology.gpu_types().size(); ++t) {
      if (topology.gpu_types()[t].name == name) found = t;
    }
    workload_to_topology_gpu_type_.push_back(found);
  }
  largest_node_by_type_.assign(workload.gpu_types.size(), 0);
  for (std::size_t type = 0; type < workload.gpu_types.size(); ++type) {
    JobSpec probe;
    probe.gpu_type = static_cast<std::uint32_t>(type);
    for (std::size_t node = 0; node < topology.nodes().size(); ++node) {
      if (suits(probe, static_cast<int>(node))) {
        largest_node_by_type_[type] = std::max(largest_node_by_type_[type],
                                               topology.nodes()[node].gpus);
      }
    }
  }
  fits_one_node_up_to_ = topology.max_node_gpus();
  for (const int largest : largest_node_by_type_) {
    if (largest > 0) fits_one_node_up_to_ = std::min(fits_one_node_up_to_, largest);
  }
  failures_on_node_.assign(topology.nodes().size(), 0);
  free_per_node_.reserve(topology.nodes().size());
  for (const auto& node : topology.nodes()) {
    free_per_node_.push_back(node.gpus);
    ++nodes_with_free_[node.gpus];
  }
  largest_free_ = topology.max_node_gpus();
}

void Cluster::set_node_free(int node, int free) {
  --nodes_with_free_[free_per_node_[node]];
  free_per_node_[node] = free;
  ++nodes_with_free_[free];
  // Down to the next count some node has: the steps it takes are the GPUs the largest lost.
  largest_free_ = std::max(largest_free_, free);
  while (largest_free_ > 0 && nodes_with_free_[largest_free_] == 0) --largest_free_;
}

void Cluster::submit(JobId id, Time now) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kNotSubmitted) bad_transition(id, "submitted twice");
  status.state = JobState::kQueued;
  status.remaining = job(id).runtime;
  queue_.push_back(id);
  job_submitted.emit(id, now);
}

void Cluster::reject(JobId id, Time now, std::string reason) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kNotSubmitted) bad_transition(id, "rejected after submission");
  status.state = JobState::kRejected;
  status.reason = std::move(reason);
  ++finished_;
  job_rejected.emit(id, now);
}

void Cluster::start(JobId id, Allocation allocation, Time now) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kQueued) {
    bad_transition(id, "started while " + to_string(status.state));
  }
  if (allocated_gpus(allocation) != job(id).gpus) {
    bad_transition(id, fmt::format("allocation of {} GPUs for a job of {}",
                                   allocated_gpus(allocation), job(id).gpus));
  }
  for (const auto& share : allocation) {
    if (share.node < 0 || share.node >= static_cast<int>(free_per_node_.size()) ||
        share.gpus <= 0 || share.gpus > free_per_node_[share.node]) {
      bad_transition(id, fmt::format("allocation of {} GPUs on node {} which has {} free",
                                     share.gpus, share.node,
                                     share.node >= 0 && share.node < static_cast<int>(
                                         free_per_node_.size()) ? free_per_node_[share.node] : -1));
    }
    set_node_free(share.node, free_per_node_[share.node] - share.gpus);
    busy_by_node_type_[topology_.nodes()[share.node].node_type] += share.gpus;
  }
  free_gpus_ -= job(id).gpus;
  queue_.remove(id);
  status.state = JobState::kRunning;
  if (status.start < 0) status.start = now;
  status.banked_at = now;
  status.rate = 1.0;
  status.estimate_left = estimated_work_left(id);
  status.expected_end = now + status.estimate_left;
  status.allocation = std::move(allocation);
  running_.emplace(status.expected_end, id);
  job_started.emit(id, now);
}

void Cluster::release(JobId id) {
  JobStatus& status = status_[id];
  return_gpus(id, +1);
  running_.erase({status.expected_end, id});
}

void Cluster::return_gpus(JobId id, int sign) {
  for (const auto& share : status_[id].allocation) {
    set_node_free(share.node, free_per_node_[share.node] + sign * share.gpus);
    busy_by_node_type_[topology_.nodes()[share.node].node_type] -= sign * share.gpus;
  }
  free_gpus_ += sign * job(id).gpus;
}

void Cluster::lend_gpus(std::span<const JobId> ids) {
  for (const JobId id : ids) {
    if (status_.at(id).state != JobState::kRunning) bad_transition(id, "lent while not running");
    return_gpus(id, +1);
  }
}

void Cluster::reclaim_gpus(std::span<const JobId> ids) {
  for (const JobId id : ids) return_gpus(id, -1);
}

namespace {

// Work a job running at `rate` does in `elapsed` wall-clock microseconds. Exact at rate 1.
Time work_in(double rate, Time elapsed) {
  return rate == 1.0 ? elapsed : static_cast<Time>(std::llround(rate * static_cast<double>(elapsed)));
}

// Wall-clock microseconds in which a job running at `rate` does `work`. Exact at rate 1.
Time at_rate(Time work, double rate) {
  return rate == 1.0 ? work : static_cast<Time>(std::ceil(static_cast<double>(work) / rate));
}

}  // namespace

void Cluster::bank_progress(JobStatus& status, Time now) const {
  const Time elapsed = now - status.banked_at;
  const Time worked = work_in(status.rate, elapsed);
  const Time done = std::min(status.remaining, worked);
  status.remaining -= done;
  status.estimate_left = std::max<Time>(0, status.estimate_left - worked);
  status.work_done += done;
  status.service += elapsed;
  status.banked_at = now;
}

void Cluster::finish(JobId id, Time now) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kRunning) {
    bad_transition(id, "finished while " + to_string(status.state));
  }
  bank_progress(status, now);
  // Rounding of rates other than 1 may leave a microsecond or so; more means lost work.
  if (status.remaining > 1 + static_cast<Time>(status.rate)) {
    bad_transition(id, fmt::format("finished with {} us of work left", status.remaining));
  }
  status.work_done += status.remaining;
  status.remaining = 0;
  if (job(id).hits_walltime) {
    conclude(id, now, JobState::kKilled, "walltime");
  } else {
    conclude(id, now, JobState::kCompleted, "");
  }
}

void Cluster::conclude(JobId id, Time now, JobState state, std::string reason) {
  JobStatus& status = status_[id];
  release(id);
  status.end = now;
  status.state = state;
  status.reason = std::move(reason);
  ++finished_;
  job_finished.emit(id, now);
}

void Cluster::preempt(JobId id, Time now, Time resume_cost) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kRunning) {
    bad_transition(id, "preempted while " + to_string(status.state));
  }
  if (resume_cost < 0) bad_transition(id, "negative resume cost");
  bank_progress(status, now);
  release(id);
  status.remaining += resume_cost;
  status.overhead += resume_cost;
  ++status.preemptions;
  status.state = JobState::kQueued;
  queue_.push_back(id);
  job_preempted.emit(id, now);
}

void Cluster::give_up(JobId id, Time now, std::string reason) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kRunning) {
    bad_transition(id, "given up while " + to_string(status.state));
  }
  bank_progress(status, now);
  status.lost = status.work_done - status.overhead;  // nothing of it was useful
  conclude(id, now, JobState::kKilled, std::move(reason));
}

Time Cluster::evict(JobId id, Time now, Time checkpoint_interval, Time restart_cost) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kRunning) {
    bad_transition(id, "evicted while " + to_string(status.state));
  }
  if (restart_cost < 0 || checkpoint_interval < 0) bad_transition(id, "negative eviction cost");
  // The work of this run since its last checkpoint is lost. (Earlier runs ended in a
  // preemption, which checkpoints, or in an eviction that already took its own loss.)
  const Time run_length = now - status.banked_at;
  const Time remaining_before = status.remaining;
  bank_progress(status, now);
  const Time since_checkpoint =
      checkpoint_interval > 0 ? run_length % checkpoint_interval : run_length;
  const Time lost =
      std::min(remaining_before - status.remaining, work_in(status.rate, since_checkpoint));
  release(id);
  status.remaining += lost + restart_cost;
  status.lost += lost;
  status.overhead += restart_cost;
  ++status.restarts;
  status.state = JobState::kQueued;
  queue_.push_back(id);
  job_preempted.emit(id, now);
  return lost;
}

std::vector<JobId> Cluster::jobs_on_node(int node) const {
  std::vector<JobId> jobs;
  for (const auto& [expected_end, id] : running_) {
    for (const auto& share : status_[id].allocation) {
      if (share.node == node) jobs.push_back(id);
    }
  }
  std::sort(jobs.begin(), jobs.end());
  return jobs;
}

void Cluster::fail_node(int node, Time /*now*/) {
  const int capacity = topology_.nodes().at(node).gpus;
  if (failures_on_node_[node]++ > 0) return;  // already down
  if (free_per_node_[node] != capacity) {
    throw std::logic_error(fmt::format("node {} failed with jobs still on it", node));
  }
  set_node_free(node, 0);
  free_gpus_ -= capacity;
  down_gpus_ += capacity;
}

void Cluster::repair_node(int node, Time /*now*/) {
  if (failures_on_node_.at(node) == 0) {
    throw std::logic_error(fmt::format("node {} repaired while up", node));
  }
  if (--failures_on_node_[node] > 0) return;  // still down under another failure
  const int capacity = topology_.nodes()[node].gpus;
  set_node_free(node, capacity);
  free_gpus_ += capacity;
  down_gpus_ -= capacity;
}

void Cluster::set_rate(JobId id, double rate, Time now) {
  JobStatus& status = status_.at(id);
  if (status.state != JobState::kRunning || !(rate > 0)) {
    bad_transition(id, fmt::format("rate {} set while {}", rate, to_string(status.state)));
  }
  bank_progress(status, now);
  status.rate = rate;
  const Time expected_end = status.banked_at + at_rate(status.estimate_left, rate);
  if (expected_end == status.expected_end) return;
  running_.erase({status.expected_end, id});
  status.expected_end = expected_end;
  running_.emplace(expected_end, id);
  job_expected_end_moved.emit(id, now);
}

Time Cluster::end_if_started(JobId id, Time now, double rate) const {
  return now + at_rate(estimated_work_left(id), rate);
}

Time Cluster::remaining_work(JobId id, Time now) const {
  const JobStatus& status = status_[id];
  if (status.state != JobState::kRunning) return status.remaining;
  return std::max<Time>(0, status.remaining - work_in(status.rate, now - status.banked_at));
}

Time Cluster::attained_service(JobId id, Time now) const {
  const JobStatus& status = status_[id];
  return status.service + (status.state == JobState::kRunning ? now - status.banked_at : 0);
}

Time Cluster::projected_end(JobId id) const {
  const JobStatus& status = status_[id];
  return status.banked_at + at_rate(status.remaining, status.rate);
}

void Cluster::check_invariants() const {
  std::vector<int> used(free_per_node_.size(), 0);
  int running_gpus = 0;
  for (const auto& [expected_end, id] : running_) {
    const JobStatus& status = status_[id];
    if (status.state != JobState::kRunning || status.expected_end != expected_end) {
      throw std::logic_error(fmt::format("job {} in the running set is {}", id,
                                         to_string(status.state)));
    }
    for (const auto& share : status.allocation) used[share.node] += share.gpus;
    running_gpus += job(id).gpus;
  }
  for (std::size_t node = 0; node < used.size(); ++node) {
    const int capacity = node_up(static_cast<int>(node)) ? topology_.nodes()[node].gpus : 0;
    if (used[node] + free_per_node_[node] != capacity) {
      throw std::logic_error(fmt::format("node {}: {} GPUs used + {} free != {} GPUs in service",
                                         node, used[node], free_per_node_[node], capacity));
    }
  }
  if (running_gpus + free_gpus_ + down_gpus_ != total_gpus()) {
    throw std::logic_error(fmt::format("{} GPUs running + {} free + {} down != {} total",
                                       running_gpus, free_gpus_, down_gpus_, total_gpus()));
  }
}

}  // namespace podsim
