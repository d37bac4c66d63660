#include "cli/compare_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "cli/number_checks.hpp"
#include "cli/output_paths.hpp"
#include "common/input_error.hpp"
#include "metrics/result_files.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/paired_differences.hpp"
#include "scenario/result_table.hpp"
#include "scenario/scenario_runner.hpp"
#include "scenario/thread_pool.hpp"

namespace podsim {

std::vector<std::size_t> parse_metric_flags(const std::vector<std::string>& names,
                                            const std::string& flag) {
  std::vector<std::size_t> metrics;
  for (const auto& name : names) metrics.push_back(summary_metric_index(name, "", 0, flag));
  return metrics;
}

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options) {
  CLI::App* compare = app.add_subcommand(
      "compare",
      "Every policy x placement of a scenario (or of `run`'s options) on the same "
      "workload and seeds: one table of mean metrics (± 95% CI over seeds)");
  add_scenario_options(*compare, options.run);
  compare->add_option("--csv", options.csv, "also write the table as CSV (every metric)");
  compare->add_option("--json", options.json, "also write the table as JSON (every metric)");
  compare
      ->add_option("--metrics", options.metrics,
                   "columns to print, comma-separated; 'help' lists them")
      ->delimiter(',');
  compare->add_option("-j,--threads", options.threads, "seeds to run in parallel")
      ->check(positive_number());
  return compare;
}

int compare_command(const CompareOptions& options, std::ostream& out) {
  for (const auto& name : options.metrics) {
    if (name == "help") {
      fmt::print(out, "Metrics (--metrics a,b,...; expect: and metrics: in scenarios):\n{}",
                 summary_metrics_help());
      return 0;
    }
  }
  const Plugins plugins = make_plugins();
  if (print_plugin_help(options.run, plugins, out)) return 0;
  Scenario scenario = scenario_from_options(options.run, plugins);
  if (!options.metrics.empty()) scenario.metrics = parse_metric_flags(options.metrics, "--metrics");

  if (!scenario.sweep.empty()) {
    spdlog::warn("{}: the sweep: block is ignored here; `podsim sweep` runs the grid",
                 scenario.file);
  }
  if (!options.csv.empty()) prepare_output_file(options.csv, "--csv");
  if (!options.json.empty()) prepare_output_file(options.json, "--json");
  const PreparedScenario prepared(scenario, plugins);
  RunSettings settings;
  settings.check_every_pass = options.run.check_every_pass;
  std::vector<SeedRun> runs(scenario.seeds.size());
  ThreadPool(options.threads).for_each_index(runs.size(), [&](std::size_t s) {
    runs[s] = run_seed(prepared, scenario.seeds[s], settings);
  });
  for (const auto& warning : runs.front().workload_warnings) {
    spdlog::warn("{}: {}", runs.front().workload_source, warning);
  }

  ResultTable table;
  table.scenario = scenario.name;
  table.shown = scenario.metrics.empty() ? default_compare_metrics() : scenario.metrics;
  for (std::size_t p = 0; p < scenario.policies.size(); ++p) {
    for (std::size_t q = 0; q < scenario.placements.size(); ++q) {
      std::vector<std::vector<double>> values;
      for (const SeedRun& run : runs) {
        values.push_back(summary_metric_values(outcome_of(run, scenario, p, q).summary));
      }
      table.rows.push_back(
          make_row({}, scenario.policies[p].text, scenario.placements[q].text, values));
    }
  }

  fmt::print(out, "scenario: {}\nworkload: {} ({} records, {} jobs){}\nmachine:  {} ({} GPUs)\n",
             scenario.name, runs.front().workload_source, runs.front().records, runs.front().jobs,
             runs.size() < 2                   ? ""
             : scenario.workload.trace.empty() ? "; one workload per seed"
                                               : "; the same trace for every seed",
             prepared.machine_description(), prepared.topology().total_gpus());
  fmt::print(out, "seeds:    {}{}\n\n", fmt::join(scenario.seeds, ", "),
             runs.size() > 1 ? " (mean ± 95% confidence interval over seeds)" : "");
  out << format_result_table(table) << format_paired_differences(table);
  if (!options.csv.empty()) {
    write_file_atomically(options.csv, [&](std::ostream& file) { write_result_csv(table, file); });
  }
  if (!options.json.empty()) {
    write_file_atomically(options.json,
                          [&](std::ostream& file) { write_result_json(table, file); });
  }
  return 0;
}

}  // namespace podsim
