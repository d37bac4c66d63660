// The shared machinery: job shapes, candidate orders, fills, domain tallies, and the declared
// parameters of every node-picking strategy.
#include "placement/node_picker.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "placement/placement_fixture.hpp"

namespace podsim::test {
namespace {

JobShape shape_of(const Machine& m, int gpus, int per_node, bool split = false,
                  std::uint32_t type = kNoGpuType) {
  return job_shape(m.job(gpus, type), m.cluster(), ShapeOptions{per_node, split});
}

TEST(JobShape, FollowsGpusPerNodeAndSplit) {
  Machine m(kTwoLeaves);  // 4 nodes x 4 GPUs
  EXPECT_EQ(shape_of(m, 3, 0).kind, ShapeKind::kOneNode);
  EXPECT_EQ(shape_of(m, 3, 0, true).kind, ShapeKind::kOneNodeFirst);
  EXPECT_EQ(shape_of(m, 5, 0, true).kind, ShapeKind::kAnySplit);
  EXPECT_EQ(shape_of(m, 3, 4, true).kind, ShapeKind::kOneNode);  // one chunk: split ignored
  const JobShape ten = shape_of(m, 10, 4);
  EXPECT_EQ(ten.kind, ShapeKind::kChunks);
  EXPECT_EQ(ten.chunk, 4);
  EXPECT_EQ(ten.full_nodes, 2);
  EXPECT_EQ(ten.last, 2);
  const JobShape eight = shape_of(m, 8, 2);
  EXPECT_EQ(eight.kind, ShapeKind::kChunks);
  EXPECT_EQ(eight.full_nodes, 3);
  EXPECT_EQ(eight.last, 2);
  // Never possible here: 5 nodes of 2, or one node of 6: the constraint is dropped.
  EXPECT_EQ(shape_of(m, 10, 2).kind, ShapeKind::kAnySplit);
  EXPECT_EQ(shape_of(m, 6, 8).kind, ShapeKind::kAnySplit);
}

TEST(JobShape, UsesTheLargestNodeOfTheJobsGpuType) {
  Machine m(kMixed, {"A", "B"});  // A nodes: 4 GPUs, B nodes: 8
  EXPECT_EQ(m.cluster().largest_node_for(m.job(1, 1)), 4);
  EXPECT_EQ(m.cluster().largest_node_for(m.job(1, 2)), 8);
  EXPECT_EQ(m.cluster().largest_node_for(m.job(1)), 8);
  EXPECT_EQ(shape_of(m, 6, 0, false, 1).kind, ShapeKind::kAnySplit);
  EXPECT_EQ(shape_of(m, 6, 0, false, 2).kind, ShapeKind::kOneNode);
  // 3 chunks of 4 A GPUs: only 2 A nodes exist, so dropped; of B GPUs: fine.
  EXPECT_EQ(shape_of(m, 12, 4, false, 1).kind, ShapeKind::kAnySplit);
  EXPECT_EQ(shape_of(m, 12, 4, false, 2).kind, ShapeKind::kAnySplit);  // only 2 B nodes too
  EXPECT_EQ(shape_of(m, 8, 4, false, 2).kind, ShapeKind::kChunks);
}

TEST(NodePicker, OrdersCandidatesByFreeGpusWithTiesByIndex) {
  Machine m(kRacks);
  m.set_free({2, 0, 4, 2, 1, 4, 3, 2});
  NodePicker picker;
  const JobSpec job = m.job(1);
  const auto up = picker.by_free(job, m.cluster(), Region::machine(), true);
  EXPECT_EQ(std::vector<int>(up.begin(), up.end()), (std::vector<int>{4, 0, 3, 7, 6, 2, 5}));
  const auto down = picker.by_free(job, m.cluster(), Region::machine(), false);
  EXPECT_EQ(std::vector<int>(down.begin(), down.end()), (std::vector<int>{2, 5, 6, 0, 3, 7, 4}));
  // One SU (level 1, domain 1: nodes 4..7).
  const auto su2 = picker.by_free(job, m.cluster(), Region{1, 1}, true);
  EXPECT_EQ(std::vector<int>(su2.begin(), su2.end()), (std::vector<int>{4, 7, 6, 5}));
}

TEST(PickNode, FewestOrMostFreeWithRoom) {
  Machine m(kRacks);
  m.set_free({2, 0, 4, 2, 1, 4, 3, 2});
  EXPECT_EQ(pick_node(m.job(2), m.cluster(), 2, Prefer::kFewestFree), 0);
  EXPECT_EQ(pick_node(m.job(3), m.cluster(), 3, Prefer::kFewestFree), 6);
  EXPECT_EQ(pick_node(m.job(1), m.cluster(), 1, Prefer::kMostFree), 2);
  EXPECT_EQ(pick_node(m.job(5), m.cluster(), 5, Prefer::kMostFree), -1);
}

TEST(Fills, HandComputedSplits) {
  Machine m(kRacks);
  m.set_free({2, 0, 4, 2, 1, 4, 3, 2});  // 18 free
  const Cluster& c = m.cluster();
  const std::vector<int> up{4, 0, 3, 7, 6, 2, 5};
  const std::vector<int> down{2, 5, 6, 0, 3, 7, 4};
  // Fewest nodes: 4 + 4, then 1 on the tightest node with 1 (node 4).
  EXPECT_EQ(show(fill_fewest_nodes(up, c, 9)), "2:4 4:1 5:4");
  // 4 + 4 + 3 (node 6), then 2 on the first 2-free node (node 0).
  EXPECT_EQ(show(fill_fewest_nodes(up, c, 13)), "0:2 2:4 5:4 6:3");
  EXPECT_EQ(show(fill_fewest_nodes(up, c, 18)), "0:2 2:4 3:2 4:1 5:4 6:3 7:2");
  EXPECT_EQ(show(fill_fewest_nodes(up, c, 19)), "none");
  // Round-robin over the descending order: 5 GPUs go to the first 5 nodes; 10 GPUs are one
  // round of 7 plus 3 more for the first nodes of the order (2, 5, 6).
  EXPECT_EQ(show(fill_round_robin(down, c, 5)), "0:1 2:1 3:1 5:1 6:1");
  EXPECT_EQ(show(fill_round_robin(down, c, 10)), "0:1 2:2 3:1 4:1 5:2 6:2 7:1");
  EXPECT_EQ(show(fill_round_robin(down, c, 18)), "0:2 2:4 3:2 4:1 5:4 6:3 7:2");
  EXPECT_EQ(show(fill_round_robin(down, c, 19)), "none");
  EXPECT_EQ(show(fill_in_order(down, c, 9)), "2:4 5:4 6:1");
  // Chunks of 3 plus a last of 2, over the ascending order: the full nodes are the first with
  // >= 3 (6, 2), the last the first with >= 2 (0).
  JobShape shape;
  shape.kind = ShapeKind::kChunks;
  shape.gpus = 8;
  shape.chunk = 3;
  shape.full_nodes = 2;
  shape.last = 2;
  EXPECT_EQ(show(fill_chunks(up, c, shape)), "0:2 2:3 6:3");
  EXPECT_EQ(show(fill_chunks(down, c, shape)), "2:3 5:3 6:2");
  shape.full_nodes = 4;  // only three nodes have 3 free
  shape.gpus = 14;
  EXPECT_FALSE(can_fill(up, c, shape));
  EXPECT_EQ(show(fill_chunks(up, c, shape)), "none");
}

TEST(DomainTally, SumsFreeAndInstalledGpusPerDomainOfEveryLevel) {
  Machine m(kRacks);
  m.set_free({2, 0, 4, 2, 1, 4, 3, 2});
  JobShape shape;
  shape.kind = ShapeKind::kAnySplit;
  shape.gpus = 6;
  DomainTally tally;
  tally.count(m.job(6), m.cluster(), shape, DomainTally::Basis::kFree);
  EXPECT_EQ(tally.gpus(0, 0), 2);
  EXPECT_EQ(tally.gpus(0, 1), 6);
  EXPECT_EQ(tally.gpus(0, 2), 5);
  EXPECT_EQ(tally.gpus(0, 3), 5);
  EXPECT_EQ(tally.gpus(1, 0), 8);
  EXPECT_EQ(tally.gpus(1, 1), 10);
  EXPECT_EQ(tally.gpus(2, 0), 18);
  EXPECT_EQ(tally.tightest(0, shape), 1);  // the only rack with 6
  shape.gpus = 7;
  EXPECT_EQ(tally.tightest(0, shape), -1);
  EXPECT_EQ(tally.tightest(1, shape), 0);  // su1 leaves 1, su2 3
  tally.count(m.job(6), m.cluster(), shape, DomainTally::Basis::kCapacity);
  EXPECT_EQ(tally.gpus(0, 0), 8);
  EXPECT_EQ(tally.gpus(2, 0), 32);
}

TEST(Params, EveryNewStrategyDeclaresTheShapeParameters) {
  const PlacementRegistry registry = make_placement_registry();
  for (const std::string name : {"best-fit", "topology", "spread", "random"}) {
    ASSERT_TRUE(registry.contains(name)) << name;
    std::vector<std::string> keys;
    for (const auto& spec : registry.at(name).params) keys.push_back(spec.key);
    EXPECT_NE(std::find(keys.begin(), keys.end(), "gpus_per_node"), keys.end()) << name;
    EXPECT_NE(std::find(keys.begin(), keys.end(), "split"), keys.end()) << name;
  }
  const std::string help = registry.help();
  for (const auto& name : registry.names()) EXPECT_NE(help.find(name), std::string::npos);
  EXPECT_NE(help.find("gpus_per_node=0 (integer)"), std::string::npos) << help;
  EXPECT_NE(help.find("max_level= (string)"), std::string::npos) << help;
}

TEST(Params, UnknownKeySuggestsTheClosest) {
  const struct {
    std::string placement, key, suggestion;
  } cases[] = {{"best-fit", "gpus_per_nod", "gpus_per_node"},
               {"topology", "max_levle", "max_level"},
               {"spread", "splitt", "split"},
               {"random", "gpu_per_node", "gpus_per_node"}};
  for (const auto& c : cases) {
    try {
      make_placement(c.placement, {{c.key, "1"}});
      ADD_FAILURE() << c.placement << ": no error";
    } catch (const InputError& error) {
      EXPECT_EQ(error.key(), "placement " + c.placement);
      EXPECT_NE(error.message().find("did you mean '" + c.suggestion + "'?"), std::string::npos)
          << error.what();
    }
  }
}

TEST(Params, BadValuesAreInputErrors) {
  try {
    make_placement("best-fit", {{"gpus_per_node", "-2"}});
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "placement best-fit.gpus_per_node");
    EXPECT_NE(error.message().find("expected an integer >= 0, got '-2'"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(make_placement("spread", {{"split", "yes"}}), InputError);
}

}  // namespace
}  // namespace podsim::test
