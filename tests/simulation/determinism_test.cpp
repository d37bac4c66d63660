#include <gtest/gtest.h>

#include <sstream>

#include "metrics/result_files.hpp"
#include "simulation/run_support.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim::test {
namespace {

std::string all_outputs(const std::string& policy, std::uint64_t seed) {
  SyntheticOptions synthetic;
  synthetic.jobs = 2000;
  synthetic.cluster_gpus = 128;
  synthetic.max_gpus = 128;
  synthetic.seed = seed;
  const Workload workload = generate_synthetic(synthetic);
  const SimulationResult result =
      run_named(Topology::flat(128), workload, policy, "first-fit", false);
  std::ostringstream out;
  write_jobs_csv(result.records, out);
  write_timeseries_csv(result.series, out);
  write_summary_json(result.summary, {{"policy", policy}}, out);
  return out.str();
}

TEST(Determinism, SameInputsAndSeedGiveByteIdenticalOutputs) {
  for (const std::string policy : {"fcfs", "easy"}) {
    const std::string first = all_outputs(policy, 5);
    EXPECT_EQ(first, all_outputs(policy, 5)) << policy;
    EXPECT_NE(first, all_outputs(policy, 6)) << policy << ": the seed must matter";
  }
}

}  // namespace
}  // namespace podsim::test
