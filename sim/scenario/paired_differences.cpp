#include "scenario/paired_differences.hpp"

#include <fmt/format.h>

#include "scenario/metric_table.hpp"

namespace podsim {

ResultTable paired_differences(const ResultTable& table) {
  ResultTable differences;
  differences.scenario = table.scenario;
  differences.key_columns = table.key_columns;
  differences.shown = table.shown;
  const ResultRow* baseline = nullptr;
  for (const ResultRow& row : table.rows) {
    if (baseline == nullptr || baseline->keys != row.keys) {
      baseline = &row;
      continue;
    }
    std::vector<std::vector<double>> per_seed;
    for (std::size_t s = 0; s < row.per_seed.size() && s < baseline->per_seed.size(); ++s) {
      std::vector<double> difference(row.per_seed[s].size());
      for (std::size_t m = 0; m < difference.size(); ++m) {
        difference[m] = row.per_seed[s][m] - baseline->per_seed[s][m];
      }
      per_seed.push_back(std::move(difference));
    }
    ResultRow paired = make_row(row.keys, row.policy, row.placement, per_seed);
    // The steady-state flags stay the row's own, so its mark says what it says in the table.
    for (const char* flag : {"overload", "growing_queue", "short_run"}) {
      const std::size_t m = *find_summary_metric(flag);
      paired.metrics[m] = row.metrics[m];
    }
    paired.placement =
        fmt::format("{} - {} {}", row.placement, baseline->policy, baseline->placement);
    differences.rows.push_back(std::move(paired));
  }
  return differences;
}

std::string format_paired_differences(const ResultTable& table) {
  if (table.rows.empty() || table.rows.front().per_seed.size() < 2) return "";
  const ResultTable differences = paired_differences(table);
  if (differences.rows.empty()) return "";
  return fmt::format(
      "\npaired differences against the first row of each point, on the same seeds (common "
      "random numbers): mean ± 95% confidence interval of the per-seed difference; an interval "
      "that excludes 0 is a difference the seeds support\n\n{}",
      format_result_table(differences));
}

}  // namespace podsim
