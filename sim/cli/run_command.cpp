#include "cli/run_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "cli/comparison_table.hpp"
#include "cli/embedded_config.hpp"
#include "cli/number_checks.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_display.hpp"
#include "cli/seconds_option.hpp"
#include "scenario/default_placement_choice.hpp"
#include "scenario/scenario_runner.hpp"
#include "topology/topology.hpp"
#include "workload/gpu_speeds.hpp"

namespace podsim {
namespace {

const std::vector<std::string> kDefaultPolicies = {"fcfs", "easy"};

// The plug-ins of --policy or --placement (`flag`). CLI11 splits the option at every comma, but
// a parameter's value may hold commas (las:thresholds_gpu_s=3600,7200), so a piece that names
// no entry continues the one before when that one has parameters. "all" is every entry, as in
// a scenario, and an entry given twice is an error (its runs would share one output folder).
template <typename Factory>
std::vector<PluginChoice> choose_plugins(const Registry<Factory>& registry,
                                         const std::vector<std::string>& pieces,
                                         const std::string& flag) {
  std::vector<std::string> texts;
  for (const std::string& piece : pieces) {
    const std::string name = piece.substr(0, piece.find(':'));
    const bool continues = !texts.empty() && texts.back().find(':') != std::string::npos &&
                           !registry.contains(name) && name != "all";
    if (continues) {
      texts.back() += "," + piece;
    } else if (name == "all" && piece == "all") {
      for (const std::string& entry : registry.names()) texts.push_back(entry);
    } else {
      texts.push_back(piece);
    }
  }
  std::vector<PluginChoice> chosen;
  for (const std::string& text : texts) {
    for (const PluginChoice& earlier : chosen) {
      if (earlier.text == text) {
        throw InputError("", 0, flag, fmt::format("'{}' is listed twice", text));
      }
    }
    chosen.push_back(choose_plugin(registry, text, flag));
  }
  return chosen;
}

// One progress line per simulation, cleared when it ends.
class ProgressObserver : public RunObserver {
 public:
  explicit ProgressObserver(bool enabled) : enabled_(enabled) {}
  void started(const std::string& label) override { display_.emplace(label, enabled_); }
  void progress(std::size_t done, std::size_t total) override {
    if (display_) display_->update(done, total);
  }
  void finished(const std::string&, const RunOutcome&) override { display_.reset(); }

 private:
  bool enabled_;
  std::optional<ProgressDisplay> display_;
};

// --flat, --topology, else the trace's declared size (SWF MaxProcs), else the embedded SuperPOD.
TopologyChoice machine_from_options(const RunOptions& options) {
  TopologyChoice machine;
  if (options.flat_units > 0) {
    machine.kind = TopologyChoice::Kind::kFlat;
    machine.flat_units = options.flat_units;
    machine.description = fmt::format("flat {}", options.flat_units);
  } else if (!options.topology_file.empty()) {
    machine.kind = TopologyChoice::Kind::kFile;
    machine.file = options.topology_file;
    machine.description = options.topology_file;
  } else if (!options.trace.empty()) {
    machine.kind = TopologyChoice::Kind::kTraceSize;
    machine.missing_key = "--flat/--topology";
    machine.missing_message =
        "the trace does not declare its machine size; give --flat N or --topology";
  } else {
    machine.kind = TopologyChoice::Kind::kText;
    machine.text = std::string(embedded_dgx_h100_superpod());
    machine.description = "dgx-h100-superpod (embedded)";
  }
  if (options.groups) {
    if (machine.kind != TopologyChoice::Kind::kFile &&
        machine.kind != TopologyChoice::Kind::kText) {
      throw InputError("", 0, "--groups",
                       "sizes a topology (its SUs or racks); a flat pool or a trace's declared "
                       "size has none: give --topology FILE, or --flat N for another size");
    }
    machine.groups = *options.groups;
    machine.description += fmt::format(" (groups={})", *options.groups);
  }
  return machine;
}

WorkloadChoice workload_from_options(const RunOptions& options) {
  WorkloadChoice workload;
  if (!options.trace.empty()) {
    workload.trace = options.trace;
    workload.format = options.format;
    workload.trace_options.units_per_gpu = options.units_per_gpu;
    workload.trace_options.load_factor = options.load_factor;
    if (!options.trace_gpu.empty()) {
      workload.trace_options.recorded_speed = recorded_gpu_speed(options.trace_gpu, "--trace-gpu");
    }
    if (!options.unknown_runtime.empty()) {
      workload.trace_options.unknown_runtime =
          seconds_option(options.unknown_runtime, "--unknown-runtime");
    }
    return workload;
  }
  workload.synthetic.profile = options.generator;
  // Neither --jobs nor --days: 30 days, as a scenario that names only the generator.
  workload.synthetic.jobs = options.jobs;
  workload.synthetic.duration_days = options.jobs == 0 && options.days == 0 ? 30 : options.days;
  workload.synthetic.load = options.load;
  return workload;
}

ModelSettings models_from_options(const RunOptions& options) {
  ModelSettings models;
  if (options.no_slowdown) {
    models.perf.reset();
  } else {
    if (!options.models_file.empty())
      models.perf->models = CommFractions::load(options.models_file);
    models.perf->contention = !options.no_contention;
    if (options.comm_fraction) {
      models.perf->default_comm_fraction = *options.comm_fraction;
      models.perf->models.set_default_fraction(*options.comm_fraction);
    }
  }
  FailureOptions& failures = models.failures;
  failures.node_mtbf_hours = options.mtbf_hours;
  failures.distribution =
      parse_failure_distribution(options.failure_distribution, "", 0, "--failure-distribution");
  failures.weibull_shape = options.weibull_shape;
  failures.mttr_hours = options.mttr_hours;
  failures.checkpoint_interval =
      seconds_option(options.checkpoint_interval, "--checkpoint-interval");
  failures.checkpoint_cost = seconds_option(options.checkpoint_cost, "--checkpoint-cost");
  failures.restart_cost = seconds_option(options.restart_cost, "--restart-cost");
  failures.max_restarts = options.max_restarts;
  failures.trace_file = options.failure_trace;
  models.site = options.site;
  return models;
}

// The options of the hardware models; they describe the scenario like the machine does.
void add_model_options(CLI::App& command, RunOptions& options,
                       std::vector<CLI::Option*>& describing) {
  const auto group = [&](CLI::Option* option) {
    option->group("Hardware models");
    describing.push_back(option);
    return option;
  };
  auto* no_slowdown = group(command.add_flag(
      "--no-slowdown", options.no_slowdown,
      "switch the performance model off: jobs run at their trace speed wherever they land"));
  const auto model_option = [&](CLI::Option* option) { group(option)->excludes(no_slowdown); };
  model_option(command.add_flag("--no-contention", options.no_contention,
                                "jobs crossing the same uplinks do not share their bandwidth"));
  model_option(command
                   .add_option("--comm-fraction", options.comm_fraction,
                               "communication share f of jobs with none of their own and an "
                               "unknown model (default 0.1)")
                   ->check(CLI::Range(0.0, 0.999)));
  model_option(command
                   .add_option("--models", options.models_file,
                               "model name -> f table (default: configs/models.yaml, built in)")
                   ->check(CLI::ExistingFile));
  group(command
            .add_option("--mtbf-hours", options.mtbf_hours,
                        "random node failures with this mean time between failures (per "
                        "node); Llama 3 saw ~6300 h for an 8-GPU node")
            ->check(non_negative_number()));
  group(command
            .add_option("--failure-distribution", options.failure_distribution,
                        "exponential or weibull")
            ->capture_default_str());
  group(command.add_option("--weibull-shape", options.weibull_shape, "Weibull shape k")
            ->check(positive_number())
            ->capture_default_str());
  group(command.add_option("--mttr-hours", options.mttr_hours, "repair time of a random failure")
            ->check(positive_number())
            ->capture_default_str());
  group(command
            .add_option("--checkpoint-interval", options.checkpoint_interval,
                        "seconds between a job's checkpoints; 0: never")
            ->capture_default_str());
  group(command
            .add_option("--checkpoint-cost", options.checkpoint_cost,
                        "seconds a job stops to write each checkpoint")
            ->capture_default_str());
  group(command
            .add_option("--restart-cost", options.restart_cost,
                        "seconds a job pays to reload after an eviction")
            ->capture_default_str());
  group(command.add_option("--pue", options.site.pue, "facility power / IT power, for energy")
            ->check(CLI::Range(1.0, 5.0))
            ->capture_default_str());
  group(command
            .add_option("--energy-price", options.site.energy_usd_per_kwh,
                        "energy price, USD per kWh")
            ->check(CLI::Range(0.0, 10.0))
            ->capture_default_str());
  group(command
            .add_option("--depreciation-years", options.site.depreciation_years,
                        "node prices (topology price_usd) are spread over this many years")
            ->check(CLI::Range(0.001, 50.0))
            ->capture_default_str());
  group(command
            .add_option("--max-restarts", options.max_restarts,
                        "evictions a job survives; the next kills it (reason max_restarts)")
            ->check(non_negative_number())
            ->capture_default_str());
  group(command
            .add_option("--failure-trace", options.failure_trace,
                        "explicit failures, CSV time_s,component,duration_s")
            ->check(CLI::ExistingFile));
}

// Which jobs the summary counts (window_setting.hpp).
void add_window_options(CLI::App& command, RunOptions& options,
                        std::vector<CLI::Option*>& describing) {
  auto* whole = command.add_flag("--whole-run", options.whole_run,
                                 "count every job, utilisation from first submit to last end "
                                 "(the default for traces)");
  auto* warmup = command.add_option(
      "--warmup", options.warmup,
      "measurement window: warm-up cut from the start of the arrivals: auto (MSER-5, the "
      "default for synthetic workloads), N% of the arrival span, or a time (3600, 12h, 2d)");
  auto* cooldown = command.add_option(
      "--cooldown", options.cooldown,
      "measurement window: cool-down cut from the end of the arrivals: N% or a time");
  for (CLI::Option* option : {whole, warmup, cooldown}) {
    option->group("Measurement window");
    describing.push_back(option);
  }
  whole->excludes(warmup)->excludes(cooldown);
}

}  // namespace

void add_scenario_options(CLI::App& command, RunOptions& options) {
  auto* scenario = command.add_option(
      "scenario", options.scenario,
      "a scenario YAML file (see scenarios/); the options up to --seed describe one instead");
  auto* topology = command.add_option("--topology", options.topology_file, "topology YAML file");
  auto* flat = command
                   .add_option("--flat", options.flat_units,
                               "a flat pool of N GPUs/units instead of a topology")
                   ->check(CLI::Range(1, kMaxMachineGpus));
  topology->excludes(flat);
  // With a scenario as well as without: the machine's size and any scenario key.
  command
      .add_option("--groups", options.groups,
                  "first-level groups of the topology (SUs of a SuperPOD, racks of GB200 NVL72): "
                  "fewer keep the first N, more copy the first (topology.overrides.groups)")
      ->check(CLI::Range(1, 100000))
      ->excludes(flat);
  command
      .add_option("--set", options.sets,
                  "KEY=VALUE: set a scenario key by its dotted path (workload.load=1.5, "
                  "site.pue=1.2, topology.overrides.oversubscription=2); repeatable")
      ->needs(scenario);
  std::vector<CLI::Option*> describing = {topology, flat};
  auto* trace = command.add_option("--trace", options.trace,
                                   "trace file (SWF, .swf.gz, native CSV, Philly, Alibaba PAI, "
                                   "Gavel, Helios, Sia; see --format)");
  describing.push_back(trace);
  describing.push_back(
      command.add_option("--format", options.format,
                         "trace format NAME[:key=value...] (swf, csv, philly, alibaba, gavel, "
                         "helios, sia; default: from the file name and header)"));
  // The options of one kind of workload: given with the other kind, they would be ignored.
  const std::vector<CLI::Option*> trace_only = {
      command
          .add_option("--units-per-gpu", options.units_per_gpu,
                      "trace resource units per GPU (SWF processors)")
          ->check(positive_number()),
      command.add_option("--unknown-runtime", options.unknown_runtime,
                         "run trace records with unknown runtime (SWF field 4 = -1) for this many "
                         "seconds instead of rejecting them (pyss uses 1)"),
      command
          .add_option("--load-factor", options.load_factor,
                      "trace: compress arrivals by this factor, multiplying the offered load (2: "
                      "twice as busy)")
          ->check(positive_number()),
      command.add_option("--trace-gpu", options.trace_gpu,
                         "trace: the GPU it was recorded on (V100, A100, H100, B200, or a speed "
                         "relative to H100): runtimes are restated at H100 speed, then run at "
                         "the machine's (docs/gpu-speeds.md)")};
  const std::vector<CLI::Option*> synthetic_only = {
      command
          .add_option("--generator", options.generator,
                      "synthetic workload profile: philly or helios")
          ->capture_default_str(),
      command
          .add_option("--jobs", options.jobs,
                      "synthetic workload: number of jobs (default: 30 days of arrivals)")
          ->check(positive_number()),
      command
          .add_option("--days", options.days,
                      "synthetic workload: arrivals for this many days instead of --jobs (the "
                      "count follows from the load)")
          ->check(positive_number()),
      command
          .add_option("--load", options.load,
                      "synthetic workload: offered load: GPU-time demanded per unit time / the "
                      "machine's capacity at its GPUs' speeds (>= 1: overloaded; default 0.9)")
          ->check(positive_number())};
  for (CLI::Option* option : trace_only) {
    option->needs(trace);
    describing.push_back(option);
  }
  for (CLI::Option* option : synthetic_only) {
    option->excludes(trace);
    describing.push_back(option);
  }
  synthetic_only[1]->excludes(synthetic_only[2]);  // --jobs or --days
  describing.push_back(
      command
          .add_option("--policy", options.policies,
                      "policy NAME[:key=value...]; repeat or comma-separate to compare; 'all' runs "
                      "every one; 'help' lists")
          ->delimiter(','));
  describing.push_back(
      command
          .add_option("--placement", options.placements,
                      "placement NAME[:key=value...]; repeat or comma-separate; 'all' runs every "
                      "one; 'help' lists; default: first-fit on a flat pool, topology on a "
                      "topology, topology:max_level=LEVEL when its first level is an NVLink "
                      "domain (GB200 NVL72 racks)")
          ->delimiter(','));
  describing.push_back(
      command
          .add_option("--seed", options.seed, "seed of the synthetic workload and random choices")
          ->check(non_negative_number()));
  add_model_options(command, options, describing);
  add_window_options(command, options, describing);
  for (CLI::Option* option : describing) option->excludes(scenario);
  command.add_flag("--check-every-pass", options.check_every_pass,
                   "recount all GPUs after every scheduling pass (slow; for debugging)");
}

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand(
      "run",
      "Replay a trace (or a synthetic workload) under policies and placements, from a "
      "scenario file or options. With neither: a seeded synthetic GPU workload on the "
      "embedded DGX H100 SuperPOD, fcfs vs easy.");
  add_scenario_options(*run, options);
  run->add_option("--out", options.out,
                  "write jobs.csv, summary.json, timeseries.csv here (one sub-folder per "
                  "policy-placement when comparing several, per seed when several)");
  return run;
}

bool print_plugin_help(const RunOptions& options, const Plugins& plugins, std::ostream& out) {
  if (options.format == "help") {
    fmt::print(out, "Trace formats (--format NAME[:key=value...]):\n{}", plugins.traces.help());
    return true;
  }
  for (const auto& text : options.policies) {
    if (text == "help") {
      fmt::print(out, "Policies (--policy NAME[:key=value...]):\n{}", plugins.policies.help());
      return true;
    }
  }
  for (const auto& text : options.placements) {
    if (text == "help") {
      fmt::print(out, "Placements (--placement NAME[:key=value...]):\n{}",
                 plugins.placements.help());
      return true;
    }
  }
  return false;
}

Scenario scenario_from_options(const RunOptions& options, const Plugins& plugins) {
  if (!options.scenario.empty()) {
    std::vector<KeySetting> settings = parse_key_settings(options.sets, "--set");
    if (options.groups) {  // first, so that a --set of the same key has the last word
      settings.insert(settings.begin(),
                      {"topology.overrides.groups", std::to_string(*options.groups)});
    }
    return with_keys_set(load_scenario(options.scenario, plugins), settings, plugins);
  }
  // Check every name and parameter before anything is read or run.
  Scenario scenario;
  scenario.name = "command line";
  scenario.policies = choose_plugins(
      plugins.policies, options.policies.empty() ? kDefaultPolicies : options.policies, "--policy");
  if (!options.placements.empty()) {
    scenario.placements = choose_plugins(plugins.placements, options.placements, "--placement");
  }
  scenario.topology = machine_from_options(options);
  // None given: what a site would configure on this machine (default_placement.hpp).
  if (scenario.placements.empty()) {
    scenario.placements = {default_placement_choice(scenario.topology, plugins, "--placement")};
  }
  scenario.workload = workload_from_options(options);
  scenario.seeds = {options.seed};
  scenario.models = models_from_options(options);
  scenario.window =
      window_from_flags(options.whole_run, options.warmup, options.cooldown, options.trace.empty());
  return scenario;
}

int run_command(const RunOptions& options, std::ostream& out) {
  const Plugins plugins = make_plugins();
  if (print_plugin_help(options, plugins, out)) return 0;
  Scenario scenario = scenario_from_options(options, plugins);
  if (!options.out.empty()) scenario.output_dir = options.out;
  if (!scenario.output_dir.empty()) {
    prepare_output_dir(scenario.output_dir, options.out.empty() ? "output" : "--out");
  }

  if (!scenario.sweep.empty()) {
    spdlog::warn("{}: the sweep: block is ignored here; `podsim sweep` runs the grid",
                 scenario.file);
  }
  const PreparedScenario prepared(scenario, plugins);
  ProgressObserver observer(options.show_progress);
  RunSettings settings;
  settings.check_every_pass = options.check_every_pass;
  settings.output_dir = scenario.output_dir;
  settings.observer = &observer;
  const bool several_seeds = scenario.seeds.size() > 1;
  for (std::size_t s = 0; s < scenario.seeds.size(); ++s) {
    const SeedRun run = run_seed(prepared, scenario.seeds[s], settings);
    // A trace is the same for every seed: its warnings once.
    if (s == 0 || scenario.workload.trace.empty()) {
      for (const auto& warning : run.workload_warnings) {
        spdlog::warn("{}: {}", run.workload_source, warning);
      }
    }
    spdlog::info("{}: {} jobs, {} rejected while reading; machine: {}, {} GPUs",
                 run.workload_source, run.jobs, run.records - run.jobs,
                 prepared.machine_description(), prepared.topology().total_gpus());
    std::vector<ComparisonRow> rows;
    for (const RunOutcome& outcome : run.outcomes) {
      rows.push_back({scenario.policies[outcome.policy].text,
                      scenario.placements[outcome.placement].text, outcome.summary,
                      outcome.wall_ms});
    }
    if (s > 0) out << '\n';
    if (several_seeds) fmt::print(out, "seed:     {}\n", run.seed);
    fmt::print(out, "workload: {} ({} records, {} jobs)\nmachine:  {} ({} GPUs)\n\n",
               run.workload_source, run.records, run.jobs, prepared.machine_description(),
               prepared.topology().total_gpus());
    out << format_comparison_table(rows) << '\n' << format_window_notes(rows);
  }
  return 0;
}

}  // namespace podsim
