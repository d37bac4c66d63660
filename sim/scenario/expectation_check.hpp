#pragma once
// `expect:` bounds of a scenario checked against its runs: each bound on the mean over seeds
// of one metric for one policy (on every placement, or one).
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_runner.hpp"

namespace podsim {

struct BoundResult {
  std::string policy;     // as listed
  std::string placement;  // as listed
  std::string metric;
  std::string bound;  // ">= 0.5", "<= 3600", "in [0.5, 0.9]"
  double value = 0;   // mean over seeds
  std::size_t seeds = 0;
  int line = 0;  // of the bound in the scenario file
  bool passed = false;
};

// One result per expectation and placement it applies to, in expectation order.
// `runs` holds one SeedRun per seed of the scenario. O(expectations x placements x seeds).
std::vector<BoundResult> check_expectations(const Scenario& scenario,
                                            const std::vector<SeedRun>& runs);

}  // namespace podsim
