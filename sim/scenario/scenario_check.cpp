#include "scenario/scenario_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "common/input_error.hpp"
#include "scenario/expectation_check.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_runner.hpp"
#include "scenario/schedule_hash.hpp"
#include "scenario/schedule_hash_file.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

bool is_yaml(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

}  // namespace

CheckPlan plan_check(const std::vector<std::string>& paths) {
  std::set<std::string> scenarios, skipped;
  auto add = [&](const fs::path& path, bool given) {
    const std::string name = path.lexically_normal().string();
    switch (scenario_file_kind(path.string())) {
      case ScenarioFileKind::kScenarioWithExpectations:
        scenarios.insert(name);
        break;
      case ScenarioFileKind::kScenario:
        skipped.insert(name);
        break;
      case ScenarioFileKind::kOther:
        if (given) skipped.insert(name);  // named on purpose: read it, and say why it did not run
        break;
    }
  };
  for (const std::string& given : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(given, error);
    if (error || !fs::exists(status)) {
      throw InputError(given, 0, "", "no such file or folder");
    }
    if (!fs::is_directory(status)) {
      add(given, true);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(given);
         it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_regular_file() && is_yaml(it->path())) add(it->path(), false);
    }
  }
  return {{scenarios.begin(), scenarios.end()}, {skipped.begin(), skipped.end()}};
}

ScenarioCheck check_scenario(const Scenario& scenario, const Plugins& plugins, bool update) {
  const std::string& file = scenario.file;
  ScenarioCheck check;
  check.file = file;
  check.name = scenario.name;
  const PreparedScenario prepared(scenario, plugins);
  std::vector<SeedRun> runs;
  for (std::uint64_t seed : scenario.seeds) runs.push_back(run_seed(prepared, seed));

  const std::string base = fs::path(file).filename().string();
  for (const BoundResult& bound : check_expectations(scenario, runs)) {
    ++check.bounds;
    if (bound.passed) continue;
    ++check.bounds_failed;
    check.failures.push_back(
        fmt::format("{}/{}: {} = {}, expected {} (mean of {} seed{}; bound at {}:{})", bound.policy,
                    bound.placement, bound.metric, bound.value, bound.bound, bound.seeds,
                    bound.seeds == 1 ? "" : "s", base, bound.line));
  }

  // Hash lines in run order: policy, placement, seed as listed, under their short labels.
  std::vector<HashLine> lines;
  for (std::size_t p = 0; p < scenario.policies.size(); ++p) {
    for (std::size_t q = 0; q < scenario.placements.size(); ++q) {
      for (const SeedRun& run : runs) {
        lines.push_back({short_label(scenario.policies, p), short_label(scenario.placements, q),
                         run.seed, outcome_of(run, scenario, p, q).schedule_hash});
      }
    }
  }
  check.schedules = lines.size();
  const std::string hash_path = hash_file_path(file);
  if (update) {
    write_schedule_hashes(hash_path, scenario.name, lines);
    check.hashes_written = true;
    return check;
  }
  ScheduleHashes recorded = read_schedule_hashes(hash_path);
  const std::string hash_base = fs::path(hash_path).filename().string();
  for (const HashLine& line : lines) {
    const auto it = recorded.find({line.policy, line.placement, line.seed});
    if (it == recorded.end()) {
      ++check.schedules_changed;
      check.failures.push_back(fmt::format(
          "{}/{} seed {}: no recorded schedule hash in {} (podsim check --update records it)",
          line.policy, line.placement, line.seed, hash_base));
      continue;
    }
    if (it->second != line.hash) {
      ++check.schedules_changed;
      check.failures.push_back(fmt::format(
          "{}/{} seed {}: schedule changed: recorded {}, now {} (podsim check --update "
          "records the new one if the change is intended)",
          line.policy, line.placement, line.seed, format_hash(it->second), format_hash(line.hash)));
    }
    recorded.erase(it);
  }
  for (const auto& [key, hash] : recorded) {
    ++check.schedules_changed;
    check.failures.push_back(fmt::format(
        "{}/{} seed {}: recorded in {} but not run any more (podsim check --update drops it)",
        std::get<0>(key), std::get<1>(key), std::get<2>(key), hash_base));
  }
  return check;
}

}  // namespace podsim
