// The default placement (default_placement.hpp) through whole simulations on the shipped
// machines, busy: on GB200 NVL72 no job that fits one rack (one 72-GPU NVLink domain) ever
// spans racks, although plain `topology` does span them on the same workload when no rack has
// room; on the DGX H100 SuperPOD a job of up to 8 GPUs never leaves its node.
#include <gtest/gtest.h>

#include "placement/default_placement.hpp"
#include "placement/placement_fixture.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim::test {
namespace {

Topology config(const std::string& name) {
  return load_topology(std::string(PODSIM_SOURCE_DIR) + "/configs/" + name + ".yaml");
}

// A Philly-like workload (1 to 64 GPUs) offering `load` of the machine.
Workload busy_workload(const Topology& machine, double load, std::uint64_t seed) {
  SyntheticOptions synthetic;
  synthetic.jobs = 4000;
  synthetic.load = load;
  synthetic.cluster_gpus = machine.total_gpus();
  synthetic.seed = seed;
  return generate_synthetic(synthetic);
}

// `placement_text` as --placement takes it ("topology:max_level=rack").
SimulationResult run(const Topology& machine, const Workload& workload, const std::string& policy,
                     const std::string& placement_text) {
  const NamedParams named = parse_named_params(placement_text, "test");
  auto strategy = make_placement(named.name, named.params);
  auto scheduler = make_policy_registry().at(policy).factory(ParamValues{});
  SimulationOptions options;
  options.check_every_pass = true;
  return simulate(machine, workload, *scheduler, *strategy, options);
}

struct RackCount {
  int multi_node = 0;  // jobs of at most 72 GPUs on more than one tray
  int multi_rack = 0;  // of those, spanning racks (spread >= 1: beyond one first-level domain)
  int waited = 0;      // jobs that waited at all: the machine was busy
};

RackCount count_racks(const SimulationResult& result) {
  RackCount count;
  for (const JobRecord& record : result.records) {
    EXPECT_EQ(record.state, "completed");
    if (record.wait() > 0) ++count.waited;
    if (record.gpus > 72 || record.nodes <= 1) continue;
    ++count.multi_node;
    if (record.spread >= 1) ++count.multi_rack;
  }
  return count;
}

TEST(DefaultPlacementSimulation, Gb200JobsThatFitOneRackStayInOneRackWhenBusy) {
  const Topology gb200 = config("gb200-nvl72");
  const std::string chosen = default_placement(gb200);
  for (const std::string policy : {"fcfs", "easy"}) {
    for (const std::uint64_t seed : {1, 2}) {
      SCOPED_TRACE(::testing::Message() << policy << " seed " << seed);
      const Workload workload = busy_workload(gb200, 3.0, seed);
      const RackCount by_default = count_racks(run(gb200, workload, policy, chosen));
      EXPECT_GT(by_default.multi_node, 100);
      EXPECT_GT(by_default.waited, 100) << "the machine must be busy";
      EXPECT_EQ(by_default.multi_rack, 0);
      // The same workload under `topology`, which falls back to spanning racks when no rack
      // has room: the requirement is what keeps the jobs in one rack.
      const RackCount preferred = count_racks(run(gb200, workload, policy, "topology"));
      EXPECT_GT(preferred.multi_rack, 0);
    }
  }
}

TEST(DefaultPlacementSimulation, SuperpodJobsOfAtMostOneNodeStayOnOneNode) {
  const Topology superpod = config("dgx-h100-superpod");
  const std::string chosen = default_placement(superpod);
  for (const std::string policy : {"fcfs", "easy"}) {
    SCOPED_TRACE(policy);
    const Workload workload = busy_workload(superpod, 3.0, 3);
    int eight_gpu_jobs = 0;
    int waited = 0;
    for (const JobRecord& record : run(superpod, workload, policy, chosen).records) {
      EXPECT_EQ(record.state, "completed");
      if (record.wait() > 0) ++waited;
      if (record.gpus > 8) continue;
      EXPECT_EQ(record.nodes, 1) << "job " << record.trace_id << " of " << record.gpus << " GPUs";
      eight_gpu_jobs += record.gpus == 8 ? 1 : 0;
    }
    EXPECT_GT(eight_gpu_jobs, 100);
    EXPECT_GT(waited, 100) << "the machine must be busy";
  }
}

}  // namespace
}  // namespace podsim::test
