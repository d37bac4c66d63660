#include "cli/trace_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <bit>
#include <map>
#include <stdexcept>
#include <unordered_set>

#include "cli/number_checks.hpp"
#include "cli/seconds_option.hpp"
#include "common/input_error.hpp"
#include "common/params.hpp"
#include "metrics/gpu_time_sum.hpp"
#include "metrics/result_files.hpp"
#include "topology/topology.hpp"
#include "workload/gpu_speeds.hpp"
#include "workload/native_csv.hpp"

namespace podsim {
namespace {

constexpr double kMicrosPerHour = 3600.0 * kMicrosPerSecond;

// Nearest rank: the smallest value with at least p% of the values at or below it.
Time nearest_rank(const std::vector<Time>& sorted, int percent) {
  if (sorted.empty()) return 0;
  const std::size_t n = sorted.size();
  const std::size_t rank = (n * static_cast<std::size_t>(percent) + 99) / 100;  // ceil
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

std::size_t bucket_of(int gpus) {
  // bucket k holds (2^(k-1), 2^k]: the bit width of gpus - 1.
  return static_cast<std::size_t>(std::bit_width(static_cast<unsigned>(gpus - 1)));
}

std::string format_name(const TraceCommandOptions& options) {
  const NamedParams named = parse_named_params(options.format, "--format");
  return named.name.empty() ? detect_trace_format(options.file) : named.name;
}

}  // namespace

std::string gpu_bucket_label(std::size_t k) {
  if (k == 0) return "1";
  if (k == 1) return "2";
  return fmt::format("{}-{}", (std::size_t{1} << (k - 1)) + 1, std::size_t{1} << k);
}

TraceStats compute_trace_stats(const Workload& workload) {
  TraceStats stats;
  stats.records = workload.record_count();
  stats.jobs = workload.jobs.size();
  stats.rejected = workload.rejected.size();
  std::map<std::string, std::size_t> reasons;
  for (const RejectedRecord& record : workload.rejected) ++reasons[record.reason];
  stats.rejected_by_reason.assign(reasons.begin(), reasons.end());
  std::stable_sort(stats.rejected_by_reason.begin(), stats.rejected_by_reason.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (workload.jobs.empty()) return stats;

  std::vector<Time> runtimes;
  runtimes.reserve(workload.jobs.size());
  std::unordered_set<std::uint32_t> users;
  std::unordered_set<std::uint32_t> models;
  std::unordered_set<std::uint32_t> gpu_types;
  double gpu_sum = 0;
  double gpu_micros = 0;
  stats.first_submit = workload.jobs.front().submit;  // jobs are sorted by submit
  stats.last_submit = workload.jobs.back().submit;
  for (const JobSpec& job : workload.jobs) {
    const std::size_t bucket = bucket_of(job.gpus);
    if (bucket >= stats.gpu_buckets.size()) stats.gpu_buckets.resize(bucket + 1);
    ++stats.gpu_buckets[bucket];
    gpu_sum += job.gpus;
    gpu_micros += static_cast<double>(job.gpus) * static_cast<double>(job.runtime);
    stats.max_gpus = std::max(stats.max_gpus, job.gpus);
    runtimes.push_back(job.runtime);
    if (job.user != 0) {
      users.insert(job.user);
    } else {
      ++stats.jobs_without_user;
    }
    if (job.model != 0) models.insert(job.model);
    if (job.gpu_type != kNoGpuType) gpu_types.insert(job.gpu_type);
  }
  std::sort(runtimes.begin(), runtimes.end());
  stats.runtime_p50 = nearest_rank(runtimes, 50);
  stats.runtime_p90 = nearest_rank(runtimes, 90);
  stats.runtime_p99 = nearest_rank(runtimes, 99);
  stats.runtime_max = runtimes.back();
  stats.mean_gpus = gpu_sum / static_cast<double>(stats.jobs);
  stats.gpu_hours = gpu_micros / kMicrosPerHour;
  const Time span = stats.last_submit - stats.first_submit;
  if (span > 0) {
    stats.arrivals_per_hour =
        static_cast<double>(stats.jobs) / (static_cast<double>(span) / kMicrosPerHour);
  }
  stats.users = users.size();
  stats.models = models.size();
  stats.gpu_types = gpu_types.size();
  return stats;
}

std::string trace_stats_text(const Workload& workload, const std::string& format) {
  const TraceStats stats = compute_trace_stats(workload);
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out, "trace:        {} (format {})\n", workload.source, format);
  fmt::format_to(out, "records:      {} ({} jobs, {} rejected)\n", stats.records, stats.jobs,
                 stats.rejected);
  for (const auto& [reason, count] : stats.rejected_by_reason) {
    fmt::format_to(out, "  rejected {:>7}  {}\n", count, reason);
  }
  if (stats.jobs == 0) {
    fmt::format_to(out, "no jobs to describe\n");
  } else {
    fmt::format_to(out, "GPUs per job: mean {:.2f}, max {}; {:.1f} GPU-hours in all\n",
                   stats.mean_gpus, stats.max_gpus, stats.gpu_hours);
    fmt::format_to(out, "  {:>9} {:>9} {:>7}\n", "GPUs", "jobs", "share");
    for (std::size_t k = 0; k < stats.gpu_buckets.size(); ++k) {
      fmt::format_to(
          out, "  {:>9} {:>9} {:>6.1f}%\n", gpu_bucket_label(k), stats.gpu_buckets[k],
          100.0 * static_cast<double>(stats.gpu_buckets[k]) / static_cast<double>(stats.jobs));
    }
    fmt::format_to(out, "runtime s:    p50 {}, p90 {}, p99 {}, max {}\n",
                   format_seconds(stats.runtime_p50), format_seconds(stats.runtime_p90),
                   format_seconds(stats.runtime_p99), format_seconds(stats.runtime_max));
    const Time span = stats.last_submit - stats.first_submit;
    fmt::format_to(out, "span:         submits from {} s to {} s ({:.2f} h)\n",
                   format_seconds(stats.first_submit), format_seconds(stats.last_submit),
                   static_cast<double>(span) / kMicrosPerHour);
    if (span > 0) {
      fmt::format_to(out, "arrival rate: {:.2f} jobs/hour\n", stats.arrivals_per_hour);
    } else {
      fmt::format_to(out, "arrival rate: n/a (every job arrives at {} s)\n",
                     format_seconds(stats.first_submit));
    }
    fmt::format_to(out, "users:        {}", stats.users);
    if (stats.jobs_without_user > 0) {
      fmt::format_to(out, " ({} jobs without a user)", stats.jobs_without_user);
    }
    fmt::format_to(out, "\nmodels:       {}\ngpu types:    {}\n", stats.models, stats.gpu_types);
  }
  if (!workload.warnings.empty()) {
    fmt::format_to(out, "warnings:\n");
    for (const std::string& warning : workload.warnings) fmt::format_to(out, "  - {}\n", warning);
  }
  return text;
}

void convert_trace(const Workload& workload, const std::string& out_path) {
  try {
    write_file_atomically(out_path, [&](std::ostream& out) { write_native_csv(workload, out); });
  } catch (const InputError&) {
    throw;                                     // a name the CSV cannot hold
  } catch (const std::runtime_error& error) {  // an output path the user gave that is unusable
    throw InputError(out_path, 0, "--out", error.what());
  }
}

std::string machine_load_text(const Workload& workload, const Topology& machine,
                              const std::string& name, double load_factor) {
  GpuTimeSum demand;
  std::size_t too_large = 0;
  for (const JobSpec& job : workload.jobs) {
    demand.add(job.gpus, job.runtime);
    if (job.gpus > machine.total_gpus()) ++too_large;
  }
  const Time span =
      workload.jobs.empty() ? 0 : workload.jobs.back().submit - workload.jobs.front().submit;
  std::string text = fmt::format("machine:      {} ({} GPUs, {:.0f} at reference speed)\n", name,
                                 machine.total_gpus(), machine.capacity_gpus());
  if (span <= 0) return text + "offered load: undefined (every job arrives at once)\n";
  const double load = demand.value() / (static_cast<double>(span) * machine.capacity_gpus());
  text += fmt::format(
      "offered load: {:.3f} at load factor {:g} (GPU-time at reference speed / capacity over the "
      "arrival span); load factor {:.3g} offers 1.0\n",
      load, load_factor, load > 0 ? load_factor / load : 0.0);
  if (too_large > 0) {
    text += fmt::format("  - {} jobs need more GPUs than the machine has: they would be rejected\n",
                        too_large);
  }
  return text;
}

Workload read_trace_for_command(const TraceCommandOptions& options) {
  TraceOptions trace_options;
  trace_options.units_per_gpu = options.units_per_gpu;
  trace_options.load_factor = options.load_factor;
  if (!options.trace_gpu.empty()) {
    trace_options.recorded_speed = recorded_gpu_speed(options.trace_gpu, "--trace-gpu");
  }
  if (!options.unknown_runtime.empty()) {
    trace_options.unknown_runtime = seconds_option(options.unknown_runtime, "--unknown-runtime");
  }
  return read_trace(make_trace_registry(), options.file, options.format, trace_options);
}

CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& options) {
  CLI::App* trace = app.add_subcommand(
      "trace", "Inspect a trace (stats) or convert it to podsim's native CSV (convert)");
  trace->require_subcommand(1);
  const auto add_common = [&](CLI::App* command) {
    command->add_option("file", options.file, "trace file")->required();
    command->add_option("--format", options.format,
                        "trace format NAME[:key=value...] (default: from the file name and "
                        "CSV header); 'help' lists formats and parameters");
    command
        ->add_option("--units-per-gpu", options.units_per_gpu,
                     "trace resource units per GPU (SWF processors)")
        ->check(positive_number());
    command
        ->add_option("--load-factor", options.load_factor,
                     "compress arrivals by this factor (as `podsim run --load-factor`)")
        ->check(positive_number());
    command->add_option("--trace-gpu", options.trace_gpu,
                        "the GPU the trace was recorded on (V100, A100, H100, B200, or a speed "
                        "relative to H100): runtimes are restated at H100 speed");
    command->add_option("--unknown-runtime", options.unknown_runtime,
                        "run records whose runtime the trace lacks for this many seconds "
                        "instead of rejecting them");
  };
  CLI::App* stats = trace->add_subcommand(
      "stats", "Counts, rejections by reason, GPU sizes, runtime percentiles, arrival rate");
  add_common(stats);
  stats
      ->add_option("--machine", options.machine,
                   "a topology file: also state the offered load the trace gives it")
      ->check(CLI::ExistingFile);
  stats->callback([&options] { options.action = "stats"; });
  CLI::App* convert = trace->add_subcommand(
      "convert", "Write the jobs as native CSV (atomically: OUT.partial, then renamed)");
  add_common(convert);
  convert->add_option("-o,--out", options.out, "native CSV file to write")->required();
  convert->callback([&options] { options.action = "convert"; });
  return trace;
}

int trace_command(const TraceCommandOptions& options, std::ostream& out) {
  if (options.format == "help") {
    fmt::print(out, "trace formats:\n{}", make_trace_registry().help());
    return 0;
  }
  const Workload workload = read_trace_for_command(options);
  if (options.action == "convert") {
    convert_trace(workload, options.out);
    fmt::print(out, "wrote {} jobs to {}", workload.jobs.size(), options.out);
    if (!workload.rejected.empty()) {
      fmt::print(out, " ({} rejected records are not written; `podsim trace stats` lists why)",
                 workload.rejected.size());
    }
    fmt::print(out, "\n");
    return 0;
  }
  out << trace_stats_text(workload, format_name(options));
  if (!options.machine.empty()) {
    out << machine_load_text(workload, load_topology(options.machine), options.machine,
                             options.load_factor);
  }
  return 0;
}

}  // namespace podsim
