// EASY backfilling on a flat machine of 10 GPUs, schedules computed by hand.
// In each case J1 (6 GPUs, 0..100) leaves 4 free, so J2 (8 GPUs) at the head waits for it:
// shadow time 100, extra GPUs 10 - 8 = 2.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

TEST(EasyBackfilling, BackfillsAJobThatEndsBeforeTheReservation) {
  // J3 needs 4 (more than the 2 extra) but ends by its estimate at 2 + 90 = 92 <= 100.
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 4, 50, 90}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 100, 2}));
  // FCFS keeps J3 behind J2 until J2 ends at 150.
  EXPECT_EQ(start_times("fcfs", 10, workload), (std::vector<double>{0, 100, 150}));
}

TEST(EasyBackfilling, EndingExactlyAtTheShadowTimeIsAllowed) {
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 4, 98}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 100, 2}));
}

TEST(EasyBackfilling, BackfillsOnTheHeadsExtraGpusOnlyOnce) {
  // J3 runs past the shadow time but takes only the 2 extra GPUs: it starts at once.
  // J4 is the same, but the extra GPUs are gone: it must wait (until J2 ends at 150).
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 2, 500}, {3, 2, 500}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 100, 2, 150}));
}

TEST(EasyBackfilling, DoesNotBackfillWhatWouldDelayTheHead) {
  // J3 would fit now (4 free) but ends at 202 > 100 and needs 4 > 2 extra GPUs.
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 4, 200}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 100, 150}));
}

TEST(EasyBackfilling, ReservationUsesEstimatesAndEarlyEndsCompressTheSchedule) {
  // J1 asks for 300 s but runs 100: J2's reservation is at 300 by the estimate, so J3
  // (estimate 250, ends 252) backfills; J1's early end at 100 lets J2 start at 100 anyway.
  const auto workload = tiny_workload({{0, 6, 100, 300}, {1, 8, 50}, {2, 4, 150, 250}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 152, 2}));
}

TEST(EasyBackfilling, JobsEndingTogetherAtTheShadowTimeAllCountAsExtra) {
  // J1 and J2 (3 GPUs each) both end at 100 by their estimates; 4 GPUs are free. The head J3
  // needs 6: shadow time 100, and at 100 there are 4 + 3 + 3 = 10 free, so 4 are extra. J4
  // (4 GPUs, running past 100) fits in the extra GPUs and starts at once.
  const auto workload = tiny_workload({{0, 3, 100}, {0, 3, 100}, {1, 6, 50}, {2, 4, 500}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 0, 100, 2}));
}

TEST(EasyBackfilling, CandidatesAreTriedInQueueOrder) {
  // Both J3 and J4 could use the 2 extra GPUs; the earlier one (J3) gets them.
  const auto workload = tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 2, 400}, {2, 2, 300}});
  EXPECT_EQ(start_times("easy", 10, workload), (std::vector<double>{0, 100, 2, 150}));
}

}  // namespace
}  // namespace podsim::test
