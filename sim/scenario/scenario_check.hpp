#pragma once
// `podsim check`: run every scenario that has an `expect:` block, compare each bound and each
// schedule hash with what was recorded, and describe every difference in one readable line.
// Returns text; prints nothing (the CLI prints and picks the exit code).
#include <cstddef>
#include <string>
#include <vector>

#include "scenario/plugins.hpp"
#include "scenario/scenario.hpp"

namespace podsim {

// Scenario files under `paths`: a file is taken as given, a folder is searched recursively for
// *.yaml / *.yml scenario files (scenario_file_kind(); other YAML, such as topologies, is
// ignored). Those with `expect:` are to be run, the others `skipped`; both sorted, without
// duplicates, and both to be read (so a typo anywhere is reported). Throws InputError for a
// path that does not exist or a file that is not valid YAML.
struct CheckPlan {
  std::vector<std::string> scenarios;
  std::vector<std::string> skipped;
};
CheckPlan plan_check(const std::vector<std::string>& paths);

struct ScenarioCheck {
  std::string file;
  std::string name;
  std::size_t bounds = 0;
  std::size_t bounds_failed = 0;
  std::size_t schedules = 0;
  std::size_t schedules_changed = 0;  // differing, missing or stale hashes (0 with update)
  bool hashes_written = false;
  std::vector<std::string> failures;  // "easy/first-fit: wait_p95_s = 4123.5, expected <= 3600 ..."
  bool passed() const { return bounds_failed == 0 && schedules_changed == 0; }
};

// Runs the loaded scenario (every seed, policy and placement; not its sweep), checks its bounds
// and its schedule hashes (hash_file_path(scenario.file)). With `update`, writes the hashes
// instead of comparing them. Throws InputError on bad input.
ScenarioCheck check_scenario(const Scenario& scenario, const Plugins& plugins, bool update);

}  // namespace podsim
