#include "scenario/scenario_runner.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "common/input_error.hpp"
#include "metrics/result_files.hpp"
#include "scenario/schedule_hash.hpp"
#include "scenario/topology_overrides.hpp"
#include "simulation/simulation.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim {
namespace {

// Generator errors do not know the scenario file; give them the workload's place.
template <typename F>
auto at_workload(const WorkloadChoice& workload, F&& body) {
  try {
    return body();
  } catch (const InputError& error) {
    if (!error.file().empty() || workload.file.empty()) throw;
    throw InputError(workload.file, workload.line, "workload", error.what());
  }
}

// The hardware models of a run, under the keys of a scenario's performance: and failures:, so
// that a summary.json says which runs had failures or the performance model on.
void describe_models(const ModelSettings& models, std::map<std::string, std::string>& run_info) {
  if (models.perf) {
    run_info["performance.contention"] = models.perf->contention ? "true" : "false";
    run_info["performance.default_comm_fraction"] =
        fmt::format("{}", models.perf->default_comm_fraction);
  } else {
    run_info["performance.enabled"] = "false";
  }
  run_info["site.pue"] = fmt::format("{}", models.site.pue);
  run_info["site.energy_usd_per_kwh"] = fmt::format("{}", models.site.energy_usd_per_kwh);
  run_info["site.depreciation_years"] = fmt::format("{}", models.site.depreciation_years);
  const FailureOptions& failures = models.failures;
  if (!failures.any()) {
    run_info["failures"] = "none";
    return;
  }
  run_info["failures.node_mtbf_hours"] = fmt::format("{}", failures.node_mtbf_hours);
  if (failures.node_mtbf_hours > 0) {
    const bool weibull = failures.distribution == FailureDistribution::kWeibull;
    run_info["failures.distribution"] = weibull ? "weibull" : "exponential";
    if (weibull) run_info["failures.weibull_shape"] = fmt::format("{}", failures.weibull_shape);
    run_info["failures.mttr_hours"] = fmt::format("{}", failures.mttr_hours);
  }
  run_info["failures.checkpoint_interval_s"] = format_seconds(failures.checkpoint_interval);
  run_info["failures.checkpoint_cost_s"] = format_seconds(failures.checkpoint_cost);
  run_info["failures.restart_cost_s"] = format_seconds(failures.restart_cost);
  run_info["failures.max_restarts"] = std::to_string(failures.max_restarts);
  if (!failures.trace_file.empty()) run_info["failures.trace"] = failures.trace_file;
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

PreparedScenario::PreparedScenario(const Scenario& scenario, const Plugins& plugins)
    : scenario_(&scenario), plugins_(&plugins) {
  const WorkloadChoice& workload = scenario.workload;
  if (!workload.trace.empty()) {
    try {
      trace_ = std::make_shared<const Workload>(
          read_trace(plugins.traces, workload.trace, workload.format, workload.trace_options));
    } catch (const InputError& error) {
      // A trace that cannot be read at all (missing, unreadable): name the scenario line that
      // asked for it too. Errors at a line of the trace stand as they are.
      if (error.line() != 0 || error.file() != workload.trace || workload.file.empty()) throw;
      throw InputError(workload.file, workload.line, "workload.trace",
                       fmt::format("{}: {}", workload.trace, error.message()));
    }
    // Every format reaches a simulation through here. An empty trace would "run" with
    // placeholder metrics (fairness and goodput 1), and without --flat an empty SWF would be
    // blamed for its missing machine size; `trace stats` still reports 0 records.
    if (trace_->record_count() == 0) {
      throw InputError(workload.trace, 0, "", "the trace holds no job records");
    }
  }
  const TopologyChoice& machine = scenario.topology;
  const TopologyOverrides overrides{machine.groups, machine.oversubscription};
  switch (machine.kind) {
    case TopologyChoice::Kind::kFlat:
      topology_ = Topology::flat(machine.flat_units);
      machine_description_ = machine.description;
      break;
    case TopologyChoice::Kind::kFile:
      topology_ = apply_topology_overrides(load_topology(machine.file), overrides, machine.file);
      machine_description_ = machine.description;
      break;
    case TopologyChoice::Kind::kText:
      topology_ = apply_topology_overrides(parse_topology(machine.text, machine.description),
                                           overrides, machine.description);
      machine_description_ = machine.description;
      break;
    case TopologyChoice::Kind::kTraceSize: {
      if (!trace_ || !trace_->machine_units) {
        throw InputError(workload.trace, 0, machine.missing_key, machine.missing_message);
      }
      const std::int64_t units_per_gpu = workload.trace_options.units_per_gpu;
      const std::int64_t declared = (*trace_->machine_units + units_per_gpu - 1) / units_per_gpu;
      if (declared > kMaxMachineGpus) {
        throw InputError(workload.trace, 0, machine.missing_key,
                         fmt::format("the trace declares a machine of {} GPUs, more than the {} "
                                     "a flat pool may hold",
                                     declared, kMaxMachineGpus));
      }
      const auto gpus = static_cast<int>(declared);
      spdlog::info("no machine given: using the trace's machine size, flat {}", gpus);
      topology_ = Topology::flat(gpus);
      machine_description_ = fmt::format("flat {} (from the trace header)", gpus);
      break;
    }
  }
}

std::shared_ptr<const Workload> PreparedScenario::workload(std::uint64_t seed) const {
  if (trace_) return trace_;
  const WorkloadChoice& choice = scenario_->workload;
  SyntheticOptions options = choice.synthetic;
  // The load is relative to the machine's capacity at its GPUs' speeds, or to a fixed reference
  // of speed-1 GPUs (capacity planning keeps the workload while the machine changes).
  options.cluster_gpus = choice.reference_gpus > 0 ? choice.reference_gpus : topology_.total_gpus();
  options.capacity_gpus =
      choice.reference_gpus > 0 ? choice.reference_gpus : topology_.capacity_gpus();
  options.seed = seed;
  return at_workload(choice,
                     [&] { return std::make_shared<const Workload>(generate_synthetic(options)); });
}

std::string combination_label(const Scenario& scenario, std::size_t policy, std::size_t placement) {
  return scenario.policies[policy].text + "-" + scenario.placements[placement].text;
}

std::size_t combination_index(const Scenario& scenario, std::size_t policy, std::size_t placement) {
  return policy * scenario.placements.size() + placement;
}

const RunOutcome& outcome_of(const SeedRun& run, const Scenario& scenario, std::size_t policy,
                             std::size_t placement) {
  const std::size_t index = combination_index(scenario, policy, placement);
  if (index >= run.outcomes.size() || run.outcomes[index].policy != policy ||
      run.outcomes[index].placement != placement) {
    throw std::logic_error(fmt::format("seed {}: no outcome of policy {} x placement {}", run.seed,
                                       policy, placement));
  }
  return run.outcomes[index];
}

SeedRun run_seed(const PreparedScenario& prepared, std::uint64_t seed,
                 const RunSettings& settings) {
  const Scenario& scenario = prepared.scenario();
  const Plugins& plugins = prepared.plugins();
  const std::shared_ptr<const Workload> workload = prepared.workload(seed);
  SeedRun run;
  run.seed = seed;
  run.workload_source = workload->source;
  run.records = workload->record_count();
  run.jobs = workload->jobs.size();
  run.workload_warnings = workload->warnings;

  const bool several_seeds = scenario.seeds.size() > 1;
  const bool several = scenario.policies.size() * scenario.placements.size() > 1;
  for (std::size_t p = 0; p < scenario.policies.size(); ++p) {
    for (std::size_t q = 0; q < scenario.placements.size(); ++q) {
      const PluginChoice& policy_choice = scenario.policies[p];
      const PluginChoice& placement_choice = scenario.placements[q];
      const std::string label = combination_label(scenario, p, q);
      auto policy = plugins.policies.at(policy_choice.named.name).factory(policy_choice.values);
      auto placement =
          plugins.placements.at(placement_choice.named.name).factory(placement_choice.values, seed);
      SimulationOptions options;
      options.check_every_pass = settings.check_every_pass;
      options.perf = scenario.models.perf;
      options.failures = scenario.models.failures;
      options.failures.seed = seed;
      options.site = scenario.models.site;
      options.window = window_or_default(scenario.window, scenario.workload.trace.empty());
      if (settings.observer != nullptr) {
        settings.observer->started(label);
        options.progress = [&](std::size_t done, std::size_t total) {
          settings.observer->progress(done, total);
        };
      }
      const auto started = std::chrono::steady_clock::now();
      const SimulationResult result =
          simulate(prepared.topology(), *workload, *policy, *placement, options);
      RunOutcome outcome;
      outcome.policy = p;
      outcome.placement = q;
      outcome.summary = result.summary;
      outcome.schedule_hash = schedule_hash(result.records);
      outcome.events = result.events;
      outcome.passes = result.passes;
      outcome.wall_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      spdlog::info("{} seed {}: {} events, {} scheduling passes, {:.1f} ms", label, seed,
                   result.events, result.passes, outcome.wall_ms);
      if (!settings.output_dir.empty()) {
        std::map<std::string, std::string> run_info = {
            {"policy", policy_choice.named.name}, {"placement", placement_choice.named.name},
            {"workload", workload->source},       {"machine", prepared.machine_description()},
            {"seed", std::to_string(seed)},       {"podsim", "0.1.0"}};
        if (!scenario.file.empty()) run_info["scenario"] = scenario.name;
        for (const auto& [key, value] : policy_choice.values.all())
          run_info["policy." + key] = value;
        for (const auto& [key, value] : placement_choice.values.all()) {
          run_info["placement." + key] = value;
        }
        describe_models(scenario.models, run_info);
        run_info["window"] = options.window.text();
        std::filesystem::path dir(settings.output_dir);
        if (several_seeds) dir /= fmt::format("seed-{}", seed);
        if (several) {
          dir /= folder_label(policy_choice.text) + "-" + folder_label(placement_choice.text);
        }
        write_results(dir, result, run_info);
      }
      if (settings.observer != nullptr) settings.observer->finished(label, outcome);
      run.outcomes.push_back(std::move(outcome));
    }
  }
  return run;
}

}  // namespace podsim
