#include "cli/run_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "cli/comparison_table.hpp"
#include "cli/embedded_config.hpp"
#include "cli/progress_display.hpp"
#include "common/input_error.hpp"
#include "metrics/result_files.hpp"
#include "simulation/simulation.hpp"
#include "topology/topology.hpp"
#include "workload/synthetic_generator.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {
namespace {

const std::vector<std::string> kDefaultPolicies = {"fcfs", "easy"};
const std::vector<std::string> kDefaultPlacements = {"first-fit"};

struct Machine {
  Topology topology;
  std::string description;
};

// --flat, --topology, else the trace's declared size (SWF MaxProcs), else the embedded SuperPOD.
Machine choose_machine(const RunOptions& options, const Workload* trace) {
  if (options.flat_units > 0) {
    return {Topology::flat(options.flat_units), fmt::format("flat {}", options.flat_units)};
  }
  if (!options.topology_file.empty()) {
    return {load_topology(options.topology_file), options.topology_file};
  }
  if (trace != nullptr && trace->machine_units) {
    const int gpus = (*trace->machine_units + options.units_per_gpu - 1) / options.units_per_gpu;
    spdlog::info("no --flat or --topology: using the trace's machine size, flat {}", gpus);
    return {Topology::flat(gpus), fmt::format("flat {} (from the trace header)", gpus)};
  }
  if (trace != nullptr) {
    throw InputError(options.trace, 0, "--flat/--topology",
                     "the trace does not declare its machine size; give --flat N or --topology");
  }
  return {parse_topology(std::string(embedded_dgx_h100_superpod()),
                         "<embedded configs/dgx-h100-superpod.yaml>"),
          "dgx-h100-superpod (embedded)"};
}

Workload load_workload(const RunOptions& options, const Topology* topology) {
  if (!options.trace.empty()) {
    TraceOptions trace_options;
    trace_options.units_per_gpu = options.units_per_gpu;
    if (!options.unknown_runtime.empty()) {
      trace_options.unknown_runtime = parse_seconds(options.unknown_runtime);
      if (!trace_options.unknown_runtime || *trace_options.unknown_runtime < 0) {
        throw InputError("", 0, "--unknown-runtime",
                         "expected seconds >= 0, got '" + options.unknown_runtime + "'");
      }
    }
    return read_trace(make_trace_registry(), options.trace, options.format, trace_options);
  }
  SyntheticOptions synthetic;
  synthetic.jobs = options.jobs;
  synthetic.load = options.load;
  synthetic.cluster_gpus = topology->total_gpus();
  synthetic.seed = options.seed;
  return generate_synthetic(synthetic);
}

std::string combination_name(const NamedParams& policy, const NamedParams& placement) {
  return policy.name + "-" + placement.name;
}

void write_results(const std::filesystem::path& dir, const SimulationResult& result,
                   const std::map<std::string, std::string>& run_info) {
  std::filesystem::create_directories(dir);
  write_file_atomically((dir / "jobs.csv").string(),
                        [&](std::ostream& out) { write_jobs_csv(result.records, out); });
  write_file_atomically((dir / "timeseries.csv").string(),
                        [&](std::ostream& out) { write_timeseries_csv(result.series, out); });
  // summary.json last: its presence marks a complete result directory.
  write_file_atomically((dir / "summary.json").string(), [&](std::ostream& out) {
    write_summary_json(result.summary, run_info, out);
  });
}

}  // namespace

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand(
      "run", "Replay a trace (or a synthetic workload) under policies and placements. With no "
             "options: a seeded synthetic GPU workload on the embedded DGX H100 SuperPOD, fcfs "
             "vs easy.");
  auto* topology = run->add_option("--topology", options.topology_file, "topology YAML file");
  auto* flat = run->add_option("--flat", options.flat_units,
                               "a flat pool of N GPUs/units instead of a topology")
                   ->check(CLI::PositiveNumber);
  topology->excludes(flat);
  run->add_option("--trace", options.trace, "trace file (SWF, .swf.gz, native CSV)");
  run->add_option("--format", options.format, "trace format (default: from the file name)");
  run->add_option("--units-per-gpu", options.units_per_gpu,
                  "trace resource units per GPU (SWF processors)")
      ->check(CLI::PositiveNumber);
  run->add_option("--unknown-runtime", options.unknown_runtime,
                  "run trace records with unknown runtime (SWF field 4 = -1) for this many "
                  "seconds instead of rejecting them (pyss uses 1)");
  run->add_option("--jobs", options.jobs, "synthetic workload: number of jobs")
      ->check(CLI::PositiveNumber);
  run->add_option("--load", options.load, "synthetic workload: offered load (1.0 = machine full)")
      ->check(CLI::PositiveNumber);
  run->add_option("--policy", options.policies,
                  "policy NAME[:key=value...]; repeat or comma-separate to compare; 'help' lists")
      ->delimiter(',');
  run->add_option("--placement", options.placements,
                  "placement NAME[:key=value...]; repeat or comma-separate; 'help' lists")
      ->delimiter(',');
  run->add_option("--out", options.out,
                  "write jobs.csv, summary.json, timeseries.csv here (one sub-folder per "
                  "policy-placement when comparing several)");
  run->add_option("--seed", options.seed, "seed of the synthetic workload and random choices");
  run->add_flag("--check-every-pass", options.check_every_pass,
                "recount all GPUs after every scheduling pass (slow; for debugging)");
  return run;
}

int run_command(const RunOptions& options, std::ostream& out) {
  const PolicyRegistry policies = make_policy_registry();
  const PlacementRegistry placements = make_placement_registry();
  const auto& policy_texts = options.policies.empty() ? kDefaultPolicies : options.policies;
  const auto& placement_texts =
      options.placements.empty() ? kDefaultPlacements : options.placements;
  for (const auto& text : policy_texts) {
    if (text == "help") {
      fmt::print(out, "Policies (--policy NAME[:key=value...]):\n{}", policies.help());
      return 0;
    }
  }
  for (const auto& text : placement_texts) {
    if (text == "help") {
      fmt::print(out, "Placements (--placement NAME[:key=value...]):\n{}", placements.help());
      return 0;
    }
  }

  // Check every name and parameter before any simulation runs.
  struct Chosen {
    NamedParams named;
    ParamValues values;
  };
  std::vector<Chosen> chosen_policies, chosen_placements;
  for (const auto& text : policy_texts) {
    NamedParams named = parse_named_params(text, "--policy");
    ParamValues values = ParamValues::parse(policies.at(named.name).params, named.params,
                                            "policy " + named.name);
    chosen_policies.push_back({std::move(named), std::move(values)});
  }
  for (const auto& text : placement_texts) {
    NamedParams named = parse_named_params(text, "--placement");
    ParamValues values = ParamValues::parse(placements.at(named.name).params, named.params,
                                            "placement " + named.name);
    chosen_placements.push_back({std::move(named), std::move(values)});
  }

  // A trace may declare its machine's size, so read it first; a generator needs the machine.
  std::optional<Workload> workload;
  if (!options.trace.empty()) workload = load_workload(options, nullptr);
  const Machine machine = choose_machine(options, workload ? &*workload : nullptr);
  if (!workload) workload = load_workload(options, &machine.topology);
  for (const auto& warning : workload->warnings) spdlog::warn("{}: {}", workload->source, warning);
  spdlog::info("{}: {} jobs, {} rejected while reading; machine: {}, {} GPUs", workload->source,
               workload->jobs.size(), workload->rejected.size(), machine.description,
               machine.topology.total_gpus());

  const bool several = chosen_policies.size() * chosen_placements.size() > 1;
  std::vector<ComparisonRow> rows;
  for (const auto& policy_choice : chosen_policies) {
    for (const auto& placement_choice : chosen_placements) {
      const std::string name = combination_name(policy_choice.named, placement_choice.named);
      auto policy = policies.at(policy_choice.named.name).factory(policy_choice.values);
      auto placement =
          placements.at(placement_choice.named.name).factory(placement_choice.values, options.seed);
      ProgressDisplay progress(name, options.show_progress);
      SimulationOptions simulation_options;
      simulation_options.check_every_pass = options.check_every_pass;
      simulation_options.progress = [&](std::size_t done, std::size_t total) {
        progress.update(done, total);
      };
      const auto started = std::chrono::steady_clock::now();
      const SimulationResult result =
          simulate(machine.topology, *workload, *policy, *placement, simulation_options);
      const double wall_ms = std::chrono::duration<double, std::milli>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
      spdlog::info("{}: {} events, {} scheduling passes, {:.1f} ms", name, result.events,
                   result.passes, wall_ms);
      if (!options.out.empty()) {
        std::map<std::string, std::string> run_info = {
            {"policy", policy_choice.named.name},
            {"placement", placement_choice.named.name},
            {"workload", workload->source},
            {"machine", machine.description},
            {"seed", std::to_string(options.seed)},
            {"podsim", "0.1.0"}};
        for (const auto& [key, value] : policy_choice.values.all()) {
          run_info["policy." + key] = value;
        }
        for (const auto& [key, value] : placement_choice.values.all()) {
          run_info["placement." + key] = value;
        }
        const std::filesystem::path dir =
            several ? std::filesystem::path(options.out) / name : std::filesystem::path(options.out);
        write_results(dir, result, run_info);
      }
      rows.push_back({policy_choice.named.name, placement_choice.named.name, result.summary,
                      wall_ms});
    }
  }
  fmt::print(out, "workload: {} ({} records, {} jobs)\nmachine:  {} ({} GPUs)\n\n",
             workload->source, workload->record_count(), workload->jobs.size(),
             machine.description, machine.topology.total_gpus());
  out << format_comparison_table(rows);
  return 0;
}

}  // namespace podsim
