// sjf and sjf-easy on a flat machine of 10 GPUs, schedules computed by hand.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

// J1 holds the whole machine until 100; meanwhile J2..J5 queue up. At 100 the SJF order is
// J4 (20 s), J3 (50 s), J5 (200 s), J2 (300 s). J4 takes 8 GPUs; J3 (4) does not fit in the 2
// left.
const Workload kQueued = tiny_workload({{0, 10, 100}, {1, 4, 300}, {2, 4, 50}, {3, 8, 20},
                                        {4, 2, 200}});

TEST(Sjf, StartsTheShortestFirstAndTheShortestWaitingJobBlocks) {
  // sjf: J3 blocks J5 (which would fit in the 2 free GPUs) until J4 ends at 120; then J3, J5
  // and J2 all fit (4 + 2 + 4).
  EXPECT_EQ(start_times("sjf", 10, kQueued), (std::vector<double>{0, 120, 120, 100, 120}));
  // FCFS for contrast: J2 and J3 at 100; J4 (8) waits for J2 (until 400), J5 behind it.
  EXPECT_EQ(start_times("fcfs", 10, kQueued), (std::vector<double>{0, 100, 100, 400, 400}));
}

TEST(Sjf, EasyBackfillsBehindTheShortestJobThatDoesNotFit) {
  // sjf-easy: at 100 J3 is the head; J4 ends at 120 by its estimate, freeing 2 + 8 = 10: shadow
  // time 120, extra 10 - 4 = 6. J5 (2 GPUs, ends at 300 > 120) uses only extra GPUs: it starts
  // at 100. J2 (4) does not fit now. At 120 J3 and J2 start.
  EXPECT_EQ(start_times("sjf-easy", 10, kQueued), (std::vector<double>{0, 120, 120, 100, 100}));
}

TEST(Sjf, EqualEstimatesGoInArrivalOrder) {
  // At 100: J2 and J3 both have 50 s; J2 arrived first and takes 6 GPUs; J3 (6) does not fit
  // and blocks J4 (60 s, 4 GPUs) until 150.
  const auto workload = tiny_workload({{0, 10, 100}, {1, 6, 50}, {2, 6, 50}, {3, 4, 60}});
  EXPECT_EQ(start_times("sjf", 10, workload), (std::vector<double>{0, 100, 150, 150}));
}

TEST(Sjf, OrdersByTheEstimateNotTheRuntime) {
  // J2 runs 10 s but asked for 500; J3 runs 100 and asked for 100: J3 goes first at 100, J2
  // (10 GPUs) after it, at 200.
  const auto workload = tiny_workload({{0, 10, 100}, {1, 10, 10, 500}, {2, 10, 100}});
  EXPECT_EQ(start_times("sjf", 10, workload), (std::vector<double>{0, 200, 100}));
}

}  // namespace
}  // namespace podsim::test
