#pragma once
// ResultTable: what `podsim compare` and `podsim sweep` print and write — one row per grid
// point x policy x placement, each metric as mean and 95% confidence interval over the seeds
// (confidence_interval.hpp). Rows keep the order they were added in (grid point, then policy,
// then placement), never the order runs finished, so outputs are byte-identical however the
// runs were scheduled.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "scenario/confidence_interval.hpp"

namespace podsim {

struct ResultRow {
  std::vector<std::string> keys;  // the grid point's values, one per key column
  std::string policy;
  std::string placement;
  std::vector<MeanInterval> metrics;  // every metric of summary_metrics(), in table order
};

struct ResultTable {
  std::string scenario;                  // the scenario's name
  std::vector<std::string> key_columns;  // sweep keys (dotted paths); empty for compare
  std::vector<std::size_t> shown;        // metrics the text table prints
  std::vector<ResultRow> rows;
};

// `values[seed][metric]` of one combination -> one row (mean and interval per metric).
ResultRow make_row(std::vector<std::string> keys, std::string policy, std::string placement,
                   const std::vector<std::vector<double>>& values);

// Aligned text: key columns (by their last path component), policy, placement, seeds, then the
// shown metrics as "mean" (one seed) or "mean ± half-width" at each metric's precision.
std::string format_result_table(const ResultTable& table);

// CSV: key columns, policy, placement, seeds, then for EVERY metric "<name>" (mean) and
// "<name>_ci95" (half-width, empty below two seeds). Doubles in shortest round-trip form.
void write_result_csv(const ResultTable& table, std::ostream& out);

// JSON: {"scenario", "keys": [...], "rows": [{"point": {key: value}, "policy", "placement",
// "seeds", "metrics": {name: {"mean", "ci95"}}}]}; ci95 is null below two seeds.
void write_result_json(const ResultTable& table, std::ostream& out);

}  // namespace podsim
