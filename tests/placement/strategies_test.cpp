// Hand-computed placements of each strategy on small machines (nodes, free GPUs and the expected
// allocation are spelled out in each test).
#include <gtest/gtest.h>

#include <set>

#include "common/input_error.hpp"
#include "placement/placement_fixture.hpp"

namespace podsim::test {
namespace {

TEST(BestFit, PicksTheFullestNodeWithRoom) {
  Machine m(kTwoLeaves);
  m.set_free({1, 2, 3, 4});
  auto best = make_placement("best-fit");
  EXPECT_EQ(show(best->place(m.job(1), m.cluster(), 0)), "0:1");
  EXPECT_EQ(show(best->place(m.job(2), m.cluster(), 0)), "1:2");
  EXPECT_EQ(show(best->place(m.job(3), m.cluster(), 0)), "2:3");
  EXPECT_EQ(show(best->place(m.job(4), m.cluster(), 0)), "3:4");
  // first-fit, for contrast, takes the first node with room.
  EXPECT_EQ(show(make_placement("first-fit")->place(m.job(2), m.cluster(), 0)), "1:2");
  EXPECT_EQ(show(make_placement("first-fit")->place(m.job(1), m.cluster(), 0)), "0:1");
}

TEST(BestFit, TiesGoToTheLowestIndex) {
  Machine m(kTwoLeaves);
  m.set_free({4, 2, 4, 2});
  EXPECT_EQ(show(make_placement("best-fit")->place(m.job(1), m.cluster(), 0)), "1:1");
  EXPECT_EQ(show(make_placement("best-fit")->place(m.job(3), m.cluster(), 0)), "0:3");
}

TEST(BestFit, SplitJobsTakeTheFewestNodesThenTheTightestForTheRest) {
  Machine m(kTwoLeaves);
  m.set_free({3, 4, 4, 4});
  auto best = make_placement("best-fit");
  // 8 GPUs: two whole nodes (lowest index among the 4-free ones), not 3 + 4 + 1.
  EXPECT_EQ(show(best->place(m.job(8), m.cluster(), 0)), "1:4 2:4");
  // 5 GPUs: one whole node, the remaining 1 on the tightest node (node 0, 3 free).
  EXPECT_EQ(show(best->place(m.job(5), m.cluster(), 0)), "0:1 1:4");
  EXPECT_EQ(show(make_placement("first-fit")->place(m.job(8), m.cluster(), 0)), "0:3 1:4 2:1");
}

TEST(BestFit, AJobThatFitsOneNodeWaitsRatherThanSplitUnlessSplitIsOn) {
  Machine m(kTwoLeaves);
  m.set_free({2, 1, 2, 0});  // 5 free, no node with 3
  EXPECT_EQ(show(make_placement("best-fit")->place(m.job(3), m.cluster(), 0)), "none");
  // split=true: fewest nodes, largest first (node 0), remainder 1 on the tightest (node 1).
  EXPECT_EQ(show(make_placement("best-fit", {{"split", "true"}})->place(m.job(3), m.cluster(), 0)),
            "0:2 1:1");
}

TEST(Topology, KeepsAnEightGpuJobInsideOneLeafGroup) {
  Machine m(kTwoLeaves);
  m.set_free({4, 1, 4, 2});  // leaf g1: 5 free, g2: 6 free
  auto topo = make_placement("topology");
  const auto six = topo->place(m.job(6), m.cluster(), 0);
  EXPECT_EQ(show(six), "2:4 3:2");
  EXPECT_EQ(spread_of(m.topology(), *six), 0);  // within leaf g2
  // best-fit takes the two largest fragments, across the spine.
  const auto packed = make_placement("best-fit")->place(m.job(6), m.cluster(), 0);
  EXPECT_EQ(show(packed), "0:4 3:2");
  EXPECT_EQ(spread_of(m.topology(), *packed), 1);

  Machine n(kTwoLeaves);
  n.set_free({3, 4, 4, 4});
  const auto eight = topo->place(n.job(8), n.cluster(), 0);
  EXPECT_EQ(show(eight), "2:4 3:4");
  EXPECT_EQ(n.topology().common_level(2, 3), 0);
  // first-fit spans both groups for the same job.
  const auto first = make_placement("first-fit")->place(n.job(8), n.cluster(), 0);
  EXPECT_EQ(show(first), "0:3 1:4 2:1");
  EXPECT_EQ(spread_of(n.topology(), *first), 1);
}

TEST(Topology, PrefersTheDomainThatLeavesTheLeastFree) {
  Machine m(kTwoLeaves);
  m.set_free({2, 3, 4, 4});  // g1: 5 free, g2: 8 free; both hold 5 GPUs, g1 leaves 0
  EXPECT_EQ(show(make_placement("topology")->place(m.job(5), m.cluster(), 0)), "0:2 1:3");
  // A job that fits one node goes on the best-fit node, whatever its group.
  EXPECT_EQ(show(make_placement("topology")->place(m.job(3), m.cluster(), 0)), "1:3");
}

TEST(Topology, GoesThroughNvlinkRackThenScalableUnitThenSpine) {
  Machine m(kRacks);
  m.occupy(0, 1);  // rack1: 7 free; rack2..4: 8 free
  auto topo = make_placement("topology");
  const auto eight = topo->place(m.job(8), m.cluster(), 0);
  EXPECT_EQ(show(eight), "2:4 3:4");  // rack2, the first whole rack
  EXPECT_EQ(spread_of(m.topology(), *eight), 0);
  // 12 GPUs: no rack holds them; su1 (15 free) leaves less than su2 (16). Inside su1: the fewest
  // nodes, whole 4-free nodes in index order.
  const auto twelve = topo->place(m.job(12), m.cluster(), 0);
  EXPECT_EQ(show(twelve), "1:4 2:4 3:4");
  EXPECT_EQ(spread_of(m.topology(), *twelve), 1);
  // 20 GPUs exceed every SU: the spine (whole machine).
  const auto twenty = topo->place(m.job(20), m.cluster(), 0);
  ASSERT_TRUE(twenty);
  EXPECT_EQ(allocated_gpus(*twenty), 20);
  EXPECT_EQ(spread_of(m.topology(), *twenty), 2);
}

TEST(Topology, MaxLevelIsRequiredAndWaitsForADomain) {
  Machine m(kTwoLeaves);
  m.set_free({3, 4, 3, 4});  // 14 free, but no leaf group has 8
  EXPECT_EQ(
      show(make_placement("topology", {{"max_level", "leaf"}})->place(m.job(8), m.cluster(), 0)),
      "none");
  // Preferred only (the default): the whole machine, fewest nodes.
  EXPECT_EQ(show(make_placement("topology")->place(m.job(8), m.cluster(), 0)), "1:4 3:4");
  // max_level=spine allows everything.
  EXPECT_EQ(
      show(make_placement("topology", {{"max_level", "spine"}})->place(m.job(8), m.cluster(), 0)),
      "1:4 3:4");
}

TEST(Topology, MaxWaitDropsTheRequirementOnceTheJobHasWaitedThatLong) {
  Machine m(kTwoLeaves);
  m.set_free({3, 4, 3, 4});  // no leaf group has 8 free
  auto patient = make_placement("topology", {{"max_level", "leaf"}, {"max_wait", "600"}});
  JobSpec job = m.job(8);
  job.submit = from_seconds(100);
  // 599.999999 s after submission it still waits; at 600 s it takes what fits now.
  EXPECT_EQ(show(patient->place(job, m.cluster(), from_seconds(700) - 1)), "none");
  EXPECT_EQ(show(patient->place(job, m.cluster(), from_seconds(700))), "1:4 3:4");
  // The same for "node": after the wait a job that fits one node may be split.
  m.set_free({1, 1, 1, 1});
  auto node_only =
      make_placement("topology", {{"split", "true"}, {"max_level", "node"}, {"max_wait", "60"}});
  JobSpec pair = m.job(2);
  EXPECT_EQ(show(node_only->place(pair, m.cluster(), from_seconds(59))), "none");
  EXPECT_EQ(show(node_only->place(pair, m.cluster(), from_seconds(60))), "0:1 1:1");
}

TEST(Topology, MaxWaitNeedsAMaxLevelAndSeconds) {
  const auto message_of = [](const std::map<std::string, std::string>& params) {
    try {
      make_placement("topology", params);
    } catch (const InputError& error) {
      EXPECT_EQ(error.key(), "placement topology.max_wait");
      return std::string(error.message());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of({{"max_wait", "60"}}).find("without max_level"), std::string::npos);
  EXPECT_NE(message_of({{"max_level", "leaf"}, {"max_wait", "-1"}}).find("seconds >= 0"),
            std::string::npos);
}

TEST(Topology, MaxLevelIsDroppedForAJobNoDomainOfItCouldEverHold) {
  Machine m(kTwoLeaves);
  // 12 GPUs never fit a leaf group of 8: placed across the spine rather than waiting forever.
  EXPECT_EQ(
      show(make_placement("topology", {{"max_level", "leaf"}})->place(m.job(12), m.cluster(), 0)),
      "0:4 1:4 2:4");
}

TEST(Topology, MaxLevelNodeNeverSplitsEvenWithSplit) {
  Machine m(kTwoLeaves);
  m.set_free({1, 1, 1, 1});
  EXPECT_EQ(show(make_placement("topology", {{"split", "true"}})->place(m.job(2), m.cluster(), 0)),
            "0:1 1:1");
  EXPECT_EQ(show(make_placement("topology", {{"split", "true"}, {"max_level", "node"}})
                     ->place(m.job(2), m.cluster(), 0)),
            "none");
}

TEST(Topology, UnknownMaxLevelSuggestsTheClosest) {
  Machine m(kTwoLeaves);
  auto topo = make_placement("topology", {{"max_level", "lef"}});
  try {
    topo->place(m.job(1), m.cluster(), 0);
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "placement topology.max_level");
    EXPECT_NE(error.message().find("unknown level 'lef'"), std::string::npos) << error.what();
    EXPECT_NE(error.message().find("did you mean 'leaf'?"), std::string::npos) << error.what();
    EXPECT_NE(error.message().find("valid: node, leaf, spine"), std::string::npos) << error.what();
  }
}

TEST(Topology, WorksWithoutLevels) {
  const Topology flat = Topology::flat(10);
  Workload workload;
  finalize_workload(workload);
  const Cluster cluster(flat, workload);
  JobSpec job;
  job.gpus = 10;
  EXPECT_EQ(show(make_placement("topology")->place(job, cluster, 0)), "0:10");
}

TEST(Spread, PicksTheEmptiestNode) {
  Machine m(kTwoLeaves);
  m.set_free({1, 2, 3, 4});
  auto spread = make_placement("spread");
  EXPECT_EQ(show(spread->place(m.job(1), m.cluster(), 0)), "3:1");
  EXPECT_EQ(show(spread->place(m.job(4), m.cluster(), 0)), "3:4");
  Machine n(kTwoLeaves);
  n.set_free({3, 4, 2, 4});
  EXPECT_EQ(show(spread->place(n.job(2), n.cluster(), 0)), "1:2");  // ties: lowest index
}

TEST(Spread, SplitJobsAreDealtRoundRobinOverTheEmptiestNodes) {
  Machine m(kTwoLeaves);
  auto spread = make_placement("spread");
  // 6 GPUs on four empty nodes: one round of 4, then nodes 0 and 1 get a second GPU.
  EXPECT_EQ(show(spread->place(m.job(6), m.cluster(), 0)), "0:2 1:2 2:1 3:1");
  Machine n(kTwoLeaves);
  n.set_free({2, 2, 3, 2});
  // split=true: a 3-GPU job that fits one node goes there (node 2)...
  auto splitting = make_placement("spread", {{"split", "true"}});
  EXPECT_EQ(show(splitting->place(n.job(3), n.cluster(), 0)), "2:3");
  // ...and a 4-GPU one, which no node holds, gets one GPU on each node.
  EXPECT_EQ(show(splitting->place(n.job(4), n.cluster(), 0)), "0:1 1:1 2:1 3:1");
  // 7 GPUs, nodes by most free: 2 (3 free), 0, 1, 3. A full round gives each node one GPU (4),
  // the second round has 3 left: nodes 2, 0, 1.
  EXPECT_EQ(show(splitting->place(n.job(7), n.cluster(), 0)), "0:2 1:2 2:2 3:1");
}

TEST(Random, ChoosesOnlyAmongNodesWithRoomAndCoversThemAll) {
  Machine m(kTwoLeaves);
  m.set_free({1, 3, 2, 3});
  auto random = make_placement("random", {}, 42);
  std::map<int, int> seen;
  for (int i = 0; i < 4000; ++i) {
    const auto allocation = random->place(m.job(3), m.cluster(), 0);
    ASSERT_TRUE(allocation);
    ASSERT_EQ(allocation->size(), 1u);
    ++seen[allocation->front().node];
  }
  ASSERT_EQ(seen.size(), 2u);  // nodes 1 and 3 only
  // Uniform: 2000 each, standard deviation ~32.
  EXPECT_NEAR(seen[1], 2000, 150);
  EXPECT_NEAR(seen[3], 2000, 150);
}

std::vector<std::string> draws(std::uint64_t seed, int job_gpus) {
  Machine m(kRacks);
  auto random = make_placement("random", {}, seed);
  std::vector<std::string> result;
  for (int i = 0; i < 12; ++i)
    result.push_back(show(random->place(m.job(job_gpus), m.cluster(), 0)));
  return result;
}

TEST(Random, IsDeterministicPerSeedAndDiffersAcrossSeeds) {
  EXPECT_EQ(draws(1, 1), draws(1, 1));
  EXPECT_NE(draws(1, 1), draws(2, 1));
  EXPECT_EQ(draws(1, 12), draws(1, 12));
  EXPECT_NE(draws(1, 12), draws(2, 12));
  // A split job on empty 4-GPU nodes takes three whole nodes, in random order.
  Machine m(kRacks);
  auto random = make_placement("random", {}, 3);
  std::set<int> first_nodes;
  for (int i = 0; i < 20; ++i) {
    const auto allocation = random->place(m.job(12), m.cluster(), 0);
    ASSERT_TRUE(allocation);
    ASSERT_EQ(allocation->size(), 3u) << show(allocation);
    for (const auto& share : *allocation) EXPECT_EQ(share.gpus, 4) << show(allocation);
    first_nodes.insert(allocation->front().node);
  }
  EXPECT_GT(first_nodes.size(), 2u);  // not always the same nodes
}

TEST(Random, DrawsNothingWhenTheJobCannotFit) {
  Machine m(kTwoLeaves);
  m.set_free({1, 1, 1, 1});
  auto a = make_placement("random", {}, 5);
  auto b = make_placement("random", {}, 5);
  EXPECT_EQ(show(a->place(m.job(2), m.cluster(), 0)), "none");  // fits one node: never split
  EXPECT_EQ(show(a->place(m.job(5), m.cluster(), 0)), "none");  // more than is free
  EXPECT_EQ(show(a->place(m.job(1), m.cluster(), 0)), show(b->place(m.job(1), m.cluster(), 0)));
}

TEST(GpusPerNode, TakesExactlyCeilGOverNNodes) {
  Machine m(kTwoLeaves);
  auto best = make_placement("best-fit", {{"gpus_per_node", "2"}});
  EXPECT_EQ(show(best->place(m.job(4), m.cluster(), 0)), "0:2 1:2");
  EXPECT_EQ(show(best->place(m.job(3), m.cluster(), 0)), "0:2 1:1");
  EXPECT_EQ(show(best->place(m.job(2), m.cluster(), 0)), "0:2");  // one chunk: one node
  EXPECT_EQ(
      show(make_placement("spread", {{"gpus_per_node", "1"}})->place(m.job(4), m.cluster(), 0)),
      "0:1 1:1 2:1 3:1");

  Machine n(kTwoLeaves);
  n.set_free({3, 4, 4, 4});
  // 5 GPUs, 4 per node: a full node plus 1. best-fit puts the 1 on the fullest node...
  EXPECT_EQ(
      show(make_placement("best-fit", {{"gpus_per_node", "4"}})->place(n.job(5), n.cluster(), 0)),
      "0:1 1:4");
  // ...spread on the emptiest ones.
  EXPECT_EQ(
      show(make_placement("spread", {{"gpus_per_node", "4"}})->place(n.job(5), n.cluster(), 0)),
      "1:4 2:1");
  // topology: within one leaf group (g1 has 7 free, g2 8: g1 leaves less).
  EXPECT_EQ(
      show(make_placement("topology", {{"gpus_per_node", "4"}})->place(n.job(5), n.cluster(), 0)),
      "0:1 1:4");
  // 6 GPUs as 2 + 2 + 2: no leaf group has three nodes, so the whole machine, fullest first.
  EXPECT_EQ(
      show(make_placement("topology", {{"gpus_per_node", "2"}})->place(n.job(6), n.cluster(), 0)),
      "0:2 1:2 2:2");
}

TEST(GpusPerNode, WaitsForNodesWithAWholeChunk) {
  Machine m(kTwoLeaves);
  m.set_free({3, 3, 3, 3});
  // 8 GPUs at 4 per node: no node has 4 free, although 12 GPUs are.
  for (const std::string name : {"best-fit", "topology", "spread", "random"}) {
    EXPECT_EQ(show(make_placement(name, {{"gpus_per_node", "4"}})->place(m.job(8), m.cluster(), 0)),
              "none")
        << name;
    // Without the constraint it spans 3 nodes.
    EXPECT_NE(show(make_placement(name)->place(m.job(8), m.cluster(), 0)), "none") << name;
  }
}

TEST(GpusPerNode, IsDroppedWhenTheMachineCouldNeverMeetIt) {
  Machine m(kTwoLeaves);
  // 8 per node on 4-GPU nodes; 1 per node for 8 GPUs on 4 nodes: both impossible here.
  EXPECT_EQ(
      show(make_placement("best-fit", {{"gpus_per_node", "8"}})->place(m.job(8), m.cluster(), 0)),
      "0:4 1:4");
  EXPECT_EQ(
      show(make_placement("best-fit", {{"gpus_per_node", "1"}})->place(m.job(8), m.cluster(), 0)),
      "0:4 1:4");
}

TEST(GpuType, EveryStrategyUsesOnlyNodesOfTheRequiredType) {
  Machine m(kMixed, {"A", "B"});
  m.set_free({1, 4, 8, 5});  // the A nodes are fuller: best-fit would prefer them untyped
  const std::uint32_t kA = 1;
  const std::uint32_t kB = 2;
  for (const auto& name : make_placement_registry().names()) {
    SCOPED_TRACE(name);
    auto placement = make_placement(name);
    for (int gpus : {1, 3, 5}) {
      const auto allocation = placement->place(m.job(gpus, kB), m.cluster(), 0);
      ASSERT_TRUE(allocation) << gpus;
      for (const auto& share : *allocation) EXPECT_GE(share.node, 2) << gpus;
    }
    // 12 B GPUs: both B nodes, larger than either (8 + 5 free = 13).
    const auto split = placement->place(m.job(12, kB), m.cluster(), 0);
    ASSERT_TRUE(split);
    for (const auto& share : *split) EXPECT_GE(share.node, 2);
    // 2 A GPUs: only node 1 has room.
    EXPECT_EQ(show(placement->place(m.job(2, kA), m.cluster(), 0)), "1:2");
    // 6 A GPUs: only 5 A GPUs are free, though 18 GPUs are.
    EXPECT_EQ(show(placement->place(m.job(6, kA), m.cluster(), 0)), "none");
  }
}

TEST(GpuType, AJobLargerThanItsTypesNodesSplitsEvenWhenOtherNodesAreLarger) {
  // An A job of 6 GPUs: larger than any A node (4), though the B nodes have 8: it must span.
  Machine m(kMixed, {"A", "B"});
  for (const std::string name : {"first-fit", "best-fit", "topology", "spread", "random"}) {
    const auto allocation = make_placement(name)->place(m.job(6, 1), m.cluster(), 0);
    ASSERT_TRUE(allocation) << name;
    EXPECT_EQ(allocated_gpus(*allocation), 6) << name;
    for (const auto& share : *allocation) EXPECT_LE(share.node, 1) << name;
  }
}

TEST(EveryStrategy, ReturnsNothingWhenTheJobExceedsTheFreeGpus) {
  Machine m(kTwoLeaves);
  m.set_free({1, 0, 2, 0});
  for (const auto& name : make_placement_registry().names()) {
    EXPECT_EQ(show(make_placement(name)->place(m.job(4), m.cluster(), 0)), "none") << name;
  }
}

}  // namespace
}  // namespace podsim::test
