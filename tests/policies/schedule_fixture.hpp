#pragma once
// Runs a tiny workload under a named policy with first-fit on a flat machine of N GPUs (or a
// given topology) and returns each job's start time in seconds, in trace order; run_schedule
// also takes parameters ("las:restore_s=10") and returns the whole records (end times,
// preemptions, ...).
#include <vector>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "support/tiny_workload.hpp"
#include "topology/topology.hpp"

namespace podsim::test {

// Two nodes of 4 GPUs under one leaf switch (parse_topology(kTwoNodes, "two-nodes")).
inline constexpr const char* kTwoNodes = R"(name: two-nodes
gpu_types:
  G: {speed: 1.0}
node_types:
  box: {gpu_type: G, gpus: 4, nvlink_gbps: 800, nics: 1, nic_gbps: 100}
levels:
  - {name: leaf, leaf_switches: 1}
groups:
  g1: {nodes: "n[1-2]", type: box}
)";

inline SimulationResult run_schedule(const std::string& policy_text, const Topology& machine,
                                     const Workload& workload) {
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

inline SimulationResult run_schedule(const std::string& policy_text, int machine_gpus,
                                     const Workload& workload) {
  return run_schedule(policy_text, Topology::flat(machine_gpus), workload);
}

// One field of every record, in seconds, in trace order.
inline std::vector<double> seconds_of(const SimulationResult& result, Time JobRecord::*field) {
  std::vector<double> seconds;
  for (const auto& record : result.records) seconds.push_back(to_seconds(record.*field));
  return seconds;
}

inline std::vector<double> start_times(const std::string& policy_text, const Topology& machine,
                                       const Workload& workload) {
  return seconds_of(run_schedule(policy_text, machine, workload), &JobRecord::start);
}

inline std::vector<double> start_times(const std::string& policy_text, int machine_gpus,
                                       const Workload& workload) {
  return start_times(policy_text, Topology::flat(machine_gpus), workload);
}

inline std::vector<double> end_times(const std::string& policy_text, int machine_gpus,
                                     const Workload& workload) {
  return seconds_of(run_schedule(policy_text, machine_gpus, workload), &JobRecord::end);
}

}  // namespace podsim::test
