#include "workload/helios_reader.hpp"

#include <fmt/format.h>

#include <map>

#include "common/input_error.hpp"
#include "workload/csv_table_reader.hpp"
#include "workload/text_fields.hpp"
#include "workload/workload_builder.hpp"

namespace podsim {
namespace {

constexpr std::string_view kRequired =
    "gpu_num, submit_time, and start_time with end_time or duration";

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. The era/day-of-era method
// of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool leap_year(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t days_in_month(std::int64_t y, std::int64_t m) {
  constexpr std::int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : kDays[m - 1];
}

// Digits [first, first + count) of `text` as a number, or -1.
std::int64_t digits(std::string_view text, std::size_t first, std::size_t count) {
  std::int64_t value = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

enum class TimeForm { kUnknown, kDatetime, kSeconds };

}  // namespace

std::optional<Time> parse_datetime(std::string_view text) {
  // YYYY-MM-DD HH:MM:SS is 19 characters; a fraction may follow.
  constexpr std::size_t kLength = 19;
  if (text.size() < kLength || text[4] != '-' || text[7] != '-' ||
      (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const std::int64_t year = digits(text, 0, 4);
  const std::int64_t month = digits(text, 5, 2);
  const std::int64_t day = digits(text, 8, 2);
  const std::int64_t hour = digits(text, 11, 2);
  const std::int64_t minute = digits(text, 14, 2);
  const std::int64_t second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  Time fraction = 0;
  if (text.size() > kLength) {
    if (text[kLength] != '.') return std::nullopt;
    const auto parsed = parse_seconds(std::string("0") + std::string(text.substr(kLength)));
    if (!parsed) return std::nullopt;
    fraction = *parsed;
  }
  const std::int64_t seconds =
      ((days_from_civil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second;
  return seconds * kMicrosPerSecond + fraction;
}

Workload read_helios(const std::string& path, const TraceOptions& options) {
  require_gpu_units(path, options, "helios");
  ParamValues::parse({}, options.params, "trace format helios");
  CsvTableReader table(path);
  table.require_header(kRequired);
  const int job_id = table.find("job_id");
  const int user = table.find("user");
  const int vc = table.find("vc");
  const int gpu_num = table.require("gpu_num", kRequired);
  const int submit_time = table.require("submit_time", kRequired);
  const int start_time = table.find("start_time");
  const int end_time = table.find("end_time");
  const int duration = table.find("duration");
  const int state = table.find("state");
  if ((start_time < 0 || end_time < 0) && duration < 0) {
    table.require(start_time < 0 ? "start_time" : "end_time", kRequired);
  }
  WorkloadBuilder builder(path);
  TimeForm form = TimeForm::kUnknown;
  // A time cell in either form; the first one read fixes the file's form.
  const auto time_of = [&](int column) -> std::optional<Time> {
    if (table.missing(column)) return std::nullopt;
    const std::string_view text = table.cell(column);
    const bool numeric = is_number(text);
    const TimeForm cell_form = numeric ? TimeForm::kSeconds : TimeForm::kDatetime;
    const auto value = numeric ? parse_seconds(text) : parse_datetime(text);
    if (!value) {
      table.fail(table.key(column),
                 fmt::format("expected a time 'YYYY-MM-DD HH:MM:SS' or decimal seconds, found "
                             "'{}'",
                             text));
    }
    if (form == TimeForm::kUnknown) form = cell_form;
    if (form != cell_form) {
      table.fail(table.key(column),
                 fmt::format("'{}' mixes {} with the {} used earlier in the file", text,
                             numeric ? "plain seconds" : "a datetime",
                             numeric ? "datetimes" : "plain seconds"));
    }
    return value;
  };

  std::optional<Time> origin;  // earliest submit_time
  std::string origin_text;
  std::vector<std::size_t> rejected_without_submit;
  std::map<std::string, std::size_t, std::less<>> states;
  std::int64_t row = 0;
  while (table.next_row()) {
    ++row;
    RejectedRecord rejected;
    rejected.trace_id = table.missing(job_id) ? row : table.integer(job_id);
    rejected.source_line = table.line();
    rejected.user = std::string(table.cell(user));
    const std::int64_t gpus = table.gpu_count(gpu_num);
    rejected.gpus = static_cast<int>(std::max<std::int64_t>(gpus, 0));
    const auto submit = time_of(submit_time);
    const auto start = time_of(start_time);
    const auto end = time_of(end_time);
    std::optional<Time> recorded;
    if (!table.missing(duration)) recorded = table.time(duration, TimeUnit::kSeconds);
    if (submit) {
      rejected.submit = *submit;
      if (!origin || *submit < *origin) {
        origin = *submit;
        origin_text = std::string(table.cell(submit_time));
      }
    }

    std::string reason;
    std::optional<Time> runtime;
    if (table.missing(gpu_num)) {
      reason = "GPU count unknown (gpu_num empty)";
    } else if (gpus == 0) {
      reason = "CPU-only job (gpu_num = 0)";
    } else if (gpus < 0) {
      reason = fmt::format("GPU count negative (gpu_num = {})", gpus);
    } else if (!submit) {
      reason = "submit_time missing";
    } else if (*submit < 0 && form == TimeForm::kSeconds) {  // datetimes shift to >= 0
      reason = fmt::format("submit time negative (submit_time = {})", table.cell(submit_time));
    } else if (start && end) {
      if (*end < *start) {
        reason = fmt::format("end_time before start_time ({} < {})", table.cell(end_time),
                             table.cell(start_time));
      } else {
        runtime = *end - *start;
      }
    } else if (recorded) {
      if (*recorded < 0) {
        reason = fmt::format("duration negative (duration = {})", table.cell(duration));
      } else {
        runtime = recorded;
      }
    } else {
      runtime = runtime_for_unknown(options, builder);
      if (!runtime) reason = "runtime unknown (no start_time and end_time, no duration)";
    }
    if (!reason.empty()) {
      if (!submit) rejected_without_submit.push_back(builder.workload().rejected.size());
      rejected.reason = std::move(reason);
      builder.reject(std::move(rejected));
      continue;
    }
    if (state >= 0) {
      const std::string_view name = table.cell(state);
      const auto it = states.find(name);
      if (it == states.end()) {
        states.emplace(std::string(name), 1);
      } else {
        ++it->second;
      }
    }
    JobSpec job;
    job.trace_id = rejected.trace_id;
    job.submit = *submit;
    job.gpus = static_cast<int>(gpus);
    job.runtime = *runtime;
    job.user = builder.user(table.cell(user));
    job.group = builder.group(table.cell(vc));
    job.source_line = table.line();
    builder.add_without_estimate(job);
  }

  Workload& workload = builder.workload();
  if (form == TimeForm::kDatetime && origin) {
    for (JobSpec& job : workload.jobs) job.submit -= *origin;
    for (RejectedRecord& record : workload.rejected) record.submit -= *origin;
    for (const std::size_t index : rejected_without_submit) workload.rejected[index].submit = 0;
    builder.warn(fmt::format("times are seconds since {}, the earliest submit_time", origin_text));
  }
  if (!states.empty()) {
    std::string counts;
    for (const auto& [name, count] : states) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", name.empty() ? "(empty)" : name,
                            count);
    }
    builder.warn(fmt::format(
        "job states: {}; every job replays for its recorded runtime, whatever its state", counts));
  }
  return builder.finish("helios", options);
}

}  // namespace podsim
