#pragma once
// ResultTable: what `podsim compare` and `podsim sweep` print and write — one row per grid
// point x policy x placement, each metric as mean and 95% confidence interval over the seeds
// (confidence_interval.hpp). Rows keep the order they were added in (grid point, then policy,
// then placement), never the order runs finished, so outputs are byte-identical however the
// runs were scheduled.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "scenario/confidence_interval.hpp"

namespace podsim {

struct ResultRow {
  std::vector<std::string> keys;  // the grid point's values, one per key column
  std::string policy;
  std::string placement;
  std::vector<MeanInterval> metrics;          // every metric of summary_metrics(), in table order
  std::vector<std::vector<double>> per_seed;  // [seed][metric]: what metrics summarise
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
// shown metrics as "mean" (one seed) or "mean ± half-width" at each metric's precision. A row
// whose runs had steady-state warnings is marked "!" after its placement, and a line per such
// row under the table says which (row_warning).
std::string format_result_table(const ResultTable& table);

// "overload in 5 of 5 seeds, short_run in 2 of 5 seeds", or "" when no seed had a warning.
std::string row_warning(const ResultRow& row);

// "mean" (below two seeds) or "mean ± half-width", at `decimals`.
std::string format_mean_interval(const MeanInterval& value, int decimals);

// Rows of cells padded to their columns' widest entry (UTF-8 aware), two spaces apart; column
// c is left-aligned when left[c], else right-aligned.
std::string format_aligned(const std::vector<std::vector<std::string>>& grid,
                           const std::vector<bool>& left);

// CSV: key columns, policy, placement, seeds, then for EVERY metric "<name>" (mean) and
// "<name>_ci95" (half-width, empty below two seeds). Doubles in shortest round-trip form.
void write_result_csv(const ResultTable& table, std::ostream& out);

// JSON: {"scenario", "keys": [...], "rows": [{"point": {key: value}, "policy", "placement",
// "seeds", "metrics": {name: {"mean", "ci95"}}}]}; ci95 is null below two seeds.
void write_result_json(const ResultTable& table, std::ostream& out);

// {name: {"mean", "ci95"}} for every metric of summary_metrics(); ci95 is null below two seeds.
nlohmann::ordered_json metrics_json(const std::vector<MeanInterval>& values);

}  // namespace podsim
