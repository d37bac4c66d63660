#include "workload/trace_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <utility>
#include <vector>

#include "common/input_error.hpp"
#include "workload/gpu_speeds.hpp"
#include "workload/line_reader.hpp"
#include "workload/text_fields.hpp"

namespace podsim {
namespace {

// The column names of the first row (not blank, not '#'), or empty when the file cannot be read.
// Detection must never fail: the chosen reader reports problems with the file itself.
std::vector<std::string> first_row_names(const std::string& path) {
  std::vector<std::string> names;
  try {
    LineReader reader(path);
    std::string_view line;
    while (reader.next(line)) {
      const std::string_view text = trim(line);
      if (text.empty() || text.front() == '#') continue;
      std::size_t start = 0;
      for (;;) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view name = trim(text.substr(start, comma - start));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
          name = name.substr(1, name.size() - 2);
        }
        names.emplace_back(name);
        if (comma == text.size()) break;
        start = comma + 1;
      }
      break;
    }
  } catch (const InputError&) {
    names.clear();
  }
  return names;
}

std::string csv_dialect(const std::string& path) {
  const std::vector<std::string> names = first_row_names(path);
  const auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (has("gpu_milli") && has("num_gpu")) return "alibaba";
  if (has("application") && has("num_replicas")) return "sia";
  if (has("gpu_num") && has("submit_time")) return "helios";
  if (has("num_gpu") && has("submit_time") && has("duration")) return "philly";
  return "csv";
}

// The record ids in `records` (JobSpec or RejectedRecord), in the order given, strictly
// increasing: then none repeats. True for most traces (numbered in submit order), so the usual
// check is one pass without allocating.
template <typename Records>
bool ids_increase(const Records& records) {
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].trace_id <= records[i - 1].trace_id) return false;
  }
  return true;
}

// Throws InputError at the second occurrence of a repeated trace id, naming the first one's line:
// two records with one id would be two rows of that id in jobs.csv. Of several repeats, the one
// met first reading the file. O(n) when the ids increase, else O(n log n).
void check_unique_ids(const Workload& workload, const std::string& path) {
  const auto& jobs = workload.jobs;
  const auto& rejected = workload.rejected;
  if (ids_increase(jobs) && ids_increase(rejected)) {
    // Both sorted by id: a merge walk finds an id both among the jobs and the rejected records.
    std::size_t j = 0, r = 0;
    while (j < jobs.size() && r < rejected.size() && jobs[j].trace_id != rejected[r].trace_id) {
      if (jobs[j].trace_id < rejected[r].trace_id) {
        ++j;
      } else {
        ++r;
      }
    }
    if (j == jobs.size() || r == rejected.size()) return;
  }
  std::vector<std::pair<std::int64_t, int>> ids;  // (id, line)
  ids.reserve(workload.record_count());
  for (const JobSpec& job : jobs) ids.emplace_back(job.trace_id, job.source_line);
  for (const RejectedRecord& record : rejected) {
    ids.emplace_back(record.trace_id, record.source_line);
  }
  std::sort(ids.begin(), ids.end());
  std::size_t repeat = ids.size();  // index of the reported second occurrence
  for (std::size_t i = 1; i < ids.size(); ++i) {
    const bool second =
        ids[i].first == ids[i - 1].first && (i < 2 || ids[i - 2].first != ids[i].first);
    if (second && (repeat == ids.size() || ids[i].second < ids[repeat].second)) repeat = i;
  }
  if (repeat == ids.size()) return;
  throw InputError(path, ids[repeat].second, "",
                   fmt::format("job id {} appears again (first on line {})", ids[repeat].first,
                               ids[repeat - 1].second));
}

}  // namespace

std::string detect_trace_format(const std::string& path) {
  std::string name = path;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // The readers decompress transparently, so a trailing ".gz" does not change the format.
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (name.ends_with(".swf")) return "swf";
  if (name.ends_with(".trace")) return "gavel";
  if (name.ends_with(".csv")) return csv_dialect(path);
  return "";
}

Workload read_trace(const TraceRegistry& registry, const std::string& path,
                    const std::string& format, const TraceOptions& options) {
  const NamedParams named = parse_named_params(format, "--format");
  std::string name = named.name;
  if (name.empty()) {
    name = detect_trace_format(path);
    if (name.empty()) {
      throw InputError(path, 0, "format",
                       fmt::format("cannot tell the trace format from the file name; name it "
                                   "explicitly, one of: {}",
                                   fmt::join(registry.names(), ", ")));
    }
  }
  const auto& entry = registry.at(name);
  TraceOptions effective = options;
  for (const auto& [key, value] : named.params) effective.params[key] = value;
  // Checked here too so that a format that reads no parameters still refuses unknown ones.
  const ParamValues values =
      ParamValues::parse(entry.params, effective.params, "trace format " + name);
  if (const auto it = effective.params.find("units_per_gpu"); it != effective.params.end()) {
    const std::int64_t units = values.integer("units_per_gpu");
    if (units < 1 || units > std::numeric_limits<int>::max()) {
      throw InputError(path, 0, "units_per_gpu",
                       fmt::format("expected an integer >= 1, found {}", it->second));
    }
    effective.units_per_gpu = static_cast<int>(units);
    effective.params.erase("units_per_gpu");
  }
  Workload workload = entry.factory(path, effective);
  check_unique_ids(workload, path);
  if (options.load_factor != 1.0) compress_arrivals(workload, options.load_factor);
  restate_at_reference_speed(workload, options.recorded_speed);
  return workload;
}

}  // namespace podsim
