#include "cli/plan_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>
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
#include "scenario/plan.hpp"

namespace podsim {
namespace {

std::string last_component(const std::string& key) {
  return key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
}

// The metrics a plan table shows: the targets, then the scenario's metrics: not among them.
std::vector<std::size_t> extra_metrics(const Scenario& scenario) {
  std::vector<std::size_t> extra;
  for (std::size_t m : scenario.metrics) {
    const bool target = std::any_of(scenario.plan->targets.begin(), scenario.plan->targets.end(),
                                    [&](const MetricBound& b) { return b.metric == m; });
    if (!target) extra.push_back(m);
  }
  return extra;
}

std::string format_plan_table(const Scenario& scenario, const PlanResult& result) {
  const auto metrics = summary_metrics();
  const PlanSpec& plan = *scenario.plan;
  const std::size_t gpus = *find_summary_metric("total_gpus");
  std::vector<std::vector<std::string>> grid;
  std::vector<std::string> header = {"load", "policy", "placement", last_component(plan.scale),
                                     "GPUs"};
  for (const MetricBound& target : plan.targets) {
    const std::string name(metrics[target.metric].name);
    header.push_back(name);
    header.push_back(name + " one fewer");
    header.push_back(name + " 2x long");
  }
  const std::vector<std::size_t> extra = extra_metrics(scenario);
  for (std::size_t m : extra) header.emplace_back(metrics[m].name);
  std::vector<bool> left(header.size(), false);
  left[1] = left[2] = true;
  grid.push_back(header);
  const auto cell = [&](const std::optional<ResultRow>& row, std::size_t metric) {
    return row ? format_mean_interval(row->metrics[metric], metrics[metric].decimals)
               : std::string("-");
  };
  for (const PlanAnswer& answer : result.answers) {
    std::vector<std::string> cells = {
        answer.load.empty() ? "-" : answer.load, answer.policy, answer.placement,
        answer.size.value_or("none"),
        answer.size ? fmt::format("{:.0f}", answer.at.metrics[gpus].mean) : "-"};
    for (const MetricBound& target : plan.targets) {
      cells.push_back(answer.size ? cell(answer.at, target.metric) : "-");
      cells.push_back(cell(answer.below, target.metric));
      cells.push_back(cell(answer.doubled, target.metric));
    }
    for (std::size_t m : extra) cells.push_back(answer.size ? cell(answer.at, m) : "-");
    grid.push_back(std::move(cells));
  }
  std::string text = format_aligned(grid, left);
  for (const PlanAnswer& answer : result.answers) {
    if (answer.note.empty()) continue;
    text += fmt::format("note: load {} {} {}: {}\n", answer.load.empty() ? "-" : answer.load,
                        answer.policy, answer.placement, answer.note);
  }
  return text;
}

nlohmann::ordered_json row_json(const std::optional<ResultRow>& row) {
  if (!row) return nullptr;
  return metrics_json(row->metrics);
}

void write_plan_json(const Scenario& scenario, const PlanResult& result, std::ostream& out) {
  nlohmann::ordered_json json;
  json["scenario"] = scenario.name;
  json["scale"] = scenario.plan->scale;
  json["sizes"] = scenario.plan->sizes;
  json["simulations"] = result.simulations;
  json["answers"] = nlohmann::ordered_json::array();
  for (const PlanAnswer& answer : result.answers) {
    nlohmann::ordered_json item;
    item["load"] = answer.load;
    item["policy"] = answer.policy;
    item["placement"] = answer.placement;
    item["size"] = answer.size ? nlohmann::ordered_json(*answer.size) : nullptr;
    item["note"] = answer.note;
    item["at"] = row_json(answer.size ? std::optional<ResultRow>(answer.at) : std::nullopt);
    item["one_fewer"] = row_json(answer.below);
    item["twice_as_long"] = row_json(answer.doubled);
    json["answers"].push_back(item);
  }
  out << json.dump(2) << '\n';
}

void write_plan_csv(const Scenario& scenario, const PlanResult& result, std::ostream& out) {
  const auto metrics = summary_metrics();
  out << "load,policy,placement,size";
  for (const auto& metric : metrics) out << ',' << metric.name;
  for (const MetricBound& target : scenario.plan->targets) {
    out << ',' << metrics[target.metric].name << "_one_fewer," << metrics[target.metric].name
        << "_twice_as_long";
  }
  out << ",note\n";
  const auto mean = [](const std::optional<ResultRow>& row, std::size_t m) {
    return row ? fmt::format("{}", row->metrics[m].mean) : std::string();
  };
  for (const PlanAnswer& answer : result.answers) {
    out << csv_field(answer.load) << ',' << csv_field(answer.policy) << ','
        << csv_field(answer.placement) << ',' << answer.size.value_or("");
    const std::optional<ResultRow> at =
        answer.size ? std::optional<ResultRow>(answer.at) : std::nullopt;
    for (std::size_t m = 0; m < metrics.size(); ++m) out << ',' << mean(at, m);
    for (const MetricBound& target : scenario.plan->targets) {
      out << ',' << mean(answer.below, target.metric) << ',' << mean(answer.doubled, target.metric);
    }
    out << ',' << csv_field(answer.note) << '\n';
  }
}

int run(const SweepOptions& options, const MpiWorld& world, std::ostream& out) {
  const Plugins plugins = make_plugins();
  Scenario scenario = with_keys_set(load_scenario(options.scenario, plugins),
                                    parse_key_settings(options.sets, "--set"), plugins);
  if (!scenario.plan) {
    throw InputError(scenario.file, 0, "plan",
                     "the scenario has no plan: block (scale, sizes, loads, targets; see "
                     "sim/scenario/plan_spec.hpp)");
  }
  if (!options.metrics.empty()) scenario.metrics = parse_metric_flags(options.metrics, "--metrics");
  if (world.root() && !options.csv.empty()) prepare_output_file(options.csv, "--csv");
  if (world.root() && !options.json.empty()) prepare_output_file(options.json, "--json");
  SweepSettings settings;
  settings.world = &world;
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  settings.threads = options.threads > 0 ? options.threads : std::max(1, cores / world.size());
  std::optional<ProgressDisplay> progress;
  if (world.root()) {
    progress.emplace("plan", options.show_progress);
    settings.progress = [&](std::size_t done, std::size_t total) { progress->update(done, total); };
  }
  const PlanResult result = run_plan(scenario, plugins, settings);
  progress.reset();
  if (!result.root) return 0;

  const PlanSpec& plan = *scenario.plan;
  std::vector<std::string> targets;
  for (const MetricBound& target : plan.targets) {
    targets.push_back(fmt::format("{} {}", summary_metrics()[target.metric].name, target.text()));
  }
  fmt::print(
      out,
      "scenario: {}\nplan:     smallest {} of [{}] with {}, for each load of [{}]\n"
      "stable:   offered load < 1 and no growing queue in every seed{}\nseeds:    {} (mean ± 95% "
      "confidence interval over seeds)\n"
      "simulations: {}\n\n",
      scenario.name, plan.scale, fmt::join(plan.sizes, ", "), fmt::join(targets, " and "),
      plan.loads.empty() ? "the workload's own" : fmt::format("{}", fmt::join(plan.loads, ", ")),
      plan.doubled_check ? "; the answer again twice as long" : "", fmt::join(scenario.seeds, ", "),
      result.simulations);
  out << format_plan_table(scenario, result);
  if (!options.csv.empty()) {
    write_file_atomically(options.csv,
                          [&](std::ostream& file) { write_plan_csv(scenario, result, file); });
  }
  if (!options.json.empty()) {
    write_file_atomically(options.json,
                          [&](std::ostream& file) { write_plan_json(scenario, result, file); });
  }
  return 0;
}

}  // namespace

CLI::App* add_plan_command(CLI::App& app, SweepOptions& options) {
  CLI::App* plan = app.add_subcommand(
      "plan",
      "Find the smallest machine that meets a scenario's plan: targets at each load, per "
      "policy and placement, with stable answers (threads; MPI ranks under mpirun)");
  plan->add_option("scenario", options.scenario, "scenario YAML file with a plan: block")
      ->required();
  plan->add_option("-j,--threads", options.threads,
                   "threads per process (default: cores / MPI ranks)")
      ->check(positive_number());
  plan->add_option("--csv", options.csv, "also write the answers as CSV (every metric)");
  plan->add_option("--json", options.json, "also write the answers as JSON (every metric)");
  plan->add_option("--metrics", options.metrics, "extra columns at each answer, comma-separated")
      ->delimiter(',');
  plan->add_option("--set", options.sets,
                   "KEY=VALUE: set a scenario key by its dotted path (workload.duration_days=30, "
                   "site.pue=1.2); repeatable");
  return plan;
}

int plan_command(const SweepOptions& options, std::ostream& out) {
  return run_on_mpi_world([&](const MpiWorld& world) { return run(options, world, out); });
}

}  // namespace podsim
