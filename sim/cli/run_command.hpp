#pragma once
// `podsim run [SCENARIO]`: replay a trace (or a seeded synthetic workload) on a topology (or a
// flat pool) under one or more policies and placements; print a comparison table; optionally
// write jobs.csv, summary.json and timeseries.csv per combination. The machine, workload and
// plug-ins come from a scenario file (scenario/scenario.hpp) or from the options below, which
// build the same Scenario; the running itself is sim/scenario's (scenario_runner.hpp).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenario/plugins.hpp"
#include "scenario/scenario.hpp"

namespace podsim {

struct RunOptions {
  std::string scenario;       // a scenario file; excludes the machine/workload/plug-in options
  std::string topology_file;  // empty: --flat, the trace's machine size, or the embedded default
  int flat_units = 0;
  std::optional<int> groups;      // --groups: first-level groups (SUs, racks) of the topology
  std::vector<std::string> sets;  // --set KEY=VALUE on the scenario's keys
  std::string trace;              // empty: synthetic workload
  std::string format;             // empty: from the file name
  int units_per_gpu = 1;
  std::string unknown_runtime;          // seconds; empty: reject records whose runtime is unknown
  double load_factor = 1.0;             // trace arrivals compressed by this factor
  std::string trace_gpu;                // GPU the trace was recorded on; empty: the reference
  std::string generator = "philly";     // synthetic workload profile
  std::size_t jobs = 0;                 // synthetic workload size; 0: by --days
  double days = 0;                      // synthetic arrivals for this many days; neither: 30
  double load = 0.9;                    // synthetic offered load
  std::vector<std::string> policies;    // "name[:key=value...]"; empty: fcfs and easy
  std::vector<std::string> placements;  // empty: the machine's (default_placement.hpp)
  std::string out;                      // empty: print only (or the scenario's output dir)
  std::uint64_t seed = 1;
  // The hardware models (a scenario's performance: and failures: keys, model_settings.hpp).
  bool no_slowdown = false;
  bool no_contention = false;
  std::optional<double> comm_fraction;
  std::string models_file;
  double mtbf_hours = 0;
  std::string failure_distribution = "exponential";
  double weibull_shape = 0.8;
  double mttr_hours = 4;
  std::string checkpoint_interval = "3600";  // seconds
  std::string checkpoint_cost = "0";         // seconds
  std::string restart_cost = "300";          // seconds
  int max_restarts = 100;
  std::string failure_trace;
  SitePrices site;  // --pue, --energy-price, --depreciation-years
  // The measurement window (a scenario's window: key, window_setting.hpp).
  bool whole_run = false;
  std::string warmup;    // auto, N%, a time; empty: auto for a synthetic workload
  std::string cooldown;  // N%, a time; empty: none
  bool check_every_pass = false;
  bool show_progress = true;
};

// Registers the sub-command on `app`, filling `options` when parsed.
CLI::App* add_run_command(CLI::App& app, RunOptions& options);

// The SCENARIO positional and the machine/workload/plug-in options of `run`, on any command
// that runs a scenario (`run`, `compare`). The options exclude the positional.
void add_scenario_options(CLI::App& command, RunOptions& options);

// True when `--policy help`, `--placement help` or `--format help` was asked for; prints the
// listing.
bool print_plugin_help(const RunOptions& options, const Plugins& plugins, std::ostream& out);

// The scenario file, or the Scenario the options describe. Throws InputError.
Scenario scenario_from_options(const RunOptions& options, const Plugins& plugins);

// Runs it, printing to `out`. Returns the exit code; throws InputError on bad input.
int run_command(const RunOptions& options, std::ostream& out);

}  // namespace podsim
