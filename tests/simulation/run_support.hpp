#pragma once
// Runs one workload under registered policy and placement names.
#include <string>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"

namespace podsim::test {

inline SimulationResult run_named(const Topology& machine, const Workload& workload,
                                  const std::string& policy_name,
                                  const std::string& placement_name, bool check_every_pass,
                                  std::function<void(Cluster&)> attach = {}) {
  auto policy = make_policy_registry().at(policy_name).factory(ParamValues{});
  auto placement = make_placement_registry().at(placement_name).factory(ParamValues{}, 7);
  SimulationOptions options;
  options.check_every_pass = check_every_pass;
  options.attach = std::move(attach);
  return simulate(machine, workload, *policy, *placement, options);
}

}  // namespace podsim::test
