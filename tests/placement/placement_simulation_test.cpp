// Every placement (and the shape parameters) through whole simulations on a multi-node,
// multi-level machine: the cluster's checks run after every pass, every job completes, and the
// same seed gives the same schedule. (tests/simulation runs every policy x placement on flat
// single-node machines, where no job is ever split.)
#include <gtest/gtest.h>

#include "placement/placement_fixture.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim::test {
namespace {

SimulationResult run(const Topology& topology, const Workload& workload,
                     const std::string& policy_name, const std::string& placement,
                     const std::map<std::string, std::string>& params, std::uint64_t seed) {
  auto policy = make_policy_registry().at(policy_name).factory(ParamValues{});
  auto strategy = make_placement(placement, params, seed);
  SimulationOptions options;
  options.check_every_pass = true;
  return simulate(topology, workload, *policy, *strategy, options);
}

TEST(PlacementSimulation, EveryPlacementCompletesEveryJobOnRacks) {
  const Topology racks = parse_topology(kRacks, "<racks>");
  SyntheticOptions synthetic;
  synthetic.jobs = 1500;
  synthetic.load = 1.1;
  synthetic.cluster_gpus = racks.total_gpus();
  synthetic.max_gpus = racks.total_gpus();
  synthetic.seed = 4;
  const Workload workload = generate_synthetic(synthetic);
  const std::vector<std::map<std::string, std::string>> param_sets = {
      {}, {{"split", "true"}}, {{"gpus_per_node", "2"}}, {{"gpus_per_node", "4"}}};
  for (const std::string policy : {"fcfs", "easy"}) {
    for (const auto& placement : make_placement_registry().names()) {
      for (const auto& params : param_sets) {
        if (placement == "first-fit" && !params.empty()) continue;  // declares none
        SCOPED_TRACE(::testing::Message()
                     << policy << " " << placement << " with " << params.size() << " params");
        const SimulationResult result = run(racks, workload, policy, placement, params, 9);
        ASSERT_EQ(result.records.size(), workload.jobs.size());
        int split_jobs = 0;
        for (const auto& record : result.records) {
          EXPECT_TRUE(record.state == "completed" || record.state == "killed") << record.state;
          split_jobs += record.nodes > 1 ? 1 : 0;
        }
        EXPECT_GT(split_jobs, 0) << "the workload must exercise multi-node placement";
      }
    }
  }
}

TEST(PlacementSimulation, TopologyKeepsJobsMoreLocalThanSpread) {
  const Topology racks = parse_topology(kRacks, "<racks>");
  SyntheticOptions synthetic;
  synthetic.jobs = 1500;
  synthetic.load = 0.7;
  synthetic.cluster_gpus = racks.total_gpus();
  synthetic.max_gpus = 16;
  synthetic.seed = 5;
  const Workload workload = generate_synthetic(synthetic);
  auto total_spread = [&](const std::string& placement) {
    long sum = 0;
    for (const auto& record : run(racks, workload, "fcfs", placement, {}, 1).records) {
      sum += record.spread + 1;
    }
    return sum;
  };
  const long topology = total_spread("topology");
  EXPECT_LT(topology, total_spread("first-fit"));
  EXPECT_LT(topology, total_spread("spread"));
}

TEST(PlacementSimulation, RandomIsDeterministicPerSeed) {
  const Topology racks = parse_topology(kRacks, "<racks>");
  SyntheticOptions synthetic;
  synthetic.jobs = 500;
  synthetic.cluster_gpus = racks.total_gpus();
  synthetic.max_gpus = 16;
  const Workload workload = generate_synthetic(synthetic);
  auto placements = [&](std::uint64_t seed) {
    std::vector<std::pair<int, int>> result;
    for (const auto& record : run(racks, workload, "easy", "random", {}, seed).records) {
      result.emplace_back(record.nodes, record.spread);
    }
    return result;
  };
  EXPECT_EQ(placements(3), placements(3));
  EXPECT_NE(placements(3), placements(4));
}

}  // namespace
}  // namespace podsim::test
