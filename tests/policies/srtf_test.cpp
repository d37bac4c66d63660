// srtf (oracle shortest remaining time first) on a flat machine of 4 GPUs, computed by hand.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

TEST(Srtf, AShorterJobPreemptsALongerOne) {
  // At 100 J1 has 900 s of work left, J2 50: J2 preempts J1 (cost 0) and runs 100..150; J1
  // resumes with its 900 s and ends at 1050.
  const auto workload = tiny_workload({{0, 4, 1000}, {100, 4, 50}});
  EXPECT_EQ(start_times("srtf", 4, workload), (std::vector<double>{0, 100}));
  EXPECT_EQ(end_times("srtf", 4, workload), (std::vector<double>{1050, 150}));
  const auto result = run_schedule("srtf", 4, workload);
  EXPECT_EQ(result.records[0].preemptions, 1);
  EXPECT_EQ(result.records[0].service, from_seconds(1000));
}

TEST(Srtf, TheResumeCostIsPaidOnResuming) {
  const auto workload = tiny_workload({{0, 4, 1000}, {100, 4, 50}});
  EXPECT_EQ(end_times("srtf:resume_cost_s=5", 4, workload), (std::vector<double>{1055, 150}));
}

TEST(Srtf, EqualOrLongerRemainingWorkDoesNotPreempt) {
  // At 100 J1 has exactly 900 s left: J2 (900 s) waits; so does a longer J2.
  EXPECT_EQ(start_times("srtf", 4, tiny_workload({{0, 4, 1000}, {100, 4, 900}})),
            (std::vector<double>{0, 1000}));
  EXPECT_EQ(start_times("srtf", 4, tiny_workload({{0, 4, 1000}, {100, 4, 950}})),
            (std::vector<double>{0, 1000}));
}

TEST(Srtf, UsesTheTrueRemainingWorkNotTheEstimate) {
  // J1 asks for 1000 s but runs 100. At 10 J2 (asks 100, runs 95) has 95 s of work, J1 only 90
  // (though 990 by its estimate): no preemption. J3 (runs 30, asks 2000) arriving at 20 has
  // less work than J1's 80: J1 is preempted, J3 runs 20..50, J1 resumes 50..130, J2 130..225.
  const auto workload = tiny_workload({{0, 4, 100, 1000}, {10, 4, 95, 100}, {20, 4, 30, 2000}});
  EXPECT_EQ(start_times("srtf", 4, workload), (std::vector<double>{0, 130, 20}));
  EXPECT_EQ(end_times("srtf", 4, workload), (std::vector<double>{130, 225, 50}));
}

TEST(Srtf, PreemptsOnlyTheJobsWhoseGpusLetTheNewcomerStart) {
  // Two nodes of 4 GPUs, first-fit: J1 (2 GPUs, 10000 s) and J2 (2, 100 s) fill n1, J3 (2,
  // 10000 s) and J4 (2, 100 s) n2. At 10 J5 needs a whole node for 200 s: J1 and J3 have more
  // work left, but stopping both leaves 2 GPUs free on each node, so neither is stopped (by
  // count alone both were, and J5 still waited). At 101 J2 has ended: stopping J3 (the most
  // work left) frees nothing J5 can use, stopping J1 frees n1. Only J1 is preempted; J5 runs
  // 101..301, J1 resumes at 103 when J4 ends.
  const auto workload =
      tiny_workload({{0, 2, 10000}, {1, 2, 100}, {2, 2, 10000}, {3, 2, 100}, {10, 4, 200}});
  const auto result = run_schedule("srtf", parse_topology(kTwoNodes, "two-nodes"), workload);
  EXPECT_EQ(seconds_of(result, &JobRecord::start), (std::vector<double>{0, 1, 2, 3, 101}));
  EXPECT_EQ(result.records[0].preemptions, 1);
  EXPECT_EQ(result.records[2].preemptions, 0);
  EXPECT_EQ(seconds_of(result, &JobRecord::end),
            (std::vector<double>{10002, 101, 10002, 103, 301}));
}

}  // namespace
}  // namespace podsim::test
