#pragma once
// Runs one workload under registered policy and placement names.
#include <string>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"

namespace podsim::test {

// With the given options (window, performance model, failures).
inline SimulationResult run_named_with(const Topology& machine, const Workload& workload,
                                       const std::string& policy_name,
                                       const std::string& placement_name,
                                       const SimulationOptions& options) {
  const auto policies = make_policy_registry();
  const auto placements = make_placement_registry();
  const auto& policy_entry = policies.at(policy_name);
  const auto& placement_entry = placements.at(placement_name);
  // Factories read their declared parameters: give them the defaults.
  auto policy = policy_entry.factory(ParamValues::parse(policy_entry.params, {}, policy_name));
  auto placement = placement_entry.factory(
      ParamValues::parse(placement_entry.params, {}, placement_name), 7);
  return simulate(machine, workload, *policy, *placement, options);
}

inline SimulationResult run_named(const Topology& machine, const Workload& workload,
                                  const std::string& policy_name,
                                  const std::string& placement_name, bool check_every_pass,
                                  std::function<void(Cluster&)> attach = {}) {
  SimulationOptions options;
  options.check_every_pass = check_every_pass;
  options.attach = std::move(attach);
  return run_named_with(machine, workload, policy_name, placement_name, options);
}

}  // namespace podsim::test
