#pragma once
// Runs a tiny workload under a named policy with first-fit on a flat machine and returns each
// job's start time in seconds, in trace order; run_schedule also takes parameters
// ("las:restore_s=10") and returns the whole records (end times, preemptions, ...).
#include <vector>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "support/tiny_workload.hpp"

namespace podsim::test {

inline SimulationResult run_schedule(const std::string& policy_text, int machine_gpus,
                                     const Workload& workload) {
  const Topology machine = Topology::flat(machine_gpus);
  const PolicyRegistry registry = make_policy_registry();
  const NamedParams named = parse_named_params(policy_text, "--policy");
  const auto& entry = registry.at(named.name);
  auto policy =
      entry.factory(ParamValues::parse(entry.params, named.params, "policy " + named.name));
  auto placement = make_placement_registry().at("first-fit").factory(ParamValues{}, 1);
  SimulationOptions options;
  options.check_every_pass = true;
  return simulate(machine, workload, *policy, *placement, options);
}

inline std::vector<double> start_times(const std::string& policy_text, int machine_gpus,
                                       const Workload& workload) {
  std::vector<double> starts;
  for (const auto& record : run_schedule(policy_text, machine_gpus, workload).records) {
    starts.push_back(to_seconds(record.start));
  }
  return starts;
}

inline std::vector<double> end_times(const std::string& policy_text, int machine_gpus,
                                     const Workload& workload) {
  std::vector<double> ends;
  for (const auto& record : run_schedule(policy_text, machine_gpus, workload).records) {
    ends.push_back(to_seconds(record.end));
  }
  return ends;
}

}  // namespace podsim::test
