// Two jobs share 2:1 oversubscribed uplinks: each is slowed while both run, and the survivor's
// completion moves earlier when the other ends, with no work lost.
#include <gtest/gtest.h>

#include <map>

#include "perf/perf_fixtures.hpp"
#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "support/tiny_workload.hpp"

namespace podsim::test {
namespace {

// Places each job on the nodes the test names for it.
class ScriptedPlacement : public PlacementStrategy {
 public:
  explicit ScriptedPlacement(std::map<JobId, Allocation> plan) : plan_(std::move(plan)) {}
  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time /*now*/) override {
    const Allocation& allocation = plan_.at(job.id);
    for (const auto& share : allocation) {
      if (cluster.free_gpus_on(share.node) < share.gpus) return std::nullopt;
    }
    return allocation;
  }

 private:
  std::map<JobId, Allocation> plan_;
};

constexpr double kS = 1e6;

TEST(Contention, RatesChangeWhenASharerEnds) {
  const Topology machine = two_to_one();  // nodes 0,1 in su1; 2,3 in su2
  Workload workload = tiny_workload({{0, 16, 100}, {0, 16, 50}});
  for (auto& job : workload.jobs) job.comm_fraction = 0.3;
  // Both cross the su1 and su2 uplinks with 8 GPUs in each: 16 GPUs share 3,200 Gb/s per SU,
  // 200 each: stretch 0.7 + 0.3 * 400 / 200 = 1.3. Job 2 (50 s of work) ends at 65 s. Job 1 has
  // done 65 / 1.3 = 50 s by then and, alone, runs its last 50 s at full speed: ends at 115 s.
  ScriptedPlacement placement({{0, {{0, 8}, {2, 8}}}, {1, {{1, 8}, {3, 8}}}});
  auto policy = make_policy_registry().at("fcfs").factory(ParamValues{});
  SimulationOptions options;
  options.check_every_pass = true;
  const SimulationResult result = simulate(machine, workload, *policy, placement, options);
  EXPECT_NEAR(static_cast<double>(result.records[1].end), 65 * kS, 2);
  EXPECT_NEAR(static_cast<double>(result.records[0].end), 115 * kS, 2);
  EXPECT_NEAR(result.records[1].stretch, 1.3, 1e-6);
  EXPECT_NEAR(result.records[0].stretch, 115.0 / 100.0, 1e-6);
  for (const auto& record : result.records) {
    EXPECT_EQ(record.work_done, from_seconds(record.trace_id == 1 ? 100 : 50));
  }
}

TEST(Contention, AloneOnTheFabricAJobIsNotSlowedWhenContentionIsOn) {
  const Topology machine = two_to_one();
  Workload workload = tiny_workload({{0, 16, 100}});
  workload.jobs[0].comm_fraction = 0.3;
  ScriptedPlacement placement({{0, {{0, 8}, {2, 8}}}});
  auto policy = make_policy_registry().at("fcfs").factory(ParamValues{});
  SimulationResult result = simulate(machine, workload, *policy, placement);
  EXPECT_EQ(result.records[0].end, from_seconds(100));
  // Off: the static fair share of a full SU, 200 Gb/s per GPU: 130 s.
  SimulationOptions options;
  options.perf->contention = false;
  result = simulate(machine, workload, *policy, placement, options);
  EXPECT_NEAR(static_cast<double>(result.records[0].end), 130 * kS, 2);
  // No model at all: the trace runtime.
  options.perf.reset();
  result = simulate(machine, workload, *policy, placement, options);
  EXPECT_EQ(result.records[0].end, from_seconds(100));
}

}  // namespace
}  // namespace podsim::test
