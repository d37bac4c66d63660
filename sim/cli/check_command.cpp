#include "cli/check_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_check.hpp"
#include "scenario/schedule_hash_file.hpp"

namespace podsim {

CLI::App* add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* check =
      app.add_subcommand("check",
                         "Run every scenario with an expect: block (files, or folders searched "
                         "recursively); exit 1 when a bound fails or a schedule hash changed");
  check->add_option("paths", options.paths, "scenario files or folders")->required();
  check->add_flag("--update", options.update,
                  "record the current schedule hashes (NAME.hashes beside each scenario)");
  return check;
}

int check_command(const CheckOptions& options, std::ostream& out) {
  const Plugins plugins = make_plugins();
  const CheckPlan plan = plan_check(options.paths);
  // Every scenario is read before any runs, so a typo anywhere fails fast (exit 2) and alone;
  // the ones to run are kept for the runs.
  std::vector<Scenario> scenarios;
  scenarios.reserve(plan.scenarios.size());
  for (const std::string& file : plan.scenarios) scenarios.push_back(load_scenario(file, plugins));
  for (const std::string& file : plan.skipped) {
    (void)load_scenario(file, plugins);
    fmt::print(out, "skip  {}: no expect: block\n", file);
  }

  std::size_t failed = 0, bounds = 0, schedules = 0;
  for (const Scenario& scenario : scenarios) {
    const ScenarioCheck check = check_scenario(scenario, plugins, options.update);
    bounds += check.bounds;
    schedules += check.schedules;
    if (check.passed()) {
      fmt::print(out, "ok    {} ({}): {} bounds, {} schedules{}\n", check.file, check.name,
                 check.bounds, check.schedules,
                 check.hashes_written
                     ? fmt::format(", hashes written to {}", hash_file_path(check.file))
                     : std::string{});
      continue;
    }
    ++failed;
    fmt::print(out,
               "FAIL  {} ({}): {} of {} bounds failed, {} of {} schedule hashes do not match\n",
               check.file, check.name, check.bounds_failed, check.bounds, check.schedules_changed,
               check.schedules);
    for (const std::string& line : check.failures) fmt::print(out, "      {}\n", line);
  }
  fmt::print(out, "check: {} scenario{}, {} bounds, {} schedules: {}\n", plan.scenarios.size(),
             plan.scenarios.size() == 1 ? "" : "s", bounds, schedules,
             failed == 0 ? std::string("all passed")
                         : fmt::format("{} scenario{} failed", failed, failed == 1 ? "" : "s"));
  return failed == 0 ? 0 : 1;
}

}  // namespace podsim
