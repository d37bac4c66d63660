#include "workload/alibaba_reader.hpp"

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "workload/csv_table_reader.hpp"
#include "workload/workload_builder.hpp"

namespace podsim {
namespace {

constexpr std::string_view kRequired =
    "num_gpu, gpu_milli, creation_time, scheduled_time, deletion_time";
constexpr std::int64_t kWholeGpuMilli = 1000;

// 1234 -> "1.234", 2000 -> "2": thousandths of a GPU as an exact decimal.
std::string format_thousandths(std::int64_t value) {
  std::string text = fmt::format("{}.{:03}", value / 1000, value % 1000);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

Workload read_alibaba(const std::string& path, const TraceOptions& options) {
  require_gpu_units(path, options, "alibaba");
  ParamValues::parse({}, options.params, "trace format alibaba");
  CsvTableReader table(path);
  table.require_header(kRequired);
  const int name = table.find("name");
  const int num_gpu = table.require("num_gpu", kRequired);
  const int gpu_milli = table.require("gpu_milli", kRequired);
  const int creation_time = table.require("creation_time", kRequired);
  const int scheduled_time = table.require("scheduled_time", kRequired);
  const int deletion_time = table.require("deletion_time", kRequired);
  const int gpu_spec = table.find("gpu_spec");
  WorkloadBuilder builder(path);
  std::size_t fractional_pods = 0;
  std::int64_t fractional_gpus = 0;   // whole GPUs the fractional pods hold
  std::int64_t fractional_milli = 0;  // GPU share they asked for, in 1/1000 GPU

  const auto time_or_none = [&](int column) -> std::optional<Time> {
    if (table.missing(column)) return std::nullopt;
    return table.time(column, TimeUnit::kSeconds);
  };

  std::int64_t row = 0;
  while (table.next_row()) {
    ++row;
    RejectedRecord rejected;
    const auto number = trailing_number(table.cell(name));
    rejected.trace_id = number ? *number : row;
    rejected.source_line = table.line();
    const std::int64_t gpus = table.gpu_count(num_gpu);
    rejected.gpus = static_cast<int>(std::max<std::int64_t>(gpus, 0));
    const std::int64_t milli = table.missing(gpu_milli) ? kWholeGpuMilli : table.integer(gpu_milli);
    const auto creation = time_or_none(creation_time);
    const auto scheduled = time_or_none(scheduled_time);
    const auto deletion = time_or_none(deletion_time);
    if (creation) rejected.submit = *creation;

    std::string reason;
    std::optional<Time> runtime;
    if (table.missing(num_gpu)) {
      reason = "GPU count unknown (num_gpu empty)";
    } else if (gpus == 0) {
      reason = "CPU-only pod (num_gpu = 0)";
    } else if (gpus < 0) {
      reason = fmt::format("GPU count negative (num_gpu = {})", gpus);
    } else if (milli < 1 || milli > kWholeGpuMilli) {
      reason = fmt::format("gpu_milli out of range (gpu_milli = {}; expected 1..1000)", milli);
    } else if (!creation) {
      reason = "creation_time missing";
    } else if (*creation < 0) {
      reason = fmt::format("creation_time negative ({})", table.cell(creation_time));
    } else if (!scheduled || !deletion) {
      runtime = runtime_for_unknown(options, builder);
      if (!runtime) {
        reason = !scheduled ? "never scheduled (scheduled_time empty)"
                            : "never deleted (deletion_time empty)";
      }
    } else if (*deletion < *scheduled) {
      reason = fmt::format("deletion_time before scheduled_time ({} < {})",
                           table.cell(deletion_time), table.cell(scheduled_time));
    } else {
      runtime = *deletion - *scheduled;
    }
    if (!reason.empty()) {
      rejected.reason = std::move(reason);
      builder.reject(std::move(rejected));
      continue;
    }
    if (milli < kWholeGpuMilli) {
      ++fractional_pods;
      fractional_gpus += gpus;
      fractional_milli += gpus * milli;
    }
    JobSpec job;
    job.trace_id = rejected.trace_id;
    job.submit = *creation;
    job.gpus = static_cast<int>(gpus);
    job.runtime = *runtime;
    job.gpu_type =
        builder.gpu_type(table.missing(gpu_spec) ? std::string_view{} : table.cell(gpu_spec));
    job.source_line = table.line();
    builder.add_without_estimate(job);
  }
  if (fractional_pods > 0) {
    builder.warn(fmt::format(
        "{} pods asked for a fraction of a GPU (gpu_milli < 1000; {} GPUs' worth in total); "
        "podsim allocates whole GPUs, so they hold {} GPUs, overstating their demand by {} "
        "GPUs",
        fractional_pods, format_thousandths(fractional_milli), fractional_gpus,
        format_thousandths(fractional_gpus * kWholeGpuMilli - fractional_milli)));
  }
  return builder.finish("alibaba", options);
}

}  // namespace podsim
