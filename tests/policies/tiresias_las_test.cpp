// las (Tiresias discretised 2D-LAS) on a flat machine of 4 GPUs, schedules computed by hand.
// With thresholds_gpu_s=400, a 4-GPU job is demoted to queue 1 after 100 s of running.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

constexpr const char* kLas = "las:thresholds_gpu_s=400:restore_s=10";

TEST(TiresiasLas, ADemotedLongJobIsPreemptedByANewcomerAndResumesWithTheRestoreCost) {
  // J1 (4 GPUs, 1000 s) reaches 400 GPU-s at 100 and drops to queue 1. J2 (queue 0) arrives at
  // 150 and preempts it: J1 has 850 s of work left, plus 10 s to restore. J2 runs 150..200; J1
  // resumes at 200 and ends at 200 + 850 + 10 = 1060.
  const auto workload = tiny_workload({{0, 4, 1000}, {150, 4, 50}});
  const SimulationResult result = run_schedule(kLas, 4, workload);
  ASSERT_EQ(result.records.size(), 2u);
  const JobRecord& long_job = result.records[0];
  EXPECT_EQ(long_job.start, from_seconds(0));
  EXPECT_EQ(long_job.end, from_seconds(1060));
  EXPECT_EQ(long_job.preemptions, 1);
  EXPECT_EQ(long_job.overhead, from_seconds(10));
  EXPECT_EQ(long_job.service, from_seconds(1010));  // 150 + 860: no work lost or redone
  EXPECT_EQ(result.records[1].start, from_seconds(150));
  EXPECT_EQ(result.records[1].end, from_seconds(200));
}

TEST(TiresiasLas, NeverPreemptsAJobOfTheSameQueue) {
  // With the default threshold (3600 GPU-s) J1 (800 s on 4 GPUs) never leaves queue 0: J2
  // waits for it to end.
  const auto workload = tiny_workload({{0, 4, 800}, {150, 4, 50}});
  EXPECT_EQ(start_times("las", 4, workload), (std::vector<double>{0, 800}));
  // Running 1000 s, J1 reaches 3600 GPU-s at 900 and drops to queue 1; J2 preempts it then.
  const auto longer = tiny_workload({{0, 4, 1000}, {150, 4, 50}});
  EXPECT_EQ(start_times("las", 4, longer), (std::vector<double>{0, 900}));
  EXPECT_EQ(end_times("las", 4, longer), (std::vector<double>{1060, 950}));
}

TEST(TiresiasLas, HigherQueuesFirstThenFifoWithinAQueue) {
  // As above, J2 preempts J1 at 150. J3 arrives at 160 in queue 0 and may not preempt J2 (same
  // queue). At 200 J2 ends: J3 (queue 0) goes before J1 (queue 1): J3 runs 200..250, then J1
  // resumes with 860 s: 250..1110.
  const auto workload = tiny_workload({{0, 4, 1000}, {150, 4, 50}, {160, 4, 50}});
  EXPECT_EQ(start_times(kLas, 4, workload), (std::vector<double>{0, 150, 200}));
  EXPECT_EQ(end_times(kLas, 4, workload), (std::vector<double>{1110, 200, 250}));
}

TEST(TiresiasLas, WorkConservingJobsThatDoNotFitAreSkipped) {
  // 4 GPUs. J1 (2 GPUs) runs; J2 (4 GPUs) cannot fit and J1 is in its own queue; J3 (2 GPUs)
  // behind it fits in the 2 free GPUs and starts at once.
  const auto workload = tiny_workload({{0, 2, 100}, {1, 4, 100}, {2, 2, 100}});
  EXPECT_EQ(start_times("las", 4, workload), (std::vector<double>{0, 102, 2}));
}

// Starvation guard. J1 is demoted at 100 and preempted at 150 by J2 (150..250); then J3
// (240), J4 (260) and J5 (310) keep queue 0 busy, 100 s each.
const Workload kStarving =
    tiny_workload({{0, 4, 1000}, {150, 4, 100}, {240, 4, 100}, {260, 4, 100}, {310, 4, 100}});

TEST(TiresiasLas, WithoutPromotionTheDemotedJobWaitsForEveryNewcomer) {
  // J3 250..350, J4 350..450, J5 450..550; J1 resumes at 550 with 860 s: ends 1410.
  const auto result = run_schedule(kLas, 4, kStarving);
  std::vector<double> starts;
  for (const auto& record : result.records) starts.push_back(to_seconds(record.start));
  EXPECT_EQ(starts, (std::vector<double>{0, 150, 250, 350, 450}));
  EXPECT_EQ(result.records[0].end, from_seconds(1410));
  EXPECT_EQ(result.records[0].preemptions, 1);
}

TEST(TiresiasLas, PromoteKnobSendsAStarvedJobBackToTheTopQueue) {
  // promote_knob=1: J1 ran 150 s, so after waiting 150 s (at 300) it is promoted to the back of
  // queue 0, its attained service reset — ahead of J5, which arrives at 310. J4 (queued at 260)
  // runs 350..450, then J1 450..550, when it has 400 GPU-s again and is demoted; J5 (queue 0)
  // preempts it: 760 s of work left + 10. J5 runs 550..650; J1 resumes at 650 (just promoted
  // again: it waited 100 s = 1 x 100 s run) and ends at 650 + 770 = 1420.
  const auto result = run_schedule(std::string(kLas) + ":promote_knob=1", 4, kStarving);
  std::vector<double> starts;
  for (const auto& record : result.records) starts.push_back(to_seconds(record.start));
  EXPECT_EQ(starts, (std::vector<double>{0, 150, 250, 350, 550}));
  EXPECT_EQ(result.records[0].end, from_seconds(1420));
  EXPECT_EQ(result.records[0].preemptions, 2);
  EXPECT_EQ(result.records[0].overhead, from_seconds(20));
}

TEST(TiresiasLas, PreemptsOnlyTheJobsWhoseGpusLetTheNewcomerStart) {
  // Two nodes of 4 GPUs, first-fit, a 3-GPU job dropping to queue 1 after 200 s: J1 (3 GPUs)
  // runs on n1, J2 (3) on n2, both long; J3 and J4 (1 GPU, 500 s, queue 0) fill the nodes at
  // 250. At 300 J5 needs a whole node: J1 and J2 are below it, but stopping both leaves 3 GPUs
  // free on each node, so neither is stopped (by count alone both were, and J5 still waited).
  // At 750 J3 and J4 end: stopping J1 alone frees n1, and J5 runs 750..850 there; J1 resumes
  // then with its 9,250 s plus the default 10 s restore and ends at 10,110; J2 is never stopped.
  const auto workload =
      tiny_workload({{0, 3, 10000}, {0, 3, 10000}, {250, 1, 500}, {250, 1, 500}, {300, 4, 100}});
  const auto result =
      run_schedule("las:thresholds_gpu_s=600", parse_topology(kTwoNodes, "two-nodes"), workload);
  EXPECT_EQ(seconds_of(result, &JobRecord::start), (std::vector<double>{0, 0, 250, 250, 750}));
  EXPECT_EQ(result.records[0].preemptions, 1);
  EXPECT_EQ(result.records[1].preemptions, 0);
  EXPECT_EQ(seconds_of(result, &JobRecord::end),
            (std::vector<double>{10110, 10000, 750, 750, 850}));
}

}  // namespace
}  // namespace podsim::test
