#include "cli/sweep_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "cli/compare_command.hpp"
#include "cli/mpi_command.hpp"
#include "cli/number_checks.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_display.hpp"
#include "common/input_error.hpp"
#include "metrics/result_files.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/mpi_world.hpp"
#include "scenario/paired_differences.hpp"
#include "scenario/sweep.hpp"

namespace podsim {
namespace {

int run(const SweepOptions& options, const MpiWorld& world, std::ostream& out) {
  const Plugins plugins = make_plugins();
  Scenario scenario = with_keys_set(load_scenario(options.scenario, plugins),
                                    parse_key_settings(options.sets, "--set"), plugins);
  if (!options.metrics.empty()) scenario.metrics = parse_metric_flags(options.metrics, "--metrics");

  if (world.root() && !options.csv.empty()) prepare_output_file(options.csv, "--csv");
  if (world.root() && !options.json.empty()) prepare_output_file(options.json, "--json");
  SweepSettings settings;
  settings.world = &world;
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  settings.threads = options.threads > 0 ? options.threads : std::max(1, cores / world.size());
  std::optional<ProgressDisplay> progress;
  if (world.root()) {
    progress.emplace("sweep", options.show_progress);
    settings.progress = [&](std::size_t done, std::size_t total) { progress->update(done, total); };
  }
  spdlog::info("sweep {}: {}, {} thread{} per rank", scenario.name, world.description(),
               settings.threads, settings.threads == 1 ? "" : "s");
  const SweepResult result = run_sweep(scenario, plugins, settings);
  progress.reset();
  if (!result.root) return 0;

  std::vector<std::string> axes;
  for (const SweepAxis& axis : scenario.sweep) {
    axes.push_back(fmt::format("{} ({})", axis.key, fmt::join(axis.labels, ", ")));
  }
  fmt::print(
      out,
      "scenario: {}\ngrid:     {}\nseeds:    {} (mean ± 95% confidence interval "
      "over seeds)\npoints:   {}, simulations: {}\n\n",
      scenario.name,
      axes.empty() ? std::string("none (one point)") : fmt::format("{}", fmt::join(axes, " x ")),
      fmt::join(scenario.seeds, ", "), result.points, result.simulations);
  out << format_result_table(result.table) << format_paired_differences(result.table);
  if (!options.csv.empty()) {
    write_file_atomically(options.csv,
                          [&](std::ostream& file) { write_result_csv(result.table, file); });
  }
  if (!options.json.empty()) {
    write_file_atomically(options.json,
                          [&](std::ostream& file) { write_result_json(result.table, file); });
  }
  return 0;
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options) {
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "Run a scenario's sweep: grid x seeds in parallel (threads; MPI ranks under "
      "mpirun); one table of mean ± 95% CI per point, policy and placement");
  sweep->add_option("scenario", options.scenario, "scenario YAML file with a sweep: block")
      ->required();
  sweep
      ->add_option("-j,--threads", options.threads,
                   "threads per process (default: cores / MPI ranks)")
      ->check(positive_number());
  sweep->add_option("--csv", options.csv, "also write the table as CSV (every metric)");
  sweep->add_option("--json", options.json, "also write the table as JSON (every metric)");
  sweep->add_option("--metrics", options.metrics, "columns to print, comma-separated")
      ->delimiter(',');
  sweep->add_option("--set", options.sets,
                    "KEY=VALUE: set a scenario key by its dotted path (site.pue=1.2); repeatable");
  return sweep;
}

int sweep_command(const SweepOptions& options, std::ostream& out) {
  return run_on_mpi_world([&](const MpiWorld& world) { return run(options, world, out); });
}

}  // namespace podsim
