#pragma once
// `podsim run`: replay a trace (or a seeded synthetic workload) on a topology (or a flat pool)
// under one or more policies and placements; print a comparison table; optionally write
// jobs.csv, summary.json and timeseries.csv per combination.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace podsim {

struct RunOptions {
  std::string topology_file;  // empty: --flat, the trace's machine size, or the embedded default
  int flat_units = 0;
  std::string trace;          // empty: synthetic workload
  std::string format;         // empty: from the file name
  int units_per_gpu = 1;
  std::string unknown_runtime;  // seconds; empty: reject records whose runtime is unknown
  std::size_t jobs = 20000;   // synthetic workload size
  double load = 1.0;          // synthetic offered load
  std::vector<std::string> policies;    // "name[:key=value...]"; empty: fcfs and easy
  std::vector<std::string> placements;  // empty: first-fit
  std::string out;            // empty: print only
  std::uint64_t seed = 1;
  bool check_every_pass = false;
  bool show_progress = true;
};

// Registers the sub-command on `app`, filling `options` when parsed.
CLI::App* add_run_command(CLI::App& app, RunOptions& options);

// Runs it, printing to `out`. Returns the exit code; throws InputError on bad input.
int run_command(const RunOptions& options, std::ostream& out);

}  // namespace podsim
