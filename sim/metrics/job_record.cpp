#include "metrics/job_record.hpp"

#include <algorithm>

namespace podsim {

double bounded_slowdown(Time wait, Time run, Time bound) {
  const double response = static_cast<double>(wait + run);
  return std::max(1.0, response / static_cast<double>(std::max(run, bound)));
}

namespace {

// The outermost topology level the allocation's nodes do not share (-1: a single node).
int placement_spread(const Topology& topology, const Allocation& allocation) {
  int spread = -1;
  for (std::size_t i = 1; i < allocation.size(); ++i) {
    spread = std::max(spread, topology.common_level(allocation[0].node, allocation[i].node));
  }
  return spread;
}

}  // namespace

std::vector<JobRecord> collect_job_records(const Cluster& cluster) {
  const Workload& workload = cluster.workload();
  std::vector<JobRecord> records;
  records.reserve(workload.record_count());
  for (const JobSpec& job : workload.jobs) {
    const JobStatus& status = cluster.status(job.id);
    JobRecord record;
    record.trace_id = job.trace_id;
    record.user = workload.users[job.user];
    record.submit = job.submit;
    record.start = status.start;
    record.end = status.end;
    record.service = status.service;
    record.overhead = status.overhead;
    record.lost = status.lost;
    record.work_done = status.work_done;
    if (status.work_done > 0) {
      record.stretch = static_cast<double>(status.service) / static_cast<double>(status.work_done);
    }
    record.preemptions = status.preemptions;
    record.restarts = status.restarts;
    record.gpus = job.gpus;
    record.nodes = static_cast<int>(status.allocation.size());
    record.spread = placement_spread(cluster.topology(), status.allocation);
    record.state = to_string(status.state);
    record.reason = status.reason;
    records.push_back(std::move(record));
  }
  for (const RejectedRecord& rejected : workload.rejected) {
    JobRecord record;
    record.trace_id = rejected.trace_id;
    record.user = rejected.user;
    record.submit = rejected.submit;
    record.gpus = rejected.gpus;
    record.state = to_string(JobState::kRejected);
    record.reason = rejected.reason;
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace podsim
