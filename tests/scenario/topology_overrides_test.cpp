// Topology overrides: fewer or more first-level groups, regrouped outer levels, oversubscription.
#include "scenario/topology_overrides.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/input_error.hpp"
#include "topology/topology.hpp"

namespace podsim {
namespace {

Topology pods() { return load_topology(std::string(PODSIM_FIXTURES) + "/scenario/pods.yaml"); }

TEST(TopologyOverrides, NothingToApplyKeepsTheMachine) {
  const Topology topology = apply_topology_overrides(pods(), {}, "pods");
  EXPECT_EQ(topology.nodes().size(), 4u);
  EXPECT_EQ(topology.total_gpus(), 32);
}

TEST(TopologyOverrides, FewerGroupsKeepTheFirst) {
  const Topology topology = apply_topology_overrides(pods(), {1, std::nullopt}, "pods");
  ASSERT_EQ(topology.nodes().size(), 2u);
  EXPECT_EQ(topology.nodes()[0].name, "p01");
  EXPECT_EQ(topology.nodes()[1].name, "p02");
  EXPECT_EQ(topology.total_gpus(), 16);
  EXPECT_EQ(topology.levels()[0].domains, 1);
  EXPECT_EQ(topology.levels()[1].domains, 1);
}

TEST(TopologyOverrides, MoreGroupsCopyTheFirst) {
  const Topology topology = apply_topology_overrides(pods(), {3, std::nullopt}, "pods");
  ASSERT_EQ(topology.nodes().size(), 6u);
  EXPECT_EQ(topology.total_gpus(), 48);
  EXPECT_EQ(topology.levels()[0].domains, 3);
  EXPECT_EQ(topology.levels()[0].domain_names[2], "pod3");
  EXPECT_EQ(topology.nodes()[4].name, "pod3n1");
  EXPECT_EQ(topology.nodes()[5].name, "pod3n2");
  EXPECT_EQ(topology.nodes()[5].type, "box");
  EXPECT_EQ(topology.nodes()[5].domains[0], 2);
  // Same switches per domain: 2 leaves per pod, 2 spines.
  EXPECT_EQ(topology.switch_count(), 3u * 2u + 2u);
}

TEST(TopologyOverrides, SuperPodFromTwoToEightScalableUnits) {
  const Topology base =
      load_topology(std::string(PODSIM_SOURCE_DIR) + "/configs/dgx-h100-superpod.yaml");
  const Topology two = apply_topology_overrides(base, {2, std::nullopt}, "superpod");
  EXPECT_EQ(two.nodes().size(), 64u);
  EXPECT_EQ(two.total_gpus(), 512);
  const Topology eight = apply_topology_overrides(base, {8, std::nullopt}, "superpod");
  EXPECT_EQ(eight.nodes().size(), 127u + 4u * 32u);  // the file's 127, then 4 copies of su1
  EXPECT_EQ(eight.total_gpus(), 2040);
  EXPECT_EQ(eight.nodes()[127].name, "su5n01");
  EXPECT_EQ(eight.nodes().back().name, "su8n32");
  EXPECT_EQ(eight.levels()[0].domains, 8);
  // 16 spines kept, so each leaf-spine edge keeps its bandwidth: 32 x 400 / 16 = 800 Gb/s.
  EXPECT_DOUBLE_EQ(eight.levels()[0].uplink_gbps, base.levels()[0].uplink_gbps);
}

TEST(TopologyOverrides, OversubscriptionDividesUplinks) {
  const Topology base = pods();
  const Topology oversubscribed = apply_topology_overrides(base, {std::nullopt, 2.0}, "pods");
  EXPECT_DOUBLE_EQ(oversubscribed.levels()[0].oversubscription, 2.0);
  EXPECT_DOUBLE_EQ(oversubscribed.levels()[0].uplink_gbps, base.levels()[0].uplink_gbps / 2.0);
  EXPECT_EQ(oversubscribed.total_gpus(), base.total_gpus());
}

TEST(TopologyOverrides, AFlatPoolHasNothingToOverride) {
  try {
    apply_topology_overrides(Topology::flat(8), {2, std::nullopt}, "flat");
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "topology.overrides");
  }
}

}  // namespace
}  // namespace podsim
