// Conservative backfilling on a flat machine of 10 GPUs, schedules computed by hand.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

// J1 (6 GPUs) runs 0..100. J2 (8) is reserved at [100, 150) and J3 (10) at [150, 250).
// J4 (2 GPUs, 200 s) fits now, in 4 free GPUs, and would not delay J2 (EASY checks only the
// head: it uses J2's 2 extra GPUs) — but running to 203 it would delay J3, which needs all 10.
// J5 (2 GPUs, 50 s) ends at 54 and delays nobody.
const Workload kDelaysALaterReservation =
    tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 10, 100}, {3, 2, 200}, {4, 2, 50}});

TEST(ConservativeBackfilling, DoesNotStartAJobThatWouldDelayALaterReservation) {
  // J4's earliest window of 200 s with 2 GPUs free throughout is after J3: [250, 450).
  EXPECT_EQ(start_times("conservative", 10, kDelaysALaterReservation),
            (std::vector<double>{0, 100, 150, 250, 4}));
}

TEST(ConservativeBackfilling, EasyStartsThatJobAndDelaysTheLaterOne) {
  // EASY starts J4 at 3 on the head's extra GPUs; J3 then waits for J4's end at 203.
  EXPECT_EQ(start_times("easy", 10, kDelaysALaterReservation),
            (std::vector<double>{0, 100, 203, 3, 4}));
}

TEST(ConservativeBackfilling, EarlyCompletionsCompressTheSchedule) {
  // J1 asks for 300 s but runs 100: J2 is reserved at 300 by the estimate, so J3 (estimate
  // 250, ends by it at 252 <= 300) starts at 2. At 100 J1 ends; the reservations are recomputed:
  // J2 now fits once J3 is done by its estimate (252); J3 really ends at 152, and J2 starts then.
  const auto workload = tiny_workload({{0, 6, 100, 300}, {1, 8, 50}, {2, 4, 150, 250}});
  EXPECT_EQ(start_times("conservative", 10, workload), (std::vector<double>{0, 152, 2}));
}

TEST(ConservativeBackfilling, BackfillsAShortJobThatDelaysNoReservation) {
  // J1 (6) runs 0..100; J2 (10) is reserved at [100, 200). J3 (4 GPUs, 100 s) would overlap it:
  // reserved at [200, 300). J4 (4 GPUs, 90 s) ends at 93: it starts at once. FCFS keeps it
  // behind J3 (until 200).
  const auto workload = tiny_workload({{0, 6, 100}, {1, 10, 100}, {2, 4, 100}, {3, 4, 90}});
  EXPECT_EQ(start_times("conservative", 10, workload), (std::vector<double>{0, 100, 200, 3}));
  EXPECT_EQ(start_times("fcfs", 10, workload), (std::vector<double>{0, 100, 200, 200}));
}

TEST(ConservativeBackfilling, DepthBoundsTheJobsThatGetAReservation) {
  // depth=1: only the first waiting job gets a reservation; at 4, J5 is not even considered
  // (J2 holds the one reservation). At 100 J2 starts and J3 gets the reservation; at 150 J3
  // starts; at 250 J4 and J5 start together.
  EXPECT_EQ(start_times("conservative:depth=1", 10, kDelaysALaterReservation),
            (std::vector<double>{0, 100, 150, 250, 250}));
}

}  // namespace
}  // namespace podsim::test
