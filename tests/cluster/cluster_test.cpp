#include "cluster/cluster.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "support/tiny_workload.hpp"

namespace podsim::test {
namespace {

constexpr Time kS = kMicrosPerSecond;

class ClusterTest : public ::testing::Test {
 protected:
  Topology machine_ = Topology::flat(8);
  // J0: 4 GPUs, 100 s (estimate 150 s); J1: 8 GPUs, 10 s.
  Workload workload_ = tiny_workload({{0, 4, 100, 150}, {0, 8, 10}});
  Cluster cluster_{machine_, workload_};
};

TEST_F(ClusterTest, StartAndFinishMoveGpusAndStates) {
  cluster_.submit(0, 0);
  cluster_.submit(1, 0);
  EXPECT_EQ(cluster_.queue().size(), 2u);
  cluster_.start(0, {{0, 4}}, 5 * kS);
  EXPECT_EQ(cluster_.free_gpus(), 4);
  EXPECT_EQ(cluster_.status(0).expected_end, 155 * kS);
  EXPECT_EQ(cluster_.projected_end(0), 105 * kS);
  EXPECT_EQ(cluster_.queue().front(), 1u);
  cluster_.finish(0, 105 * kS);
  EXPECT_EQ(cluster_.status(0).state, JobState::kCompleted);
  EXPECT_EQ(cluster_.free_gpus(), 8);
  EXPECT_EQ(cluster_.finished_count(), 1u);
  cluster_.check_invariants();
}

TEST_F(ClusterTest, RejectsDecisionsThatBreakTheRules) {
  cluster_.submit(0, 0);
  cluster_.submit(1, 0);
  cluster_.start(0, {{0, 4}}, 0);
  EXPECT_THROW(cluster_.start(1, {{0, 8}}, 0), std::logic_error);  // only 4 free
  EXPECT_THROW(cluster_.start(1, {{0, 4}}, 0), std::logic_error);  // wrong size
  EXPECT_THROW(cluster_.start(0, {{0, 4}}, 0), std::logic_error);  // already running
  EXPECT_THROW(cluster_.finish(1, 0), std::logic_error);           // not running
  EXPECT_THROW(cluster_.finish(0, 50 * kS), std::logic_error);     // work left
  EXPECT_THROW(cluster_.submit(0, 0), std::logic_error);
  cluster_.check_invariants();
}

TEST_F(ClusterTest, PreemptionKeepsWorkAndAddsTheResumeCost) {
  cluster_.submit(0, 0);
  cluster_.start(0, {{0, 4}}, 0);
  cluster_.preempt(0, 30 * kS, 5 * kS);
  EXPECT_EQ(cluster_.status(0).state, JobState::kQueued);
  EXPECT_EQ(cluster_.free_gpus(), 8);
  EXPECT_EQ(cluster_.remaining_work(0, 40 * kS), 75 * kS);  // 100 - 30 + 5
  EXPECT_EQ(cluster_.attained_service(0, 40 * kS), 30 * kS);
  cluster_.start(0, {{0, 4}}, 50 * kS);
  EXPECT_EQ(cluster_.status(0).start, 0);  // the first start is kept
  EXPECT_EQ(cluster_.projected_end(0), 125 * kS);
  EXPECT_EQ(cluster_.remaining_work(0, 60 * kS), 65 * kS);
  cluster_.finish(0, 125 * kS);
  EXPECT_EQ(cluster_.status(0).service, 105 * kS);
  EXPECT_EQ(cluster_.status(0).preemptions, 1);
  EXPECT_EQ(cluster_.status(0).overhead, 5 * kS);
}

TEST_F(ClusterTest, EvictionLosesWorkSinceTheLastCheckpoint) {
  cluster_.submit(0, 0);
  cluster_.start(0, {{0, 4}}, 0);
  // Checkpoints every 25 s of the run: at 64 s the last one was at 50 s, so 14 s are lost.
  EXPECT_EQ(cluster_.evict(0, 64 * kS, 25 * kS, 2 * kS), 14 * kS);
  EXPECT_EQ(cluster_.remaining_work(0, 64 * kS), (100 - 64 + 14 + 2) * kS);
  EXPECT_EQ(cluster_.status(0).restarts, 1);
  EXPECT_EQ(cluster_.status(0).lost, 14 * kS);
  cluster_.start(0, {{0, 4}}, 70 * kS);
  // No checkpoints at all: the whole run is lost.
  EXPECT_EQ(cluster_.evict(0, 80 * kS, 0, 0), 10 * kS);
  EXPECT_EQ(cluster_.remaining_work(0, 80 * kS), 52 * kS);
}

TEST_F(ClusterTest, RateChangesBankProgressAndMoveTheProjectedEnd) {
  cluster_.submit(0, 0);
  cluster_.start(0, {{0, 4}}, 0);
  cluster_.set_rate(0, 0.5, 20 * kS);  // 20 s done at full speed, 80 s of work left
  EXPECT_EQ(cluster_.projected_end(0), 180 * kS);
  EXPECT_EQ(cluster_.remaining_work(0, 60 * kS), 60 * kS);
  cluster_.set_rate(0, 1.0, 60 * kS);
  EXPECT_EQ(cluster_.projected_end(0), 120 * kS);
  cluster_.finish(0, 120 * kS);
  EXPECT_EQ(cluster_.status(0).service, 120 * kS);
  EXPECT_THROW(cluster_.set_rate(0, 1.0, 130 * kS), std::logic_error);
}

TEST_F(ClusterTest, RateChangesMoveTheExpectedEndThePoliciesSee) {
  std::vector<std::pair<JobId, Time>> moved;
  cluster_.job_expected_end_moved.connect(
      [&moved](JobId id, Time now) { moved.emplace_back(id, now); });
  cluster_.submit(0, 0);
  cluster_.start(0, {{0, 4}}, 0);
  EXPECT_EQ(cluster_.status(0).expected_end, 150 * kS);
  // 20 s at full speed: 130 s of the 150 s estimate left, at half speed 260 s.
  cluster_.set_rate(0, 0.5, 20 * kS);
  EXPECT_EQ(cluster_.status(0).expected_end, 280 * kS);
  EXPECT_EQ(cluster_.running().begin()->first, 280 * kS);  // re-keyed, not stale
  // 40 s at half speed used 20 s of it: 110 s left at full speed.
  cluster_.set_rate(0, 1.0, 60 * kS);
  EXPECT_EQ(cluster_.status(0).expected_end, 170 * kS);
  cluster_.set_rate(0, 1.0, 80 * kS);  // no change: no signal
  EXPECT_EQ(moved, (std::vector<std::pair<JobId, Time>>{{0, 20 * kS}, {0, 60 * kS}}));
  cluster_.finish(0, 120 * kS);
  EXPECT_TRUE(cluster_.running().empty());
}

TEST(ClusterNodes, LargestFreeOnANodeTracksEveryChange) {
  const Topology machine = Topology::flat(8);
  const Workload workload = tiny_workload({{0, 3, 10}, {0, 5, 10}});
  Cluster cluster(machine, workload);
  EXPECT_EQ(cluster.largest_free_on_a_node(), 8);
  cluster.submit(0, 0);
  cluster.start(0, {{0, 3}}, 0);
  EXPECT_EQ(cluster.largest_free_on_a_node(), 5);
  cluster.submit(1, 0);
  cluster.start(1, {{0, 5}}, 0);
  EXPECT_EQ(cluster.largest_free_on_a_node(), 0);
  cluster.finish(0, 10 * kS);
  EXPECT_EQ(cluster.largest_free_on_a_node(), 3);
}

}  // namespace
}  // namespace podsim::test
