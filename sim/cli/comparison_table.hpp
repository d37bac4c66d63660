#pragma once
// The aligned table `podsim run` prints: one row per policy x placement.
#include <string>
#include <vector>

#include "metrics/summary.hpp"

namespace podsim {

struct ComparisonRow {
  std::string policy;
  std::string placement;
  Summary summary;
  double wall_ms = 0;  // host time of the simulation (not part of any result file)
};

// The table; a row whose run has steady-state warnings is marked "!" after its placement.
std::string format_comparison_table(const std::vector<ComparisonRow>& rows);

// The measurement window of the rows (one line when they share it) and every warning, one line
// each, for under the table.
std::string format_window_notes(const std::vector<ComparisonRow>& rows);

// One line: which jobs a summary counted and over what time.
std::string describe_window(const Summary& summary);

}  // namespace podsim
