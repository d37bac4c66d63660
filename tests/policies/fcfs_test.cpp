#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

TEST(Fcfs, HeadBlocksSmallerJobsBehindIt) {
  // J2 (8) waits for J1; J3 (1 GPU) would fit at once but may not pass J2.
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 1, 10}});
  EXPECT_EQ(start_times("fcfs", 10, workload), (std::vector<double>{0, 100, 100}));
}

TEST(Fcfs, SimultaneousEndAndArrivalSeeOneConsistentState) {
  // At t=100 J1 ends and J2 arrives: completions fire before arrivals, then one pass, so J2
  // starts at 100 on J1's GPUs.
  const auto workload = tiny_workload({{0, 10, 100}, {100, 10, 5}});
  EXPECT_EQ(start_times("fcfs", 10, workload), (std::vector<double>{0, 100}));
}

TEST(Fcfs, ZeroRuntimeJobsFreeTheirGpusAtTheSameInstant) {
  const auto workload = tiny_workload({{0, 10, 0}, {0, 10, 0}, {0, 10, 7}});
  EXPECT_EQ(start_times("fcfs", 10, workload), (std::vector<double>{0, 0, 0}));
}

}  // namespace
}  // namespace podsim::test
