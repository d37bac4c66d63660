#pragma once
// JobSpec: one job as the trace describes it, immutable once read. Workload: a whole trace.
// Jobs are indexed by dense ids (0..n-1, in submit order) so every per-job table in the
// simulator is a plain vector. Strings (users, groups, models, GPU types) are interned once per
// workload; JobSpec holds indices, which keeps a million jobs small.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace podsim {

using JobId = std::uint32_t;

inline constexpr std::uint32_t kNoGpuType = 0;  // JobSpec::gpu_type: any GPU will do
inline constexpr double kUnknownCommFraction = -1.0;

struct JobSpec {
  JobId id = 0;                // dense index into Workload::jobs
  std::int64_t trace_id = 0;   // the job's number in its source trace
  Time submit = 0;
  int gpus = 0;                // GPUs (or, for CPU traces, resource units) requested; > 0
  Time runtime = 0;            // run time at the reference placement; 0 <= runtime <= estimate
  Time estimate = 0;           // requested time (walltime): the job is killed when it reaches it
  bool hits_walltime = false;  // the trace's runtime exceeded the estimate and was cut to it
  std::uint32_t user = 0;      // index into Workload::users
  std::uint32_t group = 0;     // index into Workload::groups
  int priority = 0;
  std::uint32_t gpu_type = kNoGpuType;  // index into Workload::gpu_types (0 = any)
  std::uint32_t model = 0;              // index into Workload::models (0 = unknown)
  double comm_fraction = kUnknownCommFraction;  // share of a step spent communicating, or unknown
  int source_line = 0;         // 1-based line in the source file (0 for generated jobs)
};

// A trace record that will not run, with the reason. Nothing is ever dropped silently.
struct RejectedRecord {
  std::int64_t trace_id = 0;
  int source_line = 0;
  Time submit = 0;
  int gpus = 0;
  std::string user;
  std::string reason;
};

struct Workload {
  std::string source;                 // file path or generator description
  std::vector<JobSpec> jobs;          // sorted by (submit, source order); jobs[i].id == i
  std::vector<RejectedRecord> rejected;
  std::vector<std::string> users{""};       // index 0 = unknown
  std::vector<std::string> groups{""};      // index 0 = unknown
  std::vector<std::string> gpu_types{""};   // index 0 = any
  std::vector<std::string> models{""};      // index 0 = unknown
  std::optional<int> machine_units;   // machine size the trace declares (SWF MaxProcs), if any
  std::vector<std::string> warnings;  // aggregated notes, e.g. "412 jobs had no estimate"

  // Records read from the source, run or not.
  std::size_t record_count() const { return jobs.size() + rejected.size(); }
};

// Interns `name` into `table`, returning its index. O(n) lookups are avoided by callers that
// keep their own map; this is the plain helper for small tables.
std::uint32_t intern(std::vector<std::string>& table, const std::string& name);

// Sorts jobs by (submit, source order) and renumbers ids densely. Call once after reading.
void finalize_workload(Workload& workload);

// Divides every submit time's distance from the first by `factor` (> 0), rounding to the
// microsecond: `factor` times the offered load, order kept. Notes it in `source`. O(n).
void compress_arrivals(Workload& workload, double factor);

}  // namespace podsim
