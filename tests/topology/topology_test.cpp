#include "topology/topology.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/input_error.hpp"

namespace podsim {
namespace {

const std::string kFixtures = PODSIM_FIXTURES "/topology/";
const std::string kSuperpod = PODSIM_SOURCE_DIR "/configs/dgx-h100-superpod.yaml";

// Edges between a node vertex and a switch of `level`, and between switches of `below` and
// `above`, counted from the graph itself.
struct EdgeCounts {
  std::size_t node_to_level0 = 0;
  std::size_t node_to_level1 = 0;
  std::size_t switch_to_switch = 0;
};

EdgeCounts count_edges(const Topology& topology) {
  EdgeCounts counts;
  const auto& graph = topology.graph();
  for (auto [it, end] = boost::edges(graph); it != end; ++it) {
    const VertexInfo& a = graph[boost::source(*it, graph)];
    const VertexInfo& b = graph[boost::target(*it, graph)];
    if (a.kind == VertexKind::kSwitch && b.kind == VertexKind::kSwitch) {
      ++counts.switch_to_switch;
    } else {
      const VertexInfo& sw = a.kind == VertexKind::kSwitch ? a : b;
      (sw.level == 0 ? counts.node_to_level0 : counts.node_to_level1)++;
    }
  }
  return counts;
}

TEST(Superpod, NodesGpusAndDomains) {
  const Topology topology = load_topology(kSuperpod);
  EXPECT_EQ(topology.name(), "dgx-h100-superpod");
  ASSERT_EQ(topology.nodes().size(), 127u);
  EXPECT_EQ(topology.total_gpus(), 1016);
  EXPECT_EQ(topology.max_node_gpus(), 8);
  EXPECT_EQ(topology.nodes().front().name, "dgx001");
  EXPECT_EQ(topology.nodes().back().name, "dgx127");
  EXPECT_EQ(topology.nodes()[0].nvlink_gbps, 7200);
  EXPECT_EQ(topology.nodes()[0].nics, 8);
  EXPECT_EQ(topology.nodes()[0].nic_gbps, 400);
  ASSERT_EQ(topology.gpu_types().size(), 1u);
  EXPECT_EQ(topology.gpu_types()[0].name, "H100-SXM5");

  ASSERT_EQ(topology.levels().size(), 2u);
  const Level& su = topology.levels()[0];
  const Level& spine = topology.levels()[1];
  EXPECT_EQ(su.domains, 4);
  EXPECT_EQ(su.domain_names, (std::vector<std::string>{"su1", "su2", "su3", "su4"}));
  EXPECT_EQ(spine.domains, 1);
  std::vector<int> per_su(4, 0);
  for (const auto& node : topology.nodes()) {
    ++per_su[static_cast<std::size_t>(node.domains[0])];
    EXPECT_EQ(node.domains[1], 0);
  }
  EXPECT_EQ(per_su, (std::vector<int>{32, 32, 32, 31}));
}

TEST(Superpod, SwitchesEdgesAndBandwidth) {
  const Topology topology = load_topology(kSuperpod);
  const Level& su = topology.levels()[0];
  const Level& spine = topology.levels()[1];
  EXPECT_EQ(su.switches, 8);
  EXPECT_TRUE(su.rails);
  EXPECT_EQ(spine.switches, 16);
  EXPECT_EQ(topology.switch_count(), 8u * 4 + 16);
  EXPECT_EQ(boost::num_vertices(topology.graph()), 127u + 48);

  // 127 nodes x 8 rails, then every one of 32 leaves to every one of 16 spines.
  EXPECT_EQ(boost::num_edges(topology.graph()), 127u * 8 + 32u * 16);
  const EdgeCounts counts = count_edges(topology);
  EXPECT_EQ(counts.node_to_level0, 127u * 8);
  EXPECT_EQ(counts.switch_to_switch, 32u * 16);

  // Non-blocking, sized for a full SU: 32 x 400 Gb/s down = 16 x 800 Gb/s up, su4's leaves too.
  EXPECT_DOUBLE_EQ(su.uplink_gbps, 32 * 400.0 / 16);
  EXPECT_EQ(spine.uplink_gbps, 0);
  const auto& graph = topology.graph();
  const std::size_t su4_leaf = topology.switch_vertex(0, 3, 0);
  EXPECT_EQ(graph[su4_leaf].name, "su4-sw1");
  double down = 0;
  double up = 0;
  for (auto [it, end] = boost::out_edges(su4_leaf, graph); it != end; ++it) {
    const VertexInfo& other = graph[boost::target(*it, graph)];
    (other.kind == VertexKind::kNode ? down : up) += graph[*it].gbps;
  }
  EXPECT_DOUBLE_EQ(down, 31 * 400.0);
  EXPECT_DOUBLE_EQ(up, 16 * 800.0);
}

TEST(Superpod, RailsConnectNicRToLeafR) {
  const Topology topology = load_topology(kSuperpod);
  const auto& graph = topology.graph();
  const ComputeNode& node = topology.nodes()[40];  // dgx041, in su2
  ASSERT_EQ(node.domains[0], 1);
  std::set<std::string> leaves;
  for (auto [it, end] = boost::out_edges(node.vertex, graph); it != end; ++it) {
    const VertexInfo& leaf = graph[boost::target(*it, graph)];
    EXPECT_EQ(leaf.kind, VertexKind::kSwitch);
    EXPECT_EQ(leaf.level, 0);
    EXPECT_EQ(graph[*it].gbps, 400);
    leaves.insert(leaf.name);
  }
  EXPECT_EQ(leaves, (std::set<std::string>{"su2-sw1", "su2-sw2", "su2-sw3", "su2-sw4", "su2-sw5",
                                           "su2-sw6", "su2-sw7", "su2-sw8"}));
}

TEST(Superpod, CommonLevel) {
  const Topology topology = load_topology(kSuperpod);
  EXPECT_EQ(topology.common_level(5, 5), -1);
  EXPECT_EQ(topology.common_level(0, 31), 0);    // dgx001, dgx032: both su1
  EXPECT_EQ(topology.common_level(31, 32), 1);   // su1 and su2 meet at the spine
  EXPECT_EQ(topology.common_level(126, 96), 0);  // dgx127, dgx097: both su4
}

TEST(Superpod, DescriptionIsReadable) {
  const std::string text = describe_topology(load_topology(kSuperpod));
  EXPECT_EQ(text,
            "topology dgx-h100-superpod\n"
            "  nodes: 127, GPUs: 1016\n"
            "  GPU types: H100-SXM5 (speed 1)\n"
            "  node types:\n"
            "    dgx-h100: 127 nodes x 8 H100-SXM5 GPUs, NVLink 7200 Gb/s per GPU, 8 NICs x 400 Gb/s\n"
            "  levels, innermost first:\n"
            "    0 su: 4 domains of 31-32 nodes, 8 switches per domain, rail-optimised, "
            "oversubscription 1:1, 800 Gb/s per uplink edge, latency 1 us\n"
            "    1 spine: 1 domain of 127 nodes, 16 switches per domain, top level, latency 1 us\n"
            "  graph: 175 vertices (127 nodes, 48 switches), 1528 edges\n");
}

TEST(Small, OversubscribedUplinksAndLatency) {
  const Topology topology = load_topology(kFixtures + "small.yaml");
  ASSERT_EQ(topology.nodes().size(), 4u);
  EXPECT_EQ(topology.total_gpus(), 16);
  EXPECT_EQ(topology.gpu_types()[0].speed, 0.5);
  EXPECT_EQ(topology.switch_count(), 6u);
  EXPECT_EQ(boost::num_edges(topology.graph()), 4u * 2 + 4u * 2);
  const Level& leaf = topology.levels()[0];
  EXPECT_EQ(leaf.oversubscription, 2.0);
  // A leaf has 2 nodes x 100 Gb/s below; half of that above, over 2 spines.
  EXPECT_DOUBLE_EQ(leaf.uplink_gbps, 2 * 100.0 / 2.0 / 2);
  EXPECT_EQ(leaf.latency_us, 0.5);
  EXPECT_EQ(topology.levels()[1].latency_us, 1.0);
  const auto& graph = topology.graph();
  for (auto [it, end] = boost::edges(graph); it != end; ++it) {
    const bool uplink = graph[boost::source(*it, graph)].kind == VertexKind::kSwitch &&
                        graph[boost::target(*it, graph)].kind == VertexKind::kSwitch;
    EXPECT_EQ(graph[*it].latency_us, uplink ? 1.0 : 0.5);
    EXPECT_EQ(graph[*it].gbps, uplink ? 50.0 : 100.0);
  }
  EXPECT_EQ(topology.common_level(0, 1), 0);
  EXPECT_EQ(topology.common_level(1, 2), 1);
}

TEST(NvlinkDomain, RacksGroupedIntoSusWithMixedNodes) {
  const Topology topology = load_topology(kFixtures + "nvl.yaml");
  ASSERT_EQ(topology.nodes().size(), 6u);
  EXPECT_EQ(topology.total_gpus(), 5 * 4 + 8);
  EXPECT_EQ(topology.max_node_gpus(), 8);
  EXPECT_EQ(topology.nodes()[5].name, "h1");
  EXPECT_EQ(topology.nodes()[5].type, "dgx");
  EXPECT_EQ(topology.gpu_types()[topology.nodes()[5].gpu_type].name, "H100");
  EXPECT_EQ(topology.gpu_types()[topology.nodes()[0].gpu_type].speed, 2.0);

  ASSERT_EQ(topology.levels().size(), 3u);
  const Level& rack = topology.levels()[0];
  const Level& su = topology.levels()[1];
  EXPECT_EQ(rack.nvlink_gbps, 14400);
  EXPECT_EQ(rack.switches, 1);
  EXPECT_EQ(su.domains, 2);  // 3 racks, 2 per SU
  EXPECT_EQ(su.domain_names, (std::vector<std::string>{"su1", "su2"}));
  EXPECT_EQ(topology.levels()[2].domains, 1);
  // 3 NVSwitch vertices + 2 SUs x 2 leaves + 2 spines.
  EXPECT_EQ(topology.switch_count(), 9u);
  const EdgeCounts counts = count_edges(topology);
  EXPECT_EQ(counts.node_to_level0, 6u);
  EXPECT_EQ(counts.node_to_level1, 6u);  // no rails: one bundled edge per node
  EXPECT_EQ(counts.switch_to_switch, 4u * 2);
  // Fullest leaf: two trays of 4 x 400 Gb/s = 3200 Gb/s; / 4 oversubscription / 2 spines.
  EXPECT_DOUBLE_EQ(su.uplink_gbps, 400.0);

  const auto& graph = topology.graph();
  const std::size_t nvswitch = topology.switch_vertex(0, 2, 0);
  EXPECT_EQ(graph[nvswitch].name, "rack3-nvswitch");
  EXPECT_EQ(boost::out_degree(nvswitch, graph), 2u);
  const auto [edge, found] = boost::edge(topology.nodes()[5].vertex, nvswitch, graph);
  ASSERT_TRUE(found);
  EXPECT_EQ(graph[edge].gbps, 8 * 14400.0);

  EXPECT_EQ(topology.common_level(0, 1), 0);  // same rack
  EXPECT_EQ(topology.common_level(0, 2), 1);  // same SU
  EXPECT_EQ(topology.common_level(0, 4), 2);  // only the spine
}

struct BadCase {
  std::string file;
  int line;
  std::string key;
  std::string fragment;
};

class BadTopology : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadTopology, NamesLineKeyAndProblem) {
  const BadCase& bad = GetParam();
  const std::string path = kFixtures + bad.file;
  try {
    load_topology(path);
    ADD_FAILURE() << bad.file << " loaded";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), path);
    EXPECT_EQ(error.line(), bad.line) << error.what();
    EXPECT_EQ(error.key(), bad.key) << error.what();
    EXPECT_NE(error.message().find(bad.fragment), std::string::npos) << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BadTopology,
    ::testing::Values(
        BadCase{"bad_typo_key.yaml", 8, "node_types.box.nvlnk_gbps",
                "unknown key 'nvlnk_gbps' (did you mean 'nvlink_gbps'?)"},
        BadCase{"bad_missing_gpus.yaml", 5, "node_types.box.gpus", "missing key 'gpus'"},
        BadCase{"bad_hostlist.yaml", 10, "groups.g2.nodes", "'[' without ']'"},
        BadCase{"bad_syntax.yaml", 6, "", "unclosed '{'"},
        BadCase{"bad_node_type.yaml", 12, "groups.su2.type",
                "unknown node type 'dgx-h10' (did you mean 'dgx-h100'?)"}),
    [](const ::testing::TestParamInfo<BadCase>& test) {
      return test.param.file.substr(0, test.param.file.find('.'));
    });

// Errors in text given inline: each names the key path and what was expected.
void expect_error(const std::string& yaml, const std::string& key, const std::string& fragment) {
  try {
    parse_topology(yaml, "<test>");
    ADD_FAILURE() << "no error; expected " << fragment;
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "<test>");
    EXPECT_EQ(error.key(), key) << error.what();
    EXPECT_NE(error.message().find(fragment), std::string::npos) << error.what();
  }
}

const std::string kHead =
    "name: t\n"
    "gpu_types: {G: {}}\n"
    "node_types: {box: {gpus: 4, nvlink_gbps: 800, nics: 2, nic_gbps: 100}}\n";

TEST(BadTopologyText, NodePowerAndPrice) {
  const auto with_box = [](const std::string& extra) {
    return "name: t\ngpu_types: {G: {}}\nnode_types: {box: {gpus: 4, nvlink_gbps: 800, nics: 2, "
           "nic_gbps: 100, " +
           extra + "}}\nlevels: [{name: l, switches: 1}]\ngroups: {a: \"n1\"}\n";
  };
  expect_error(with_box("idle_w: 100"), "node_types.box", "both idle_w and busy_w");
  expect_error(with_box("idle_w: 900, busy_w: 800"), "node_types.box.busy_w",
               "expected busy_w >= idle_w (900 W), found 800 W");
  expect_error(with_box("idle_w: 0, busy_w: 1e300"), "node_types.box.busy_w", "at most 1000000 W");
  expect_error(with_box("price_usd: -1"), "node_types.box.price_usd", "expected a number >= 0");
  const Topology ok = parse_topology(with_box("idle_w: 100, busy_w: 900, price_usd: 5000"), "t");
  ASSERT_EQ(ok.node_types().size(), 1u);
  EXPECT_EQ(ok.node_types()[0].nodes, 1);
  EXPECT_DOUBLE_EQ(ok.node_types()[0].costs.idle_w, 100);
  EXPECT_DOUBLE_EQ(ok.node_types()[0].costs.busy_w, 900);
  EXPECT_DOUBLE_EQ(ok.node_types()[0].costs.price_usd, 5000);
}

TEST(BadTopologyText, Validation) {
  expect_error("", "", "expected a mapping");
  expect_error("name: t\n", "gpu_types", "missing key 'gpu_types'");
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {}\n", "groups",
               "at least one group");
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {a: \"n[1-2]\", b: \"n2\"}\n",
               "groups.b", "node 'n2' is listed twice (also in group 'a')");
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {a: \"n1\"}\ngroupz: 1\n",
               "groupz", "did you mean 'groups'?");
  expect_error(kHead + "levels: [{name: l, switches: 0}]\ngroups: {a: \"n1\"}\n",
               "levels[0].switches", "expected an integer >= 1, found '0'");
  expect_error(kHead + "levels: [{name: l, leaf_switches: 1, rails: true}]\ngroups: {a: \"n1\"}\n",
               "levels[0].rails", "node type 'box' has 2 NICs");
  expect_error(kHead + "levels: [{name: l, switches: 2, uplink_oversubscription: 0.5}, "
                       "{name: s, switches: 1}]\ngroups: {a: \"n1\"}\n",
               "levels[0].uplink_oversubscription", "expected a number >= 1, found '0.5'");
  expect_error(kHead + "levels: [{name: l, switches: 2, uplink_oversubscription: 2}]\n"
                       "groups: {a: \"n1\"}\n",
               "levels[0].uplink_oversubscription", "no uplinks");
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {a: \"n1\", b: \"n2\"}\n",
               "levels[0]", "nothing connects them");
  expect_error(kHead + "levels: [{name: l, switches: 1}, {name: l, switches: 1}]\n"
                       "groups: {a: \"n1\"}\n",
               "levels[1].name", "already used");
  expect_error(kHead + "levels: [{name: l, switches: 1}, {name: r, nvlink_gbps: 100}]\n"
                       "groups: {a: \"n1\"}\n",
               "levels[1].nvlink_gbps", "must be the first");
  expect_error(kHead + "levels: [{name: l, switches: 1, group_size: 2}]\ngroups: {a: \"n1\"}\n",
               "levels[0].group_size", "outer levels only");
  expect_error(kHead + "levels: [{name: l}]\ngroups: {a: \"n1\"}\n", "levels[0].switches",
               "missing key 'switches'");
  expect_error(
      "name: t\ngpu_types: {G: {}, H: {}}\n"
      "node_types: {box: {gpus: 4, nvlink_gbps: 800, nics: 2, nic_gbps: 100}}\n",
      "node_types.box.gpu_type", "expected one of the GPU types (G, H)");
  expect_error(
      "name: t\ngpu_types: {G: {speed: -1}}\n", "gpu_types.G.speed",
      "expected a number > 0, found '-1'");
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {a: \"n1\", b: \"n1\"}\n"
                       "name: u\n",
               "name", "given twice");
}

TEST(BadTopologyText, SwitchNamesMustNotShadowNodes) {
  expect_error(kHead + "levels: [{name: l, switches: 1}]\ngroups: {a: \"a-sw1\"}\n", "levels[0]",
               "also a node name");
}

// A node's GPU count and the machine's total are bounded (kMaxNodeGpus, kMaxMachineGpus), so no
// count wraps an int: gpus: 2^31 - 1 on 4 nodes once validated as "-4 GPUs", 2^30 as "0 GPUs".
TEST(BadTopologyText, GpuCountsAreBoundedPerNodeAndPerMachine) {
  const auto error_of = [](const std::string& yaml) {
    try {
      parse_topology(yaml, "<test>");
    } catch (const InputError& error) {
      return error;
    }
    ADD_FAILURE() << "no error for\n" << yaml;
    return InputError("", 0, "", "");
  };
  const auto machine = [](int gpus, const std::string& groups) {
    return fmt::format(
        "name: t\ngpu_types: {{G: {{}}}}\n"
        "node_types:\n  box: {{gpus: {}, nvlink_gbps: 800, nics: 1, nic_gbps: 100}}\n"
        "levels: [{{name: l, switches: 1}}]\ngroups:\n{}",
        gpus, groups);
  };
  for (const int gpus : {2147483647, 1073741824, kMaxNodeGpus + 1}) {
    const InputError error = error_of(machine(gpus, "  a: \"n[1-4]\"\n"));
    EXPECT_EQ(error.line(), 4) << error.what();
    EXPECT_EQ(error.key(), "node_types.box.gpus") << error.what();
    EXPECT_NE(error.message().find(fmt::format("expected an integer in [1, {}]", kMaxNodeGpus)),
              std::string::npos)
        << error.what();
  }
  // The sum: 1,024 nodes of 1,024 GPUs fit exactly; one more node is named where it is listed.
  const Topology largest = parse_topology(machine(kMaxNodeGpus, "  a: \"n[1-1024]\"\n"), "<t>");
  EXPECT_EQ(largest.total_gpus(), kMaxMachineGpus);
  const InputError error =
      error_of(machine(kMaxNodeGpus, "  a: \"n[1-1000]\"\n  b: \"m[1-25]\"\n"));
  EXPECT_EQ(error.line(), 8) << error.what();
  EXPECT_EQ(error.key(), "groups.b") << error.what();
  EXPECT_NE(error.message().find("bring the machine to 1049600 GPUs, more than the 1048576"),
            std::string::npos)
      << error.what();
}

TEST(Flat, OneNodeNoNetwork) {
  const Topology topology = Topology::flat(240);
  EXPECT_EQ(topology.name(), "flat");
  ASSERT_EQ(topology.nodes().size(), 1u);
  EXPECT_EQ(topology.nodes()[0].name, "flat");
  EXPECT_EQ(topology.nodes()[0].gpus, 240);
  EXPECT_EQ(topology.total_gpus(), 240);
  EXPECT_EQ(topology.max_node_gpus(), 240);
  ASSERT_EQ(topology.gpu_types().size(), 1u);
  EXPECT_EQ(topology.gpu_types()[0].name, "generic");
  EXPECT_EQ(topology.gpu_types()[0].speed, 1.0);
  EXPECT_TRUE(topology.levels().empty());
  EXPECT_EQ(topology.switch_count(), 0u);
  EXPECT_EQ(boost::num_vertices(topology.graph()), 1u);
  EXPECT_EQ(boost::num_edges(topology.graph()), 0u);
  EXPECT_EQ(topology.common_level(0, 0), -1);
  EXPECT_THROW(Topology::flat(0), InputError);
  EXPECT_EQ(Topology::flat(kMaxMachineGpus).total_gpus(), kMaxMachineGpus);
  EXPECT_THROW(Topology::flat(kMaxMachineGpus + 1), InputError);
  EXPECT_THROW(Topology::flat(2147483647), InputError);
}

}  // namespace
}  // namespace podsim
