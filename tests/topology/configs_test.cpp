// Every topology in configs/ loads, and its headline numbers are the ones its header comment
// derives from the reference architectures (nodes, GPUs, switches, levels).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "topology/topology.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

const fs::path kConfigs = fs::path(PODSIM_SOURCE_DIR) / "configs";

struct Headline {
  std::size_t nodes;
  int gpus;
  std::size_t switches;  // switch vertices: IB switches plus one NVSwitch vertex per NVLink domain
  std::size_t levels;
};

const std::map<std::string, Headline> kHeadlines = {
    {"dgx-h100-superpod.yaml", {127, 1016, 32 + 16, 2}},
    {"dgx-a100-superpod.yaml", {140, 1120, 56 + 56, 2}},
    {"gb200-nvl72.yaml", {288, 1152, 16 + 36 + 18, 3}},
    {"heterogeneous-h100-a100.yaml", {104, 832, 32 + 16, 2}},
    {"oversubscribed-2to1.yaml", {127, 1016, 32 + 8, 2}},
};

// configs/ also holds other inputs (e.g. model tables); a topology is a file with `levels:`.
bool is_topology_file(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("levels:", 0) == 0) return true;
  }
  return false;
}

TEST(Configs, EveryTopologyLoadsWithItsHeadlineNumbers) {
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(kConfigs)) {
    if (entry.path().extension() != ".yaml" || !is_topology_file(entry.path())) continue;
    const std::string file = entry.path().filename().string();
    SCOPED_TRACE(file);
    const auto expected = kHeadlines.find(file);
    ASSERT_NE(expected, kHeadlines.end())
        << "a topology in configs/ without headline numbers in this test: add them";
    const Topology topology = load_topology(entry.path().string());
    EXPECT_EQ(topology.nodes().size(), expected->second.nodes);
    EXPECT_EQ(topology.total_gpus(), expected->second.gpus);
    EXPECT_EQ(topology.switch_count(), expected->second.switches);
    EXPECT_EQ(topology.levels().size(), expected->second.levels);
    // Every shipped machine gives power and price, so every run on it reports energy and cost.
    for (const NodeType& type : topology.node_types()) {
      EXPECT_TRUE(type.costs.has_power()) << type.name;
      EXPECT_GT(type.costs.price_usd, 0) << type.name;
    }
    ++checked;
  }
  EXPECT_EQ(checked, kHeadlines.size()) << "a config named in this test is missing from configs/";
}

const Level& level_named(const Topology& topology, const std::string& name) {
  const auto& levels = topology.levels();
  const auto it = std::find_if(levels.begin(), levels.end(),
                               [&](const Level& level) { return level.name == name; });
  EXPECT_NE(it, levels.end()) << name;
  return *it;
}

std::vector<int> nodes_per_domain(const Topology& topology, std::size_t level) {
  std::vector<int> counts(static_cast<std::size_t>(topology.levels()[level].domains), 0);
  for (const auto& node : topology.nodes()) ++counts[static_cast<std::size_t>(node.domains[level])];
  return counts;
}

TEST(Configs, DgxA100SuperPod) {
  const Topology topology = load_topology((kConfigs / "dgx-a100-superpod.yaml").string());
  EXPECT_EQ(nodes_per_domain(topology, 0), std::vector<int>(7, 20));
  const ComputeNode& node = topology.nodes().front();
  EXPECT_EQ(node.gpus, 8);
  EXPECT_EQ(node.nvlink_gbps, 4800);  // 600 GB/s
  EXPECT_EQ(node.nics, 8);
  EXPECT_EQ(node.nic_gbps, 200);  // HDR
  const Level& su = level_named(topology, "su");
  EXPECT_EQ(su.switches, 8);
  EXPECT_TRUE(su.rails);
  EXPECT_EQ(level_named(topology, "spine").switches, 56);
  // Non-blocking: a leaf's 20 x 200 Gb/s down equals its uplinks to the 56 spines.
  EXPECT_DOUBLE_EQ(su.uplink_gbps * 56, 20 * 200.0);
  EXPECT_NEAR(topology.gpu_types()[0].speed, 1.0 / 3, 0.001);
}

TEST(Configs, Gb200Nvl72) {
  const Topology topology = load_topology((kConfigs / "gb200-nvl72.yaml").string());
  const Level& rack = topology.levels()[0];
  EXPECT_EQ(rack.name, "rack");
  EXPECT_EQ(rack.nvlink_gbps, 14400);  // 1.8 TB/s per GPU
  EXPECT_EQ(nodes_per_domain(topology, 0), std::vector<int>(16, 18));
  EXPECT_EQ(topology.nodes().front().gpus * 18, 72);  // one NVL72 per rack
  const Level& su = topology.levels()[1];
  EXPECT_EQ(su.name, "su");
  EXPECT_EQ(nodes_per_domain(topology, 1), std::vector<int>(2, 8 * 18));  // 576 GPUs per SU
  EXPECT_EQ(su.switches, 18);
  EXPECT_FALSE(su.rails);
  EXPECT_EQ(topology.nodes().front().nic_gbps, 400);  // NDR, ConnectX-7
  // 8 trays x 4 NICs x 400 Gb/s per leaf, over 18 spines.
  EXPECT_DOUBLE_EQ(su.uplink_gbps * 18, 8 * 4 * 400.0);
  // Two trays of one rack meet in their NVLink domain; of two racks in an SU, at the SU level.
  EXPECT_EQ(topology.common_level(0, 17), 0);
  EXPECT_EQ(topology.common_level(0, 18), 1);
  EXPECT_EQ(topology.common_level(0, 144), 2);
}

TEST(Configs, HeterogeneousH100A100) {
  const Topology topology = load_topology((kConfigs / "heterogeneous-h100-a100.yaml").string());
  ASSERT_EQ(topology.gpu_types().size(), 2u);
  std::map<std::string, int> gpus_by_type;
  for (const auto& node : topology.nodes()) {
    gpus_by_type[topology.gpu_types()[node.gpu_type].name] += node.gpus;
  }
  EXPECT_EQ(gpus_by_type["H100-SXM5"], 512);
  EXPECT_EQ(gpus_by_type["A100-SXM4-80GB"], 320);
  const double ratio = topology.gpu_types()[0].speed / topology.gpu_types()[1].speed;
  EXPECT_NEAR(ratio, 3.0, 0.01);  // the cited H100 : A100 LLM-training speed ratio
  EXPECT_EQ(nodes_per_domain(topology, 0), (std::vector<int>{32, 32, 20, 20}));
  EXPECT_EQ(topology.nodes().front().nic_gbps, 400);
  EXPECT_EQ(topology.nodes().back().nic_gbps, 200);
  EXPECT_EQ(topology.nodes().back().nvlink_gbps, 4800);
}

TEST(Configs, OversubscribedHalvesTheUplinksOfTheSuperPod) {
  const Topology blocking = load_topology((kConfigs / "oversubscribed-2to1.yaml").string());
  const Topology full = load_topology((kConfigs / "dgx-h100-superpod.yaml").string());
  const Level& leaf = blocking.levels()[0];
  EXPECT_EQ(leaf.oversubscription, 2.0);
  EXPECT_EQ(blocking.levels()[1].switches, 8);
  // A leaf's total uplink: 32 x 400 / 2 = 6,400 Gb/s, half of the non-blocking design's.
  const double up = leaf.uplink_gbps * blocking.levels()[1].switches;
  const double full_up = full.levels()[0].uplink_gbps * full.levels()[1].switches;
  EXPECT_DOUBLE_EQ(up, 6400);
  EXPECT_DOUBLE_EQ(full_up, 12800);
  EXPECT_EQ(leaf.uplink_gbps, 800);  // same cable speed per leaf-spine edge, half the edges
  EXPECT_EQ(blocking.nodes().size(), full.nodes().size());
}

}  // namespace
}  // namespace podsim
