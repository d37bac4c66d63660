#include "metrics/offered_load.hpp"

#include "metrics/gpu_time_sum.hpp"

namespace podsim {

double offered_load(const Workload& workload, const std::vector<JobRecord>& records,
                    const MeasurementWindow& window, double capacity_gpus) {
  if (window.length() <= 0 || capacity_gpus <= 0) return 0;
  GpuTimeSum demand;
  for (const JobSpec& job : workload.jobs) {
    if (!records[job.id].ran() || job.submit < window.begin || job.submit >= window.end) continue;
    demand.add(job.gpus, job.runtime);
  }
  return demand.value() / (static_cast<double>(window.length()) * capacity_gpus);
}

}  // namespace podsim
