#pragma once
// Hand-made workloads for tests: a job per line, times in whole seconds.
#include <initializer_list>

#include "workload/job_spec.hpp"

namespace podsim::test {

struct TinyJob {
  std::int64_t submit_s;
  int gpus;
  std::int64_t runtime_s;
  std::int64_t estimate_s = -1;  // -1: same as the runtime
  std::int64_t trace_id = -1;    // -1: 1-based position in the list
};

inline Workload tiny_workload(std::initializer_list<TinyJob> jobs) {
  Workload workload;
  workload.source = "tiny";
  int position = 0;
  for (const TinyJob& tiny : jobs) {
    ++position;
    JobSpec job;
    job.trace_id = tiny.trace_id < 0 ? position : tiny.trace_id;
    job.submit = from_seconds(tiny.submit_s);
    job.gpus = tiny.gpus;
    job.runtime = from_seconds(tiny.runtime_s);
    job.estimate = from_seconds(tiny.estimate_s < 0 ? tiny.runtime_s : tiny.estimate_s);
    job.source_line = position;
    workload.jobs.push_back(job);
  }
  finalize_workload(workload);
  return workload;
}

}  // namespace podsim::test
