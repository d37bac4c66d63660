#include "workload/philly_reader.hpp"

#include <fmt/format.h>

#include <limits>

#include "common/input_error.hpp"
#include "workload/csv_table_reader.hpp"
#include "workload/workload_builder.hpp"

namespace podsim {
namespace {

constexpr std::string_view kRequired = "num_gpu, submit_time, duration";

TimeUnit choose_unit(const std::string& path, const ParamValues& params,
                     const CsvTableReader& table, WorkloadBuilder& builder) {
  const std::string& unit = params.text("time_unit");
  if (unit == "s") return TimeUnit::kSeconds;
  if (unit == "ms") return TimeUnit::kMilliseconds;
  if (unit != "auto") {
    throw InputError(path, 0, "trace format philly.time_unit",
                     fmt::format("expected auto, s or ms, found '{}'", unit));
  }
  if (table.find("iteration_time") >= 0) {
    builder.warn(
        "times read in milliseconds (time_unit=auto: the header has iteration_time, "
        "the Muri layout); give philly:time_unit=s if they are seconds");
    return TimeUnit::kMilliseconds;
  }
  builder.warn(
      "times read in seconds (time_unit=auto: no iteration_time column, the Tiresias "
      "layout); give philly:time_unit=ms if they are milliseconds");
  return TimeUnit::kSeconds;
}

}  // namespace

std::vector<ParamSpec> philly_params() {
  return {{"time_unit", ParamType::kString, "auto",
           "unit of submit_time and duration: s, ms, or auto (ms when the header has "
           "iteration_time, as Muri's traces; else s, as Tiresias's)"}};
}

Workload read_philly(const std::string& path, const TraceOptions& options) {
  require_gpu_units(path, options, "philly");
  const ParamValues params =
      ParamValues::parse(philly_params(), options.params, "trace format philly");
  CsvTableReader table(path);
  table.require_header(kRequired);
  WorkloadBuilder builder(path);
  const int job_id = table.find("job_id");
  const int num_gpu = table.require("num_gpu", kRequired);
  const int submit_time = table.require("submit_time", kRequired);
  const int duration = table.require("duration", kRequired);
  const int model_name = table.find("model_name");
  const int priority = table.find("priority");
  const int user = table.find("user");
  const int vc = table.find("vc");
  const TimeUnit unit = choose_unit(path, params, table, builder);

  std::int64_t row = 0;
  while (table.next_row()) {
    ++row;
    RejectedRecord rejected;
    rejected.trace_id = table.missing(job_id) ? row : table.integer(job_id);
    rejected.source_line = table.line();
    rejected.user = std::string(table.cell(user));
    std::string reason;
    std::int64_t gpus = 0;
    if (table.missing(num_gpu)) {
      reason = "GPU count unknown (num_gpu empty)";
    } else {
      gpus = table.gpu_count(num_gpu);
      rejected.gpus = static_cast<int>(std::max<std::int64_t>(gpus, 0));
      if (gpus < 1) reason = fmt::format("no GPUs (num_gpu = {})", table.cell(num_gpu));
    }
    std::optional<Time> submit;
    if (!table.missing(submit_time)) submit = table.time(submit_time, unit);
    if (submit) rejected.submit = *submit;
    std::optional<Time> runtime;
    if (!table.missing(duration)) runtime = table.time(duration, unit);
    if (reason.empty()) {
      if (!submit) {
        reason = "submit_time missing";
      } else if (*submit < 0) {
        reason = fmt::format("submit time negative (submit_time = {})", table.cell(submit_time));
      } else if (runtime && *runtime < 0) {
        reason = fmt::format("duration negative (duration = {})", table.cell(duration));
      } else if (!runtime) {
        runtime = runtime_for_unknown(options, builder);
        if (!runtime) reason = "runtime unknown (duration empty)";
      }
    }
    if (!reason.empty()) {
      rejected.reason = std::move(reason);
      builder.reject(std::move(rejected));
      continue;
    }
    JobSpec job;
    job.trace_id = rejected.trace_id;
    job.submit = *submit;
    job.gpus = static_cast<int>(gpus);
    job.runtime = *runtime;
    job.model = builder.model(table.cell(model_name));
    if (!table.missing(priority)) {
      const std::int64_t value = table.integer(priority);
      if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        table.fail("priority", fmt::format("expected an int, found '{}'", table.cell(priority)));
      }
      job.priority = static_cast<int>(value);
    }
    job.user = builder.user(table.cell(user));
    job.group = builder.group(table.cell(vc));
    job.source_line = table.line();
    builder.add_without_estimate(job);
  }
  return builder.finish("philly", options);
}

}  // namespace podsim
