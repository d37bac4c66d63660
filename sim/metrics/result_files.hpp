#pragma once
// The files a run writes (DESIGN section 9): jobs.csv, summary.json, timeseries.csv.
// Output is deterministic: times as exact decimal seconds, doubles in shortest round-trip form.
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "metrics/job_record.hpp"
#include "metrics/summary.hpp"
#include "metrics/time_series.hpp"

namespace podsim {

// CSV-quotes a field only when it needs it (a comma, a double quote or a newline in it).
std::string csv_field(const std::string& text);

void write_jobs_csv(const std::vector<JobRecord>& records, std::ostream& out);
void write_timeseries_csv(const TimeSeriesCollector& series, std::ostream& out);
// `run_info` (policy, placement, trace, seed, ...) is written under "run".
void write_summary_json(const Summary& summary, const std::map<std::string, std::string>& run_info,
                        std::ostream& out);

// Writes `path` through a temporary file renamed into place at the end, so a failed run never
// leaves a file that looks complete. Throws std::runtime_error when the file cannot be written.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace podsim
