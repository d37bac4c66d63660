#include "workload/gavel_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "workload/csv_table_reader.hpp"
#include "workload/text_fields.hpp"
#include "workload/workload_builder.hpp"

namespace podsim {
namespace {

// 0-based field indices of the two layouts.
struct Layout {
  std::size_t fields;
  int total_steps;
  int scale_factor;
  int arrival_time;
  std::vector<std::string> names;
};

const Layout kMsrLayout{7,
                        4,
                        6,
                        5,
                        {"job_type", "command", "num_steps_arg", "needs_data_dir", "total_steps",
                         "arrival_time", "scale_factor"}};
const Layout kLaterLayout{9,
                          4,
                          5,
                          8,
                          {"job_type", "command", "num_steps_arg", "needs_data_dir", "total_steps",
                           "scale_factor", "priority_weight", "SLO", "arrival_time"}};

using ThroughputKey = std::pair<std::string, std::int64_t>;  // (job_type, scale_factor)
using Throughputs = std::map<ThroughputKey, double>;

// "('ResNet-18 (batch size 16)', 4)" -> ("ResNet-18 (batch size 16)", 4).
std::optional<ThroughputKey> parse_job_key(const std::string& text) {
  if (!text.starts_with("('") || !text.ends_with(")")) return std::nullopt;
  const std::size_t comma = text.rfind("', ");
  if (comma == std::string::npos || comma < 2) return std::nullopt;
  const std::size_t digits = comma + 3;
  const auto scale = parse_integer(std::string_view(text).substr(digits, text.size() - 1 - digits));
  if (!scale) return std::nullopt;
  return ThroughputKey{text.substr(2, comma - 2), *scale};
}

Throughputs load_throughputs(const std::string& file, const std::string& worker_type) {
  std::ifstream in(file);
  if (!in) throw InputError(file, 0, "trace format gavel.throughputs", "cannot open file");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file, 0, "", std::string("not valid JSON: ") + error.what());
  }
  if (!json.is_object()) throw InputError(file, 0, "", "expected a JSON object of worker types");
  if (!json.contains(worker_type)) {
    std::vector<std::string> types;
    for (const auto& item : json.items()) types.push_back(item.key());
    throw InputError(
        file, 0, "trace format gavel.worker_type",
        fmt::format("no worker type '{}'{} in the throughputs file; it has: {}", worker_type,
                    did_you_mean(worker_type, types), fmt::join(types, ", ")));
  }
  Throughputs throughputs;
  for (const auto& [key, entry] : json.at(worker_type).items()) {
    const auto job = parse_job_key(key);
    if (!job) {
      throw InputError(file, 0, worker_type + "." + key,
                       "expected a key like \"('ResNet-18 (batch size 16)', 1)\"");
    }
    if (!entry.is_object() || !entry.contains("null") || !entry.at("null").is_number()) {
      throw InputError(file, 0, worker_type + "." + key + ".null",
                       "expected the isolated throughput (steps/s) under \"null\"");
    }
    throughputs[*job] = entry.at("null").get<double>();
  }
  return throughputs;
}

// Work / rate -> Time, rounded to the microsecond; nullopt when out of range.
std::optional<Time> duration_of(std::int64_t steps, double steps_per_second) {
  const double micros = std::round(static_cast<double>(steps) / steps_per_second * 1e6);
  constexpr double kLimit = 9.0e18;  // below 2^63
  if (!(micros >= 0 && micros < kLimit)) return std::nullopt;
  return static_cast<Time>(micros);
}

}  // namespace

std::vector<ParamSpec> gavel_params() {
  return {{"throughputs", ParamType::kString, "",
           "Gavel throughputs JSON (e.g. oracle_throughputs_v2.json): runtime = total_steps / "
           "isolated throughput of (job_type, scale_factor) on worker_type"},
          {"worker_type", ParamType::kString, "v100",
           "the GPU type of the throughputs file the runtimes refer to"},
          {"steps_per_second", ParamType::kReal, "1",
           "without throughputs: runtime = total_steps / steps_per_second for every job"}};
}

Workload read_gavel(const std::string& path, const TraceOptions& options) {
  require_gpu_units(path, options, "gavel");
  const ParamValues params =
      ParamValues::parse(gavel_params(), options.params, "trace format gavel");
  const std::string& throughputs_file = params.text("throughputs");
  const std::string& worker_type = params.text("worker_type");
  const double steps_per_second = params.real("steps_per_second");
  if (!(steps_per_second > 0) || !std::isfinite(steps_per_second)) {
    throw InputError(
        path, 0, "trace format gavel.steps_per_second",
        fmt::format("expected a number > 0, found '{}'", params.text("steps_per_second")));
  }
  const Throughputs throughputs =
      throughputs_file.empty() ? Throughputs{} : load_throughputs(throughputs_file, worker_type);

  CsvTableReader table(path, '\t');
  WorkloadBuilder builder(path);
  const Layout* layout = nullptr;
  std::int64_t index = 0;
  while (table.next_row()) {
    if (layout == nullptr) {
      layout = table.size() == kMsrLayout.fields     ? &kMsrLayout
               : table.size() == kLaterLayout.fields ? &kLaterLayout
                                                     : nullptr;
      if (layout == nullptr) {
        table.fail("", fmt::format("expected 7 tab-separated fields ({}) or 9 ({}), found {}",
                                   fmt::join(kMsrLayout.names, ", "),
                                   fmt::join(kLaterLayout.names, ", "), table.size()));
      }
      table.set_column_names(layout->names);
    } else if (table.size() != layout->fields) {
      table.fail("", fmt::format("expected {} tab-separated fields as on the first line, found {}",
                                 layout->fields, table.size()));
    }
    RejectedRecord rejected;
    rejected.trace_id = index++;
    rejected.source_line = table.line();
    const std::int64_t steps = table.integer(layout->total_steps);
    const std::int64_t scale = table.integer(layout->scale_factor);
    if (scale > std::numeric_limits<int>::max()) {
      table.fail("scale_factor", fmt::format("{} GPUs is more than any machine", scale));
    }
    const Time arrival = table.time(layout->arrival_time, TimeUnit::kSeconds);
    rejected.submit = arrival;
    rejected.gpus = static_cast<int>(std::max<std::int64_t>(scale, 0));
    const std::string_view job_type = table.cell(0);

    std::string reason;
    std::optional<Time> runtime;
    if (scale < 1) {
      reason = fmt::format("scale factor below 1 (scale_factor = {})", scale);
    } else if (steps < 1) {
      reason = fmt::format("no work (total_steps = {})", steps);
    } else if (arrival < 0) {
      reason = fmt::format("arrival time negative (arrival_time = {})",
                           table.cell(layout->arrival_time));
    } else if (!throughputs_file.empty()) {
      const auto it = throughputs.find(ThroughputKey{std::string(job_type), scale});
      if (it == throughputs.end()) {
        reason = fmt::format("no throughput for ('{}', {}) on {} in the throughputs file", job_type,
                             scale, worker_type);
      } else if (!(it->second > 0)) {
        reason = fmt::format("throughput of ('{}', {}) on {} is 0 (infeasible in Gavel)", job_type,
                             scale, worker_type);
      } else {
        runtime = duration_of(steps, it->second);
      }
    } else {
      runtime = duration_of(steps, steps_per_second);
    }
    if (reason.empty() && !runtime) {
      reason = fmt::format("runtime out of range (total_steps = {})", steps);
    }
    if (!reason.empty()) {
      rejected.reason = std::move(reason);
      builder.reject(std::move(rejected));
      continue;
    }
    JobSpec job;
    job.trace_id = rejected.trace_id;
    job.submit = arrival;
    job.gpus = static_cast<int>(scale);
    job.runtime = *runtime;
    job.model = builder.model(job_type);
    job.source_line = table.line();
    builder.add_without_estimate(job);
  }
  if (throughputs_file.empty()) {
    builder.warn(fmt::format(
        "runtimes are total_steps / {} steps/s for every job: a Gavel trace gives work, not "
        "durations, so without Gavel's throughput table they are not the jobs' real durations; "
        "give gavel:throughputs=FILE (Gavel's oracle_throughputs_v2.json layout)",
        params.text("steps_per_second")));
  } else {
    builder.warn(fmt::format("runtimes are total_steps / the isolated throughput on {} from {}",
                             worker_type, throughputs_file));
  }
  return builder.finish("gavel", options);
}

}  // namespace podsim
