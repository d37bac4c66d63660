#pragma once
// `podsim trace stats FILE` and `podsim trace convert FILE -o OUT.csv`: inspect any trace the
// workload layer reads, or turn it into podsim's native CSV.
//
// The work is in plain functions (trace_stats_text, convert_trace) so tests drive them
// in-process; the CLI11 glue only fills TraceCommandOptions.
#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "topology/topology.hpp"
#include "workload/job_spec.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

struct TraceCommandOptions {
  std::string action;  // stats | convert (the sub-command given)
  std::string file;
  std::string format;  // "" = detect; "name:key=value..." passes format parameters
  int units_per_gpu = 1;
  std::string unknown_runtime;  // seconds; empty: reject records whose runtime is unknown
  std::string out;              // convert: the native CSV to write
  double load_factor = 1.0;     // arrivals compressed by this factor
  std::string trace_gpu;        // the GPU it was recorded on (gpu_speeds.hpp); empty: H100
  std::string machine;          // stats: a topology file to state the offered load on
};

// What `trace stats` reports, computed once from a Workload. Percentiles are nearest-rank (a
// runtime some job had). Arrival rate = jobs / (last submit - first submit) in hours (0 when
// all jobs arrive at once).
struct TraceStats {
  std::size_t records = 0;
  std::size_t jobs = 0;
  std::size_t rejected = 0;
  std::vector<std::pair<std::string, std::size_t>> rejected_by_reason;  // most frequent first
  // GPU-size histogram in power-of-two buckets: bucket k holds jobs of (2^(k-1), 2^k] GPUs
  // (k = 0: 1 GPU), from 1 GPU up to the largest job.
  std::vector<std::size_t> gpu_buckets;
  double mean_gpus = 0;
  int max_gpus = 0;
  double gpu_hours = 0;  // sum of gpus x runtime
  Time runtime_p50 = 0;
  Time runtime_p90 = 0;
  Time runtime_p99 = 0;
  Time runtime_max = 0;
  Time first_submit = 0;
  Time last_submit = 0;
  double arrivals_per_hour = 0;
  std::size_t users = 0;  // distinct named users among the jobs
  std::size_t jobs_without_user = 0;
  std::size_t models = 0;     // distinct named models among the jobs
  std::size_t gpu_types = 0;  // distinct GPU type constraints among the jobs
};

TraceStats compute_trace_stats(const Workload& workload);

// The `trace stats` report: `format` is the format name the file was read with.
std::string trace_stats_text(const Workload& workload, const std::string& format);

// What the trace offers `machine` (named `name`): its GPU-time at reference speed over its
// arrival span, divided by the machine's capacity at its GPUs' speeds (offered load, DESIGN
// section 9), the load factor that would offer 1.0, and how many jobs are larger than it.
// `load_factor` is the one the workload was read with.
std::string machine_load_text(const Workload& workload, const Topology& machine,
                              const std::string& name, double load_factor);

// "1", "2", "3-4", "5-8", ...: the label of GPU-size bucket `k`.
std::string gpu_bucket_label(std::size_t k);

// Writes the jobs as native CSV to `out_path` through `out_path.partial`, renamed into place
// when complete. Rejected records are not written (the native CSV holds jobs only).
void convert_trace(const Workload& workload, const std::string& out_path);

// The trace as `options` names it (format detection, parameters, --units-per-gpu,
// --unknown-runtime), through the built-in registry. Throws InputError on bad input.
Workload read_trace_for_command(const TraceCommandOptions& options);

// Registers `trace stats|convert` on `app`, filling `options` when parsed.
CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& options);

// Runs it, printing to `out`. Returns the exit code; throws InputError on bad input.
int trace_command(const TraceCommandOptions& options, std::ostream& out);

}  // namespace podsim
