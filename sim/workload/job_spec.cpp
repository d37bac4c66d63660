#include "workload/job_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace podsim {

std::uint32_t intern(std::vector<std::string>& table, const std::string& name) {
  const auto it = std::find(table.begin(), table.end(), name);
  if (it != table.end()) return static_cast<std::uint32_t>(it - table.begin());
  assert(table.size() < std::numeric_limits<std::uint32_t>::max());
  table.push_back(name);
  return static_cast<std::uint32_t>(table.size() - 1);
}

void finalize_workload(Workload& workload) {
  auto& jobs = workload.jobs;
  assert(jobs.size() <= std::numeric_limits<JobId>::max());
  const auto by_submit = [](const JobSpec& a, const JobSpec& b) { return a.submit < b.submit; };
  // Readers append in source order, so a stable sort by submit alone gives (submit, source
  // order). Most traces are already sorted; skip the sort's allocation then.
  if (!std::is_sorted(jobs.begin(), jobs.end(), by_submit)) {
    std::stable_sort(jobs.begin(), jobs.end(), by_submit);
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].id = static_cast<JobId>(i);
}

void compress_arrivals(Workload& workload, double factor) {
  assert(factor > 0);
  if (workload.jobs.empty()) return;
  const Time first = workload.jobs.front().submit;
  for (JobSpec& job : workload.jobs) {
    job.submit =
        first + static_cast<Time>(std::llround(static_cast<double>(job.submit - first) / factor));
  }
  workload.source += fmt::format(" (load x{})", factor);
}

}  // namespace podsim
