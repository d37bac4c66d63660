#pragma once
// The one table of summary metric names that scenarios (`expect:`, `metrics:`), `podsim compare`
// and `podsim sweep` use, each mapped to a field of Summary (metrics/summary.hpp). Names carry
// their unit (`_s` seconds); ratios and counts have none. Adding a metric is one row here.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/summary.hpp"

namespace podsim {

struct SummaryMetric {
  std::string_view name;         // e.g. "wait_p95_s"
  std::string_view description;  // one line, for `podsim compare --metrics help`
  int decimals;                  // digits after the point in aligned text tables
  double (*value)(const Summary&);
};

// Every metric, in table order (the order of CSV/JSON columns). Constant; O(1).
std::span<const SummaryMetric> summary_metrics();

// Names in table order (for suggestions and help).
std::vector<std::string> summary_metric_names();

// Index into summary_metrics() of `name`, or nothing. O(metrics).
std::optional<std::size_t> find_summary_metric(std::string_view name);

// Index of `name`; throws InputError(file, line, key, "unknown metric ... (did you mean ...)").
std::size_t summary_metric_index(std::string_view name, const std::string& file, int line,
                                 const std::string& key);

// Every metric of `summary`, in table order.
std::vector<double> summary_metric_values(const Summary& summary);

// The columns compare and sweep print when the scenario names none.
std::vector<std::size_t> default_compare_metrics();
std::vector<std::size_t> default_sweep_metrics();

// "  name  description" lines, for help output.
std::string summary_metrics_help();

}  // namespace podsim
