#pragma once
// Seeded synthetic GPU workloads: Poisson arrivals at a target offered load, with job-size and
// duration distributions fitted to published trace statistics (DESIGN section 5).
#include <cstddef>
#include <cstdint>
#include <string>

#include "workload/job_spec.hpp"

namespace podsim {

struct SyntheticOptions {
  std::size_t jobs = 2000;
  // > 0: arrivals for this many days instead of `jobs` jobs, at the rate the profile's analytic
  // mean work gives (so the count is random; the sample mean is not known in advance).
  double duration_days = 0;
  double load = 0.8;        // offered load: GPU-seconds requested / GPU-seconds available, > 0
  int cluster_gpus = 1016;  // GPUs of the machine: no job is larger, > 0
  // Capacity the load is relative to, in reference GPUs (each GPU at its type's speed,
  // Topology::capacity_gpus); 0: cluster_gpus at speed 1.
  double capacity_gpus = 0;
  int max_gpus = 0;  // largest job; 0 = no limit beyond the size distribution
  std::uint64_t seed = 1;
  std::string profile = "philly";  // size/duration distribution family
};

// Same options, same workload, byte for byte. Throws InputError on invalid options.
Workload generate_synthetic(const SyntheticOptions& options);

}  // namespace podsim
