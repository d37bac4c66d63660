#pragma once
// Runs a tiny workload under a named policy with first-fit on a flat machine and returns each
// job's start time in seconds, in trace order.
#include <vector>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "support/tiny_workload.hpp"

namespace podsim::test {

inline std::vector<double> start_times(const std::string& policy_name, int machine_gpus,
                                       const Workload& workload) {
  const Topology machine = Topology::flat(machine_gpus);
  auto policy = make_policy_registry().at(policy_name).factory(ParamValues{});
  auto placement = make_placement_registry().at("first-fit").factory(ParamValues{}, 1);
  SimulationOptions options;
  options.check_every_pass = true;
  const SimulationResult result = simulate(machine, workload, *policy, *placement, options);
  std::vector<double> starts;
  for (const auto& record : result.records) starts.push_back(to_seconds(record.start));
  return starts;
}

}  // namespace podsim::test
