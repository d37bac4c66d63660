// Failures in whole runs: evicted jobs lose the work since their last checkpoint, pay the
// restart cost, and every job still completes exactly once.
#include <gtest/gtest.h>

#include "simulation/run_support.hpp"
#include "support/tiny_workload.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim::test {
namespace {

SimulationResult run_with_failures(const Topology& machine, const Workload& workload,
                                   const FailureOptions& failures) {
  auto policy = make_policy_registry().at("easy").factory(ParamValues{});
  auto placement = make_placement_registry().at("first-fit").factory(ParamValues{}, 1);
  SimulationOptions options;
  options.check_every_pass = true;
  options.failures = failures;
  return simulate(machine, workload, *policy, *placement, options);
}

TEST(Failures, AnEvictedJobRedoesWorkSinceItsCheckpointAndPaysTheRestart) {
  // The node fails at 30 s for 10 s. The job checkpointed at 25 s: 5 s lost, plus a 5 s
  // restart: it runs again from 40 s with 100 - 30 + 5 + 5 = 80 s of work, ending at 120 s.
  FailureOptions failures;
  failures.trace_file = std::string(PODSIM_FIXTURES) + "/cluster/failures.csv";
  failures.checkpoint_interval = from_seconds(25);
  failures.restart_cost = from_seconds(5);
  const SimulationResult result =
      run_with_failures(Topology::flat(8), tiny_workload({{0, 8, 100}}), failures);
  const JobRecord& job = result.records[0];
  EXPECT_EQ(job.end, from_seconds(120));
  EXPECT_EQ(job.restarts, 1);
  EXPECT_EQ(job.lost, from_seconds(5));
  EXPECT_EQ(job.overhead, from_seconds(5));
  EXPECT_EQ(job.run(), from_seconds(110));
  EXPECT_EQ(job.wait(), from_seconds(10));
  EXPECT_EQ(result.failures, 1u);
  EXPECT_NEAR(result.summary.gpu_hours_lost, 8 * 5 / 3600.0, 1e-12);
  EXPECT_NEAR(result.summary.goodput, 100.0 / 110.0, 1e-12);
}

TEST(Failures, CheckpointWritesSlowTheJobAndSpaceItsCheckpoints) {
  // Every 20 s of running the job stops 5 s to write a checkpoint: it progresses at 20/25 =
  // 0.8 and checkpoints at 25 s of wall time. The node fails at 30 s: 5 s of wall time (4 s of
  // work) since the checkpoint are lost. Done by then: 24 s of work; left: 100 - 24 + 4 + 5
  // (restart) = 85 s, run at 0.8 from 40 s: ends at 40 + 106.25 = 146.25 s.
  FailureOptions failures;
  failures.trace_file = std::string(PODSIM_FIXTURES) + "/cluster/failures.csv";
  failures.checkpoint_interval = from_seconds(20);
  failures.checkpoint_cost = from_seconds(5);
  failures.restart_cost = from_seconds(5);
  EXPECT_DOUBLE_EQ(failures.checkpoint_efficiency(), 0.8);
  const SimulationResult result =
      run_with_failures(Topology::flat(8), tiny_workload({{0, 8, 100}}), failures);
  const JobRecord& job = result.records[0];
  EXPECT_EQ(job.end, parse_seconds("146.25"));
  EXPECT_EQ(job.restarts, 1);
  EXPECT_EQ(job.lost, from_seconds(4));
  EXPECT_EQ(job.overhead, from_seconds(5));
}

TEST(Failures, UnderFrequentRandomFailuresEveryJobCompletesExactlyOnce) {
  const Topology machine =
      load_topology(std::string(PODSIM_SOURCE_DIR) + "/configs/dgx-h100-superpod.yaml");
  SyntheticOptions synthetic;
  synthetic.jobs = 2000;
  synthetic.cluster_gpus = machine.total_gpus();
  synthetic.max_gpus = 64;
  synthetic.seed = 4;
  const Workload workload = generate_synthetic(synthetic);
  FailureOptions failures;
  failures.node_mtbf_hours = 200;  // far above Llama 3's rate, to exercise evictions
  failures.mttr_hours = 2;
  failures.checkpoint_interval = from_seconds(1800);
  const SimulationResult result = run_with_failures(machine, workload, failures);
  ASSERT_EQ(result.records.size(), workload.jobs.size());
  std::size_t restarts = 0;
  for (std::size_t i = 0; i < workload.jobs.size(); ++i) {
    const JobRecord& record = result.records[i];
    EXPECT_TRUE(record.state == "completed" || record.state == "killed") << i;
    EXPECT_EQ(record.work_done, workload.jobs[i].runtime + record.overhead + record.lost) << i;
    EXPECT_LE(record.lost, static_cast<Time>(record.restarts) * failures.checkpoint_interval);
    restarts += static_cast<std::size_t>(record.restarts);
  }
  EXPECT_GT(result.failures, 0u);
  EXPECT_GT(restarts, 0u);
  EXPECT_EQ(restarts, result.summary.restarts);
  EXPECT_GT(result.summary.gpu_hours_lost, 0.0);
  EXPECT_LT(result.summary.goodput, 1.0);
  // Same seed, same failures.
  const SimulationResult again = run_with_failures(machine, workload, failures);
  EXPECT_EQ(again.failures, result.failures);
  EXPECT_EQ(again.summary.gpu_hours_lost, result.summary.gpu_hours_lost);
}

TEST(Failures, AJobEvictedOnceTooOftenIsGivenUpAndTheRunEnds) {
  // Without checkpoints a 1,000-hour job on a node that fails every hour or so loses all its
  // work at each failure and would restart for ever. After max_restarts evictions the next one
  // kills it: all its work is lost, and the run ends.
  FailureOptions failures;
  failures.node_mtbf_hours = 1;
  failures.mttr_hours = 0.1;
  failures.checkpoint_interval = 0;
  failures.max_restarts = 3;
  const SimulationResult result =
      run_with_failures(Topology::flat(8), tiny_workload({{0, 8, 3'600'000}}), failures);
  const JobRecord& job = result.records[0];
  EXPECT_EQ(job.state, "killed");
  EXPECT_EQ(job.reason, "max_restarts");
  EXPECT_EQ(job.restarts, 3);
  EXPECT_GT(job.work_done, 0);
  EXPECT_EQ(job.lost, job.work_done - job.overhead);
  EXPECT_EQ(result.summary.killed, 1u);
  EXPECT_EQ(result.summary.goodput, 0.0);
  EXPECT_EQ(result.failures, 4u);  // (the run stops drawing failures once no work is left)
}

}  // namespace
}  // namespace podsim::test
