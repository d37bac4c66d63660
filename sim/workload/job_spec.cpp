#include "workload/job_spec.hpp"

#include <algorithm>
#include <cassert>
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

}  // namespace podsim
