#include "workload/sia_reader.hpp"

#include <fmt/format.h>

#include <map>

#include "common/input_error.hpp"
#include "workload/csv_table_reader.hpp"
#include "workload/text_fields.hpp"
#include "workload/workload_builder.hpp"

namespace podsim {
namespace {

constexpr std::string_view kRequired = "time, application, num_replicas";
using Durations = std::map<std::string, Time, std::less<>>;

// "cifar10=3600,ncf=1200.5" -> {cifar10: 3600 s, ncf: 1200.5 s}.
Durations parse_durations(const std::string& path, const std::string& text) {
  Durations durations;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view pair = trim(std::string_view(text).substr(start, comma - start));
    const std::size_t equals = pair.find('=');
    const auto seconds =
        equals == std::string_view::npos ? std::nullopt : parse_seconds(pair.substr(equals + 1));
    if (equals == 0 || !seconds || *seconds < 0) {
      throw InputError(path, 0, "trace format sia.durations",
                       fmt::format("expected APP=SECONDS[,APP=SECONDS...] with seconds >= 0, "
                                   "found '{}'",
                                   pair));
    }
    durations[std::string(trim(pair.substr(0, equals)))] = *seconds;
    start = comma + 1;
  }
  return durations;
}

}  // namespace

std::vector<ParamSpec> sia_params() {
  return {{"durations", ParamType::kString, "",
           "runtime per application, APP=SECONDS,... (the workload has none)"},
          {"duration_s", ParamType::kReal, "0",
           "runtime in seconds of applications not in durations (0: none, such jobs are "
           "rejected)"}};
}

Workload read_sia(const std::string& path, const TraceOptions& options) {
  require_gpu_units(path, options, "sia");
  const ParamValues params = ParamValues::parse(sia_params(), options.params, "trace format sia");
  const Durations durations = parse_durations(path, params.text("durations"));
  std::optional<Time> default_duration;
  const std::string& default_text = params.text("duration_s");
  default_duration = parse_seconds(default_text);
  if (!default_duration || *default_duration < 0) {
    throw InputError(path, 0, "trace format sia.duration_s",
                     fmt::format("expected {}, found '{}'", kSecondsForm, default_text));
  }
  if (*default_duration == 0) default_duration.reset();  // 0: no default
  CsvTableReader table(path);
  table.require_header(kRequired);
  const int name = table.find("name");
  const int time = table.require("time", kRequired);
  const int application = table.require("application", kRequired);
  const int num_replicas = table.require("num_replicas", kRequired);
  WorkloadBuilder builder(path);
  std::size_t from_table = 0;
  std::size_t from_default = 0;

  std::int64_t row = 0;
  while (table.next_row()) {
    ++row;
    RejectedRecord rejected;
    const auto number = trailing_number(table.cell(name));
    rejected.trace_id = number ? *number : row;
    rejected.source_line = table.line();
    const std::int64_t replicas = table.gpu_count(num_replicas);
    rejected.gpus = static_cast<int>(std::max<std::int64_t>(replicas, 0));
    std::optional<Time> submit;
    if (!table.missing(time)) submit = table.time(time, TimeUnit::kSeconds);
    if (submit) rejected.submit = *submit;
    const std::string_view app = table.cell(application);

    std::string reason;
    std::optional<Time> runtime;
    if (replicas < 1) {
      reason = table.missing(num_replicas)
                   ? std::string("GPU count unknown (num_replicas empty)")
                   : fmt::format("no GPUs (num_replicas = {})", table.cell(num_replicas));
    } else if (!submit) {
      reason = "time missing";
    } else if (*submit < 0) {
      reason = fmt::format("submit time negative (time = {})", table.cell(time));
    } else if (const auto it = durations.find(app); it != durations.end()) {
      runtime = it->second;
      ++from_table;
    } else if (default_duration) {
      runtime = default_duration;
      ++from_default;
    } else {
      runtime = runtime_for_unknown(options, builder);
      if (!runtime) {
        reason = fmt::format(
            "runtime unknown: the workload has no durations and none was given for "
            "application '{}' (sia:durations={}=SECONDS or sia:duration_s=SECONDS)",
            app, app);
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
    job.gpus = static_cast<int>(replicas);
    job.runtime = *runtime;
    job.model = builder.model(app);
    job.source_line = table.line();
    builder.add_without_estimate(job);
  }
  if (from_table + from_default > 0) {
    builder.warn(fmt::format(
        "runtimes are parameters, not trace data (Sia/Pollux workloads give none): {} jobs from "
        "durations, {} from duration_s",
        from_table, from_default));
  }
  return builder.finish("sia", options);
}

}  // namespace podsim
