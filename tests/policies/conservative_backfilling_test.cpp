// Conservative backfilling on a flat machine of 10 GPUs, and on two nodes of 4 GPUs, schedules
// computed by hand.
#include <gtest/gtest.h>

#include "policies/schedule_fixture.hpp"
#include "topology/topology.hpp"

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
  // 250, ends by it at 252 <= 300) starts at 2. At 100 J1 ends and the schedule is compressed:
  // J2 moves to when J3 is done by its estimate (252); J3 really ends at 152, and J2 moves
  // again and starts then.
  const auto workload = tiny_workload({{0, 6, 100, 300}, {1, 8, 50}, {2, 4, 150, 250}});
  EXPECT_EQ(start_times("conservative", 10, workload), (std::vector<double>{0, 152, 2}));
}

TEST(ConservativeBackfilling, CompressionNeverMovesAReservationLater) {
  // J1 (5 GPUs, asks 150 s, runs 50) and J2 (5 GPUs, 300 s) start at 0; J3 (10 GPUs) is reserved
  // at [300, 400). J4 (5 GPUs, 200 s) does not fit in the 5 GPUs free from 150 to 300 by the
  // estimates: reserved at 400. J5 (5 GPUs, 100 s) does: reserved at [150, 250). At 50 J1 ends.
  // Compressing in queue order, J4 still cannot start before 400 (from 50 it would overlap J5's
  // reservation, from 250 J3's); J5 moves to 50 and starts. Recomputing every reservation from
  // scratch instead would start J4 at 50 and push J5 back to 400, far past its reservation.
  const auto workload =
      tiny_workload({{0, 5, 50, 150}, {0, 5, 300}, {1, 10, 100}, {2, 5, 200}, {3, 5, 100}});
  EXPECT_EQ(start_times("conservative", 10, workload), (std::vector<double>{0, 0, 300, 400, 50}));
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

TEST(ConservativeBackfilling, ReservesAJobThatFitsOneNodeOnOneNode) {
  // J1 (3 GPUs) runs on n1 0..100, J2 (3) on n2 0..200, J3 (1) on n1 0..1000. J4 needs a whole
  // node: at 100 the machine has 4 GPUs free, but 3 on n1 and 1 on n2, so J4 is reserved on n2
  // at [200, 300). J5 (3 GPUs) is reserved on n1 at [100, 200) and starts then. J6 (1 GPU,
  // 150 s) fits now on n2's free GPU, delaying neither. Counting GPUs alone would put J4 at
  // [100, 200) on those 3 + 1 GPUs, leave no GPU free then, and make J6 wait until 100.
  const Workload workload = tiny_workload(
      {{0, 3, 100}, {0, 3, 200}, {0, 1, 1000}, {1, 4, 100}, {2, 3, 100}, {3, 1, 150}});
  EXPECT_EQ(start_times("conservative", parse_topology(kTwoNodes, "two-nodes"), workload),
            (std::vector<double>{0, 0, 0, 200, 100, 3}));
}

// One node of 8 GPUs at half the reference speed: with no communication (comm fraction 0) every
// job runs at rate 0.5, twice its trace time.
const char* const kHalfSpeedNode = R"(name: half-speed
gpu_types:
  Slow: {speed: 0.5}
node_types:
  box: {gpu_type: Slow, gpus: 8, nvlink_gbps: 800, nics: 1, nic_gbps: 100}
levels:
  - {name: leaf, leaf_switches: 1}
groups:
  g1: {nodes: "n1", type: box}
)";

std::vector<double> start_times_at_half_speed(const std::string& policy_name,
                                              const Workload& workload) {
  const Topology machine = parse_topology(kHalfSpeedNode, "half-speed");
  auto policy = make_policy_registry().at(policy_name).factory(ParamValues{});
  auto placement = make_placement_registry().at("first-fit").factory(ParamValues{}, 1);
  SimulationOptions options;
  options.check_every_pass = true;
  options.perf->default_comm_fraction = 0;
  options.perf->models.set_default_fraction(0);
  return seconds_of(simulate(machine, workload, *policy, *placement, options), &JobRecord::start);
}

TEST(ConservativeBackfilling, PlansASlowedRunningJobUntilItsStretchedEnd) {
  // J1 (4 GPUs, 50 s of work) runs at half speed: it ends at 100, and its expected end, the
  // estimate at its rate, is 100 too. J2 (8 GPUs) is reserved at [100, 110). J3 (4 GPUs, 49 s)
  // is planned for 49 s (its rate is not known before it is placed) and fits before 100: it
  // starts at 2, and at half speed ends at 100, in time. Planning J1 to end at 50 instead (its
  // estimate at full speed) put J2 at 50 and kept J3 behind it, waiting until J2 was done, 120.
  const Workload workload = tiny_workload({{0, 4, 50}, {1, 8, 10}, {2, 4, 49}});
  EXPECT_EQ(start_times_at_half_speed("conservative", workload),
            (std::vector<double>{0, 100, 2}));
  // EASY's shadow time for J2 is J1's expected end, 100: J3 ends by its estimate at 51.
  EXPECT_EQ(start_times_at_half_speed("easy", workload), (std::vector<double>{0, 100, 2}));
}

TEST(EasyBackfilling, BackfillsOnlyAJobThatEndsInTimeAtTheRateOfItsPlacement) {
  // As above, but J3 needs 60 s: by its estimate at full speed it would end at 62, before J2's
  // shadow time (100), but on this node it runs at half speed and would end at 122, delaying
  // J2. So it waits for J2 (100..120).
  const Workload workload = tiny_workload({{0, 4, 50}, {1, 8, 10}, {2, 4, 60}});
  EXPECT_EQ(start_times_at_half_speed("easy", workload), (std::vector<double>{0, 100, 120}));
  // Conservative plans a queued job at full speed (it reserves before any placement): J3 fits
  // in [2, 62), starts, and its stretched end, 122, pushes J2's reservation back to then.
  EXPECT_EQ(start_times_at_half_speed("conservative", workload),
            (std::vector<double>{0, 122, 2}));
}

}  // namespace
}  // namespace podsim::test
