#include "scenario/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <utility>

#include "common/input_error.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/scenario_runner.hpp"

namespace podsim {
namespace {

using Axis = std::pair<std::string, std::vector<std::string>>;

// The scenario with a sweep over `axes` appended to its text, so every point is checked as a
// hand-written sweep is (expand_sweep). The scenario's own lines keep their numbers.
Scenario grid_of(const Scenario& scenario, const Plugins& plugins, const std::vector<Axis>& axes) {
  std::string text = scenario.text;
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += "sweep:\n";
  for (const auto& [key, values] : axes) {
    text += fmt::format("  {}: [{}]\n", key, fmt::join(values, ", "));
  }
  return with_keys_set(parse_scenario(text, scenario.file, plugins), scenario.key_settings,
                       plugins);
}

// The key and value that make a generator's run twice as long; none for a trace.
std::optional<std::pair<std::string, std::string>> doubled_length(const Scenario& scenario) {
  if (!scenario.workload.trace.empty()) return std::nullopt;
  const SyntheticOptions& synthetic = scenario.workload.synthetic;
  if (synthetic.duration_days > 0) {
    return std::make_pair("workload.duration_days", fmt::format("{}", 2 * synthetic.duration_days));
  }
  return std::make_pair("workload.jobs", fmt::format("{}", 2 * synthetic.jobs));
}

// Where a decision stands for one load x policy x placement.
struct Search {
  std::vector<bool> passes;              // per size, from the first sweep
  std::optional<std::size_t> candidate;  // size index whose doubled run is awaited
  std::optional<std::size_t> answer;     // settled
  std::optional<ResultRow> doubled;      // of the answer
  std::string note;
  bool done = false;
};

// Requests of one round of doubled runs: per load index, the size indices to run.
using Requests = std::map<std::size_t, std::vector<std::size_t>>;

std::string encode(const Requests& requests) {
  std::ostringstream out;
  for (const auto& [load, sizes] : requests) {
    out << load;
    for (std::size_t size : sizes) out << ' ' << size;
    out << '\n';
  }
  return out.str();
}

Requests decode(const std::string& text) {
  Requests requests;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::size_t load = 0, size = 0;
    fields >> load;
    auto& sizes = requests[load];
    while (fields >> size) sizes.push_back(size);
  }
  return requests;
}

}  // namespace

std::string plan_failure(const PlanSpec& plan, const ResultRow& row) {
  std::vector<std::string> reasons;
  const auto metrics = summary_metrics();
  for (const MetricBound& target : plan.targets) {
    const double value = row.metrics[target.metric].mean;
    if (!target.holds(value)) {
      reasons.push_back(fmt::format("{} {:.{}f}, not {}", metrics[target.metric].name, value,
                                    metrics[target.metric].decimals, target.text()));
    }
  }
  // Overload and growth disqualify a size. A run too short for the workload is a property of
  // the run length, not of the size (it flips with the warm-up MSER-5 cuts in one seed): the
  // doubled check answers it, and the table notes it (plan_notes).
  for (const char* name : {"overload", "growing_queue"}) {
    const MeanInterval& value = row.metrics[*find_summary_metric(name)];
    if (value.mean > 0) {
      reasons.push_back(fmt::format("{} in {} of {} seeds", name,
                                    std::lround(value.mean * static_cast<double>(value.n)),
                                    value.n));
    }
  }
  return fmt::format("{}", fmt::join(reasons, "; "));
}

PlanResult run_plan(const Scenario& scenario, const Plugins& plugins,
                    const SweepSettings& settings) {
  if (!scenario.plan) {
    throw InputError(scenario.file, 0, "plan", "the scenario has no plan: block");
  }
  if (!scenario.sweep.empty()) {
    throw InputError(scenario.file, scenario.sweep.front().line, "sweep",
                     "a scenario with plan: has no sweep: (the plan makes its own grid)");
  }
  const PlanSpec& plan = *scenario.plan;
  const bool root = settings.world == nullptr || settings.world->root();
  const std::string load_key =
      scenario.workload.trace.empty() ? "workload.load" : "workload.load_factor";
  const std::vector<std::string> loads =
      plan.loads.empty() ? std::vector<std::string>{""} : plan.loads;
  const auto load_axis = [&](std::size_t load) {
    return plan.loads.empty() ? std::vector<Axis>{} : std::vector<Axis>{{load_key, {loads[load]}}};
  };
  const std::size_t combinations = scenario.policies.size() * scenario.placements.size();

  // 1. Every size x load x combination, one sweep per load over the sizes that can carry it:
  // a generator's nominal offered load at a size (load x the reference capacity / the size's
  // capacity) of 1 or more fails without a run (such runs are the slowest, their queues grow).
  PlanResult result;
  result.root = root;
  const auto nominal_load = [&](std::size_t size, std::size_t load) -> std::optional<double> {
    if (!scenario.workload.trace.empty()) return std::nullopt;
    std::vector<Axis> point = {{plan.scale, {plan.sizes[size]}}};
    for (const Axis& axis : load_axis(load)) point.push_back(axis);
    const Scenario one = expand_sweep(grid_of(scenario, plugins, point), plugins).front().scenario;
    const double capacity = PreparedScenario(one, plugins).topology().capacity_gpus();
    const double reference =
        one.workload.reference_gpus > 0 ? one.workload.reference_gpus : capacity;
    return one.workload.synthetic.load * reference / capacity;
  };
  // grid[(size * loads + load) * combinations + c]: none where the size was not run.
  std::vector<std::optional<ResultRow>> grid(plan.sizes.size() * loads.size() * combinations);
  std::vector<std::string> skipped(plan.sizes.size() * loads.size());
  for (std::size_t l = 0; l < loads.size(); ++l) {
    std::vector<std::size_t> run;
    for (std::size_t s = 0; s < plan.sizes.size(); ++s) {
      const std::optional<double> nominal = nominal_load(s, l);
      if (nominal && *nominal >= plan.max_nominal_load) {
        skipped[s * loads.size() + l] =
            *nominal >= 1.0 ? fmt::format("offered load {:.3f} >= 1, not run", *nominal)
                            : fmt::format("offered load {:.3f} >= max_nominal_load {}, not run",
                                          *nominal, plan.max_nominal_load);
      } else {
        run.push_back(s);
      }
    }
    if (run.empty()) continue;
    std::vector<std::string> values;
    for (std::size_t s : run) values.push_back(plan.sizes[s]);
    std::vector<Axis> axes = {{plan.scale, values}};
    for (const Axis& axis : load_axis(l)) axes.push_back(axis);
    const SweepResult sweep = run_sweep(grid_of(scenario, plugins, axes), plugins, settings);
    if (!root) continue;
    result.simulations += sweep.simulations;
    for (std::size_t k = 0; k < run.size(); ++k) {
      for (std::size_t c = 0; c < combinations; ++c) {
        grid[(run[k] * loads.size() + l) * combinations + c] =
            sweep.table.rows[k * combinations + c];
      }
    }
  }
  const auto grid_row = [&](std::size_t size, std::size_t load, std::size_t c) {
    return grid[(size * loads.size() + load) * combinations + c];
  };
  const auto failure_at = [&](std::size_t size, std::size_t load, std::size_t c) {
    const std::optional<ResultRow> row = grid_row(size, load, c);
    return row ? plan_failure(plan, *row) : skipped[size * loads.size() + load];
  };

  // The searches, one per load x combination (only rank 0 decides; the others follow).
  std::vector<Search> searches(loads.size() * combinations);
  const auto doubling = doubled_length(scenario);
  if (root) {
    for (std::size_t l = 0; l < loads.size(); ++l) {
      for (std::size_t c = 0; c < combinations; ++c) {
        Search& search = searches[l * combinations + c];
        for (std::size_t s = 0; s < plan.sizes.size(); ++s) {
          search.passes.push_back(failure_at(s, l, c).empty());
        }
        // The smallest size from which every larger one passes.
        std::optional<std::size_t> from;
        for (std::size_t s = plan.sizes.size(); s-- > 0 && search.passes[s];) from = s;
        if (!from) {
          search.note = fmt::format("no size up to {} passes; {} fails ({})", plan.sizes.back(),
                                    plan.sizes.back(), failure_at(plan.sizes.size() - 1, l, c));
          search.done = true;
        } else if (!plan.doubled_check || !doubling) {
          search.answer = from;
          search.note = plan.doubled_check ? "a trace: not rerun twice as long" : "";
          search.done = true;
        } else {
          search.candidate = from;
        }
      }
    }
  }

  // 2. Doubled runs, round by round, until every search is settled.
  for (;;) {
    Requests requests;
    if (root) {
      for (std::size_t i = 0; i < searches.size(); ++i) {
        if (searches[i].done) continue;
        auto& sizes = requests[i / combinations];
        if (std::find(sizes.begin(), sizes.end(), *searches[i].candidate) == sizes.end()) {
          sizes.push_back(*searches[i].candidate);
        }
      }
      for (auto& [load, sizes] : requests) std::sort(sizes.begin(), sizes.end());
    }
    if (settings.world != nullptr) requests = decode(settings.world->broadcast(encode(requests)));
    if (requests.empty()) break;
    for (const auto& [load, sizes] : requests) {
      std::vector<std::string> values;
      for (std::size_t s : sizes) values.push_back(plan.sizes[s]);
      std::vector<Axis> round = {{plan.scale, values}};
      for (const Axis& axis : load_axis(load)) round.push_back(axis);
      round.push_back({doubling->first, {doubling->second}});
      const SweepResult doubled = run_sweep(grid_of(scenario, plugins, round), plugins, settings);
      if (!root) continue;
      result.simulations += doubled.simulations;
      for (std::size_t k = 0; k < sizes.size(); ++k) {
        for (std::size_t c = 0; c < combinations; ++c) {
          Search& search = searches[load * combinations + c];
          if (search.done || *search.candidate != sizes[k]) continue;
          const ResultRow& row = doubled.table.rows[k * combinations + c];
          const std::string failure = plan_failure(plan, row);
          if (failure.empty()) {
            search.answer = search.candidate;
            search.doubled = row;
            search.done = true;
            continue;
          }
          search.note +=
              fmt::format("{} fails twice as long ({}); ", plan.sizes[sizes[k]], failure);
          if (sizes[k] + 1 < plan.sizes.size()) {
            search.candidate = sizes[k] + 1;
          } else {
            search.note += "no larger size";
            search.done = true;
          }
        }
      }
    }
  }
  if (!root) return result;

  for (std::size_t l = 0; l < loads.size(); ++l) {
    for (std::size_t c = 0; c < combinations; ++c) {
      const Search& search = searches[l * combinations + c];
      PlanAnswer answer;
      answer.load = loads[l];
      answer.policy = scenario.policies[c / scenario.placements.size()].text;
      answer.placement = scenario.placements[c % scenario.placements.size()].text;
      if (search.answer) answer.at = *grid_row(*search.answer, l, c);
      if (search.answer) answer.size = plan.sizes[*search.answer];
      answer.note = search.note;
      while (answer.note.size() >= 2 && answer.note.substr(answer.note.size() - 2) == "; ") {
        answer.note.resize(answer.note.size() - 2);
      }
      if (search.answer && *search.answer > 0) {
        answer.below = grid_row(*search.answer - 1, l, c);
        const std::string failure = failure_at(*search.answer - 1, l, c);
        answer.note += fmt::format("{}{} fails ({})", answer.note.empty() ? "" : "; ",
                                   plan.sizes[*search.answer - 1],
                                   failure.empty() ? "a larger size fails" : failure);
      }
      answer.doubled = search.doubled;
      if (search.answer) {
        const double short_run = answer.at.metrics[*find_summary_metric("short_run")].mean;
        if (short_run > 0) {
          answer.note += fmt::format("{}short run at the answer in some seeds: run longer",
                                     answer.note.empty() ? "" : "; ");
        }
      }
      result.answers.push_back(std::move(answer));
    }
  }
  return result;
}

}  // namespace podsim
