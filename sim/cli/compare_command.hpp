#pragma once
// `podsim compare [SCENARIO] [run options]`: every policy x placement of a scenario (or of the
// same options `podsim run` takes) on the same workload, every seed, and one aligned table of
// summary metrics (mean, and 95% confidence interval with several seeds), optionally written
// as CSV and JSON (scenario/result_table.hpp).
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/run_command.hpp"

namespace podsim {

struct CompareOptions {
  RunOptions run;
  std::string csv;                   // write the table here as CSV
  std::string json;                  // ... and as JSON
  std::vector<std::string> metrics;  // columns; "help" lists them
  int threads = 1;                   // seeds in parallel
};

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);

// Returns the exit code; throws InputError on bad input.
int compare_command(const CompareOptions& options, std::ostream& out);

// Metric names -> indices (InputError naming `flag` for an unknown one); empty stays empty.
std::vector<std::size_t> parse_metric_flags(const std::vector<std::string>& names,
                                            const std::string& flag);

}  // namespace podsim
