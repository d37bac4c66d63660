#pragma once
// WorkloadBuilder: what the GPU trace readers share while turning rows into a Workload —
// interning names (users, groups, GPU types, models) through maps, so a name costs one lookup
// per row; counting rejected records by reason; and the aggregated warnings every format
// without requested times needs. finish() sorts and renumbers the jobs (finalize_workload).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "workload/job_spec.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

class WorkloadBuilder {
 public:
  explicit WorkloadBuilder(std::string source) { workload_.source = std::move(source); }

  // Index of `name` in its table; "" is index 0 (unknown / any).
  std::uint32_t user(std::string_view name) { return intern(name, users_, workload_.users); }
  std::uint32_t group(std::string_view name) { return intern(name, groups_, workload_.groups); }
  std::uint32_t gpu_type(std::string_view name) {
    return intern(name, gpu_types_, workload_.gpu_types);
  }
  std::uint32_t model(std::string_view name) { return intern(name, models_, workload_.models); }

  // A job the trace gives no requested time for: estimate = runtime, counted for the warning.
  void add_without_estimate(JobSpec job) {
    job.estimate = job.runtime;
    ++without_estimate_;
    workload_.jobs.push_back(job);
  }
  void reject(RejectedRecord record) { workload_.rejected.push_back(std::move(record)); }
  void warn(std::string text) { workload_.warnings.push_back(std::move(text)); }

  // Counts a record whose unknown runtime was replaced by TraceOptions::unknown_runtime.
  void count_unknown_runtime() { ++unknown_runtime_used_; }

  Workload& workload() { return workload_; }

  // Adds the aggregated warnings (no requested times; unknown runtimes replaced), finalizes.
  // `format` names the format in the no-estimate warning.
  Workload finish(std::string_view format, const TraceOptions& options);

 private:
  using Index = std::map<std::string, std::uint32_t, std::less<>>;
  static std::uint32_t intern(std::string_view name, Index& index, std::vector<std::string>& table);

  Workload workload_;
  Index users_;
  Index groups_;
  Index gpu_types_;
  Index models_;
  std::size_t without_estimate_ = 0;
  std::size_t unknown_runtime_used_ = 0;
};

// The runtime to use for a record whose runtime the trace does not give: the --unknown-runtime
// value when set (counted in `builder`), else nullopt (the caller rejects the record).
std::optional<Time> runtime_for_unknown(const TraceOptions& options, WorkloadBuilder& builder);

// Throws InputError unless options.units_per_gpu is 1 (the GPU traces count GPUs).
void require_gpu_units(const std::string& path, const TraceOptions& options,
                       std::string_view format);

}  // namespace podsim
