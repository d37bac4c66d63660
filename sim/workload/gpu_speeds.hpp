#pragma once
// Traces recorded on other GPUs. A trace's runtimes are what its jobs took on the GPUs of the
// cluster that recorded it; podsim's runtimes are at the reference speed (H100-SXM5 = 1.0, the
// speed every shipped topology states its GPU types in). A trace recorded on V100s (Philly,
// Helios) therefore restates its runtimes as runtime x speed(V100) before it runs, and a
// machine then runs each job at its own GPUs' speed. Sources of the table: docs/gpu-speeds.md.
#include <span>
#include <string>
#include <string_view>

#include "workload/job_spec.hpp"

namespace podsim {

struct KnownGpu {
  std::string_view name;  // as written in --trace-gpu (case does not matter)
  double speed;           // relative to H100-SXM5
};

// V100, A100, H100, B200 (and their SXM names). Constant; O(1).
std::span<const KnownGpu> known_gpus();

// A name of known_gpus() or a number in (0, 100]: the recording GPU's speed. Throws InputError
// at `key` otherwise, listing the names.
double recorded_gpu_speed(const std::string& text, const std::string& key);

// Runtimes and estimates of work recorded on GPUs of `speed` restated at the reference speed
// (rounded to the microsecond, at least 1 us when they were not 0). O(jobs).
void restate_at_reference_speed(Workload& workload, double speed);

}  // namespace podsim
