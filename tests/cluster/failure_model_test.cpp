#include "cluster/failure_model.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "common/input_error.hpp"

namespace podsim {
namespace {

std::string fixture(const std::string& name) {
  return std::string(PODSIM_FIXTURES) + "/cluster/" + name;
}

TEST(FailureTrace, ReadsComponentsIntoNodes) {
  const auto failures = read_failure_trace(fixture("failures.csv"), Topology::flat(8));
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].time, from_seconds(30));
  EXPECT_EQ(failures[0].duration, from_seconds(10));
  EXPECT_EQ(failures[0].nodes, std::vector<int>{0});
}

TEST(FailureTrace, SwitchesAndDomainsTakeDownEveryNodeBelow) {
  const Topology machine =
      load_topology(std::string(PODSIM_SOURCE_DIR) + "/configs/dgx-h100-superpod.yaml");
  const std::string path = ::testing::TempDir() + "/switch_failures.csv";
  {
    std::ofstream out(path);
    out << "time_s,component,duration_s\n5,su4-sw3,60\n1,dgx002,30\n";
  }
  const auto failures = read_failure_trace(path, machine);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].component, "dgx002");  // sorted by time
  EXPECT_EQ(failures[0].nodes, std::vector<int>{1});
  EXPECT_EQ(failures[1].nodes.size(), 31u);  // su4 has 31 nodes
  EXPECT_EQ(failures[1].nodes.front(), 96);
}

TEST(FailureTrace, UnknownComponentNamesLineAndSuggests) {
  try {
    read_failure_trace(fixture("bad_failures.csv"), Topology::flat(8));
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_EQ(error.key(), "component");
    EXPECT_NE(error.message().find("did you mean 'flat'"), std::string::npos) << error.what();
  }
}

TEST(FailureSampler, MeansMatchTheMtbfForBothDistributions) {
  for (const auto distribution : {FailureDistribution::kExponential, FailureDistribution::kWeibull}) {
    FailureOptions options;
    options.node_mtbf_hours = 100;
    options.distribution = distribution;
    FailureSampler sampler(options);
    double sum = 0;
    constexpr int kDraws = 100'000;
    for (int i = 0; i < kDraws; ++i) sum += to_seconds(sampler.time_to_failure()) / 3600.0;
    EXPECT_NEAR(sum / kDraws, 100.0, 2.0);
    EXPECT_EQ(sampler.repair_time(), from_seconds(4 * 3600));
  }
}

}  // namespace
}  // namespace podsim
