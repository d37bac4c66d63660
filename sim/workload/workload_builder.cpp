#include "workload/workload_builder.hpp"

#include <fmt/format.h>

#include <cassert>
#include <limits>

#include "common/input_error.hpp"

namespace podsim {

std::uint32_t WorkloadBuilder::intern(std::string_view name, Index& index,
                                      std::vector<std::string>& table) {
  if (name.empty()) return 0;
  const auto it = index.find(name);
  if (it != index.end()) return it->second;
  assert(table.size() < std::numeric_limits<std::uint32_t>::max());
  const auto id = static_cast<std::uint32_t>(table.size());
  table.emplace_back(name);
  index.emplace(std::string(name), id);
  return id;
}

Workload WorkloadBuilder::finish(std::string_view format, const TraceOptions& options) {
  if (unknown_runtime_used_ > 0) {
    warn(
        fmt::format("{} records have no runtime in the trace; they run for {} s as asked "
                    "(--unknown-runtime)",
                    unknown_runtime_used_, format_seconds(*options.unknown_runtime)));
  }
  if (without_estimate_ > 0) {
    warn(
        fmt::format("{} jobs have no requested time ({} traces carry none); their runtime is "
                    "used as the estimate, so estimate-based policies (sjf, easy) see exact "
                    "runtimes",
                    without_estimate_, format));
  }
  finalize_workload(workload_);
  return std::move(workload_);
}

std::optional<Time> runtime_for_unknown(const TraceOptions& options, WorkloadBuilder& builder) {
  if (!options.unknown_runtime) return std::nullopt;
  builder.count_unknown_runtime();
  return options.unknown_runtime;
}

void require_gpu_units(const std::string& path, const TraceOptions& options,
                       std::string_view format) {
  if (options.units_per_gpu != 1) {
    throw InputError(path, 0, "units_per_gpu",
                     fmt::format("{} traces count GPUs, so units_per_gpu must be 1, found {}",
                                 format, options.units_per_gpu));
  }
  if (options.unknown_runtime && *options.unknown_runtime < 0) {
    throw InputError(path, 0, "unknown_runtime",
                     "expected a duration >= 0, found " + format_seconds(*options.unknown_runtime));
  }
}

}  // namespace podsim
