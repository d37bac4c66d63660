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

std::string format_comparison_table(const std::vector<ComparisonRow>& rows);

}  // namespace podsim
