// Slurm topology.conf export and import (topology/tree and topology/block).
// The issue's must-show: exporting the DGX H100 SuperPOD and importing it back gives the same
// node names, the same grouping of nodes into leaf groups, the same levels and domains, the same
// node and GPU counts (with the default options, the very same topology).
#include "topology/slurm_topology.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/input_error.hpp"
#include "support/read_file.hpp"
#include "topology/topology_spec.hpp"

namespace podsim {
namespace {

const std::string kConfigs = PODSIM_SOURCE_DIR "/configs/";
const std::string kFixtures = PODSIM_FIXTURES "/topology/";

// The statements of a topology.conf, without the comment lines.
std::vector<std::string> statements(const std::string& conf) {
  std::vector<std::string> out;
  std::istringstream in(conf);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

// What the round trip must keep: node names in order, and for every level the grouping of the
// nodes into domains (by domain name) and the number of domains.
void expect_same_structure(const Topology& a, const Topology& b) {
  ASSERT_EQ(a.nodes().size(), b.nodes().size());
  EXPECT_EQ(a.total_gpus(), b.total_gpus());
  ASSERT_EQ(a.levels().size(), b.levels().size());
  for (std::size_t l = 0; l < a.levels().size(); ++l) {
    EXPECT_EQ(a.levels()[l].domains, b.levels()[l].domains) << "level " << l;
    EXPECT_EQ(a.levels()[l].nvlink_gbps > 0, b.levels()[l].nvlink_gbps > 0) << "level " << l;
  }
  EXPECT_EQ(a.levels()[0].domain_names, b.levels()[0].domain_names);
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    EXPECT_EQ(a.nodes()[i].name, b.nodes()[i].name);
    EXPECT_EQ(a.nodes()[i].domains, b.nodes()[i].domains) << a.nodes()[i].name;
  }
}

// to_yaml without its first line (the name), to compare topologies that differ only by name.
std::string body(const Topology& topology) {
  const std::string yaml = to_yaml(topology);
  return yaml.substr(yaml.find('\n'));
}

// --- export ---------------------------------------------------------------------------------

TEST(SlurmExport, SuperPodTreeIsOneLogicalSwitchPerDomain) {
  const Topology superpod = load_topology(kConfigs + "dgx-h100-superpod.yaml");
  const std::string conf = export_slurm_tree(superpod);
  EXPECT_EQ(statements(conf), (std::vector<std::string>{
                                  "SwitchName=su1 Nodes=dgx[001-032]",
                                  "SwitchName=su2 Nodes=dgx[033-064]",
                                  "SwitchName=su3 Nodes=dgx[065-096]",
                                  "SwitchName=su4 Nodes=dgx[097-127]",
                                  "SwitchName=spine Switches=su[1-4]",
                              }));
  // The header documents the simplification.
  EXPECT_EQ(conf.rfind("# Slurm topology.conf for TopologyPlugin=topology/tree", 0), 0u) << conf;
  EXPECT_NE(conf.find("ONE logical switch"), std::string::npos);
  EXPECT_NE(conf.find("su: 4 domains x 8 switches (rail-optimised)"), std::string::npos);
}

TEST(SlurmExport, Gb200TreeWritesTheRacksAsSwitches) {
  const std::string conf = export_slurm_tree(load_topology(kConfigs + "gb200-nvl72.yaml"));
  const auto lines = statements(conf);
  ASSERT_EQ(lines.size(), 16u + 2 + 1);
  EXPECT_EQ(lines[0], "SwitchName=rack1 Nodes=gb200-r01-n[01-18]");
  EXPECT_EQ(lines[15], "SwitchName=rack16 Nodes=gb200-r16-n[01-18]");
  EXPECT_EQ(lines[16], "SwitchName=su1 Switches=rack[1-8]");
  EXPECT_EQ(lines[17], "SwitchName=su2 Switches=rack[9-16]");
  EXPECT_EQ(lines[18], "SwitchName=spine Switches=su[1-2]");
  EXPECT_NE(conf.find("NVLink domains of level 'rack' are written as switches"), std::string::npos);
}

TEST(SlurmExport, Gb200BlocksAreTheNvl72Racks) {
  const std::string conf = export_slurm_block(load_topology(kConfigs + "gb200-nvl72.yaml"));
  const auto lines = statements(conf);
  ASSERT_EQ(lines.size(), 17u);
  EXPECT_EQ(lines[0], "BlockName=rack1 Nodes=gb200-r01-n[01-18]");
  EXPECT_EQ(lines[15], "BlockName=rack16 Nodes=gb200-r16-n[01-18]");
  // A rack (18 trays), an SU (8 racks), both SUs (16 racks).
  EXPECT_EQ(lines[16], "BlockSizes=18,144,288");
  EXPECT_EQ(conf.rfind("# Slurm topology.conf for TopologyPlugin=topology/block", 0), 0u);
}

TEST(SlurmExport, BlockSizesLeaveOutLevelsThatAreNotPowersOfTwo) {
  // DGX A100: 7 SUs under the spine; Slurm aggregates blocks in powers of two only.
  const std::string a100 = export_slurm_block(load_topology(kConfigs + "dgx-a100-superpod.yaml"));
  EXPECT_EQ(statements(a100).back(), "BlockSizes=20");
  EXPECT_NE(a100.find("level 'spine' (7 blocks per domain) is not a power-of-two multiple"),
            std::string::npos)
      << a100;
  // DGX H100: the smallest SU (31 nodes) is the base; 4 SUs aggregate to 124.
  const std::string h100 = export_slurm_block(load_topology(kConfigs + "dgx-h100-superpod.yaml"));
  EXPECT_EQ(statements(h100).back(), "BlockSizes=31,124");
  EXPECT_EQ(statements(h100)[3], "BlockName=su4 Nodes=dgx[097-127]");
}

TEST(SlurmExport, IrregularLevelsAreNamedInAComment) {
  const Topology topology = parse_topology(R"(name: irregular
gpu_types: {G: {}}
node_types: {n: {gpus: 4, nvlink_gbps: 100, nics: 1, nic_gbps: 100}}
levels:
  - {name: leaf, switches: 1}
  - {name: agg, switches: 2, group_sizes: [2, 1, 1]}
  - {name: top, switches: 1}
groups: {l1: "a[1-2]", l2: "a[3-4]", l3: "a[5-6]", l4: "a[7-8]"}
)",
                                           "irregular");
  const std::string block = export_slurm_block(topology);
  EXPECT_NE(block.find("level 'agg' holds different numbers of blocks per domain (2, 1, 1)"),
            std::string::npos)
      << block;
  EXPECT_EQ(statements(block).back(), "BlockSizes=2,8");  // top: 4 blocks
  EXPECT_EQ(statements(export_slurm_tree(topology)),
            (std::vector<std::string>{"SwitchName=l1 Nodes=a[1-2]", "SwitchName=l2 Nodes=a[3-4]",
                                      "SwitchName=l3 Nodes=a[5-6]", "SwitchName=l4 Nodes=a[7-8]",
                                      "SwitchName=agg1 Switches=l[1-2]",
                                      "SwitchName=agg2 Switches=l3", "SwitchName=agg3 Switches=l4",
                                      "SwitchName=top Switches=agg[1-3]"}));
}

TEST(SlurmExport, NamesSlurmCannotTakeAreErrors) {
  const Topology spaced = parse_topology(R"(name: spaced
gpu_types: {G: {}}
node_types: {n: {gpus: 1, nvlink_gbps: 1, nics: 1, nic_gbps: 1}}
levels: [{name: leaf, switches: 1}]
groups: {"my group": "a1"}
)",
                                         "spaced");
  try {
    export_slurm_tree(spaced);
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "groups.my group");
    EXPECT_NE(
        error.message().find("'my group' cannot be a Slurm switch or block name: it holds ' '"),
        std::string::npos)
        << error.what();
  }
  EXPECT_THROW(export_slurm_block(spaced), InputError);
  EXPECT_THROW(export_slurm_tree(Topology::flat(8)), InputError);
}

// --- round trips ----------------------------------------------------------------------------

TEST(SlurmRoundTrip, SuperPodTreeImportsBackUnchanged) {
  const Topology superpod = load_topology(kConfigs + "dgx-h100-superpod.yaml");
  const Topology imported =
      import_slurm_topology(export_slurm_tree(superpod), "superpod.conf", SlurmImportOptions{});
  expect_same_structure(superpod, imported);
  EXPECT_EQ(imported.nodes().size(), 127u);
  EXPECT_EQ(imported.total_gpus(), 1016);
  EXPECT_EQ(imported.levels()[1].domain_names, (std::vector<std::string>{"spine"}));
  EXPECT_EQ(imported.name(), "superpod");  // the file name, no name in topology.conf
  // The default options are the SuperPOD's hardware, so nothing else differs either.
  EXPECT_EQ(body(imported), body(superpod));
  EXPECT_EQ(imported.switch_count(), superpod.switch_count());
  EXPECT_EQ(boost::num_edges(imported.graph()), boost::num_edges(superpod.graph()));
}

TEST(SlurmRoundTrip, SuperPodBlocksKeepTheGrouping) {
  const Topology superpod = load_topology(kConfigs + "dgx-h100-superpod.yaml");
  const Topology imported =
      import_slurm_topology(export_slurm_block(superpod), "superpod.conf", SlurmImportOptions{});
  expect_same_structure(superpod, imported);
  EXPECT_EQ(imported.levels()[1].name, "bs124");  // topology/block has no level names
}

SlurmImportOptions gb200_options() {
  SlurmImportOptions options;
  options.gpu_type = "B200";
  options.gpu_speed = 2.0;
  options.node_type = "gb200-tray";
  options.gpus_per_node = 4;
  options.nvlink_gbps = 14400;
  options.nics = 4;
  options.rails = false;
  options.leaf_switches = 18;
  options.spine_switches = 18;
  options.nvlink_domain_gbps = 14400;
  options.costs = {1700, 6700, 167000};
  return options;
}

TEST(SlurmRoundTrip, Gb200TreeWithNvlinkDomainsIsTheSameTopology) {
  const Topology gb200 = load_topology(kConfigs + "gb200-nvl72.yaml");
  SlurmImportOptions options = gb200_options();
  options.name = "gb200-nvl72";
  const Topology imported = import_slurm_topology(export_slurm_tree(gb200), "x.conf", options);
  expect_same_structure(gb200, imported);
  EXPECT_EQ(to_yaml(imported), to_yaml(gb200));
}

TEST(SlurmRoundTrip, Gb200BlocksRebuildRacksSusAndSpine) {
  const Topology gb200 = load_topology(kConfigs + "gb200-nvl72.yaml");
  const Topology imported =
      import_slurm_topology(export_slurm_block(gb200), "gb.conf", gb200_options());
  expect_same_structure(gb200, imported);
  EXPECT_EQ(imported.levels()[1].domain_names, (std::vector<std::string>{"bs144-1", "bs144-2"}));
  EXPECT_EQ(imported.switch_count(), gb200.switch_count());
  EXPECT_EQ(imported.levels()[1].uplink_gbps, gb200.levels()[1].uplink_gbps);
}

TEST(SlurmRoundTrip, EveryConfigKeepsItsStructureThroughTree) {
  for (const char* file :
       {"dgx-a100-superpod.yaml", "heterogeneous-h100-a100.yaml", "oversubscribed-2to1.yaml"}) {
    SCOPED_TRACE(file);
    const Topology original = load_topology(kConfigs + file);
    expect_same_structure(original,
                          import_slurm_topology(export_slurm_tree(original), "x.conf", {}));
    expect_same_structure(original,
                          import_slurm_topology(export_slurm_block(original), "x.conf", {}));
  }
}

// --- import syntax --------------------------------------------------------------------------

TEST(SlurmImport, ReadsCommentsContinuationsQuotesAndAnyCase) {
  const std::string file = kFixtures + "slurm_tree_features.conf";
  SlurmImportOptions options;
  options.gpus_per_node = 4;
  options.nics = 2;
  const Topology topology = import_slurm_topology(test::read_file(file), file, options);
  EXPECT_EQ(topology.name(), "slurm_tree_features");
  ASSERT_EQ(topology.nodes().size(), 12u);
  EXPECT_EQ(topology.total_gpus(), 48);
  EXPECT_EQ(topology.levels()[0].domain_names,
            (std::vector<std::string>{"leafA", "leafB", "leafC"}));
  EXPECT_EQ(topology.levels()[1].domain_names, (std::vector<std::string>{"top#1"}));
  std::vector<int> leaf_of;
  for (const auto& node : topology.nodes()) leaf_of.push_back(node.domains[0]);
  EXPECT_EQ(leaf_of, (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}));
  EXPECT_EQ(topology.nodes()[11].name, "n12");
  EXPECT_EQ(topology.levels()[0].name, "leafA");  // stem of the first leaf (no trailing digits)
}

TEST(SlurmImport, SwitchesWithTheSameChildrenAreOneDomain) {
  // slurmibtopology-style: 4 rail leaves per SU listing the same nodes, 2 spines over all.
  const std::string file = kFixtures + "slurm_rails_physical.conf";
  SlurmImportOptions options;
  options.nics = 4;
  const std::string yaml = slurm_topology_to_yaml(test::read_file(file), file, options);
  const Topology topology = parse_topology(yaml, "imported");
  ASSERT_EQ(topology.levels().size(), 2u);
  EXPECT_EQ(topology.levels()[0].domain_names, (std::vector<std::string>{"su1-rail", "su2-rail"}));
  EXPECT_EQ(topology.levels()[0].switches, 4);  // from the file, not the option (8)
  EXPECT_TRUE(topology.levels()[0].rails);
  EXPECT_EQ(topology.levels()[1].domain_names, (std::vector<std::string>{"spine"}));
  EXPECT_EQ(topology.levels()[1].switches, 2);
  EXPECT_EQ(topology.nodes().size(), 8u);
  EXPECT_NE(yaml.find("  # Slurm switches su1-rail[1-4] (same children)\n  su1-rail: {"),
            std::string::npos)
      << yaml;
}

TEST(SlurmImport, RailAlignedSpineGroupsMergeToo) {
  // Spine r joins rail r of every SU: each spine reaches both SUs, so they form one domain.
  const std::string conf =
      "SwitchName=a1 Nodes=n[1-2]\nSwitchName=a2 Nodes=n[1-2]\n"
      "SwitchName=b1 Nodes=n[3-4]\nSwitchName=b2 Nodes=n[3-4]\n"
      "SwitchName=s1 Switches=a1,b1\nSwitchName=s2 Switches=a2,b2\n";
  SlurmImportOptions options;
  options.nics = 2;
  const Topology topology = import_slurm_topology(conf, "rails.conf", options);
  EXPECT_EQ(topology.levels()[0].switches, 2);
  EXPECT_EQ(topology.levels()[1].switches, 2);
  EXPECT_EQ(topology.levels()[1].domain_names, (std::vector<std::string>{"s"}));
}

TEST(SlurmImport, IrregularFanOutUsesGroupSizes) {
  std::string text;
  for (int l = 1; l <= 9; ++l) {
    text += "SwitchName=l" + std::to_string(l) + " Nodes=n" + std::to_string(l) + "\n";
  }
  text +=
      "SwitchName=agg1 Switches=l[1-3]\nSwitchName=agg2 Switches=l[4-5]\n"
      "SwitchName=agg3 Switches=l[6-9]\nSwitchName=core Switches=agg[1-3]\n";
  SlurmImportOptions options;
  options.rails = false;
  const std::string yaml = slurm_topology_to_yaml(text, "irregular.conf", options);
  EXPECT_NE(
      yaml.find("{name: agg, switches: 16, uplink_oversubscription: 1, group_sizes: [3, 2, 4]}"),
      std::string::npos)
      << yaml;
  const Topology topology = parse_topology(yaml, "irregular");
  EXPECT_EQ(topology.levels()[1].domain_names, (std::vector<std::string>{"agg1", "agg2", "agg3"}));
  EXPECT_EQ(topology.levels()[2].domain_names, (std::vector<std::string>{"core"}));
  EXPECT_EQ(topology.common_level(2, 3), 2);  // n3 (agg1) and n4 (agg2)
  EXPECT_EQ(topology.common_level(3, 4), 1);  // n4, n5 (agg2)
}

TEST(SlurmImport, OuterSwitchesNotNamedPrefixAndNumberKeepTheirNamesInAComment) {
  const std::string text =
      "SwitchName=l1 Nodes=n1\nSwitchName=l2 Nodes=n2\nSwitchName=l3 Nodes=n3\n"
      "SwitchName=east Switches=l[1-2]\nSwitchName=west Switches=l3\n"
      "SwitchName=core Switches=east,west\n";
  SlurmImportOptions options;
  options.rails = false;
  const std::string yaml = slurm_topology_to_yaml(text, "named.conf", options);
  EXPECT_NE(yaml.find("# Slurm switches east, west are domains level1-1, level1-2"),
            std::string::npos)
      << yaml;
  const Topology topology = parse_topology(yaml, "named");
  EXPECT_EQ(topology.levels()[1].domains, 2);
  EXPECT_EQ(topology.levels()[0].domain_names, (std::vector<std::string>{"l1", "l2", "l3"}));
}

TEST(SlurmImport, BlocksWithoutSizesGetAFabricLevel) {
  const std::string text =
      "BlockName=b1 Nodes=n[1-4]\nBlockName=b2 Nodes=n[5-8]\n"
      "BlockName=b3 Nodes=n[9-12]\n";
  SlurmImportOptions options;
  options.nvlink_domain_gbps = 7200;
  options.rails = false;
  const Topology topology = import_slurm_topology(text, "blocks.conf", options);
  ASSERT_EQ(topology.levels().size(), 2u);
  EXPECT_EQ(topology.levels()[0].nvlink_gbps, 7200);
  EXPECT_EQ(topology.levels()[0].name, "b");
  EXPECT_EQ(topology.levels()[1].name, "fabric");
  EXPECT_EQ(topology.levels()[1].switches, 8);  // the first switch level gets leaf_switches
}

TEST(SlurmImport, BlockSizesBecomeLevels) {
  std::string text;
  for (int b = 1; b <= 6; ++b) {
    text += "BlockName=b" + std::to_string(b) + " Nodes=n" + std::to_string(b) + "[1-2]\n";
  }
  text += "BlockSizes=2,4\n";
  const Topology topology = import_slurm_topology(text, "sizes.conf", SlurmImportOptions{});
  ASSERT_EQ(topology.levels().size(), 3u);
  EXPECT_EQ(topology.levels()[1].domain_names,
            (std::vector<std::string>{"bs4-1", "bs4-2", "bs4-3"}));
  EXPECT_EQ(topology.levels()[2].name, "fabric");
  EXPECT_EQ(topology.levels()[2].switches, 16);
  EXPECT_EQ(topology.common_level(0, 2), 1);  // n11 (b1), n21 (b2)
  EXPECT_EQ(topology.common_level(0, 4), 2);  // n11, n31 (b3)
}

// --- import errors: file, line, key and a message that says what to do ------------------------

void expect_error(const std::string& text, int line, const std::string& key,
                  const std::string& part, const SlurmImportOptions& options = {}) {
  try {
    import_slurm_topology(text, "t.conf", options);
    ADD_FAILURE() << "no error; expected: " << part;
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), line > 0 ? "t.conf" : error.file()) << error.what();
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_EQ(error.key(), key) << error.what();
    EXPECT_NE(error.message().find(part), std::string::npos) << error.what();
  }
}

TEST(SlurmImportErrors, Syntax) {
  expect_error("# nothing\n\n", 0, "", "no SwitchName= or BlockName= statements");
  expect_error("SwitchName=s1 Node=n1\n", 1, "Node", "did you mean 'Nodes'");
  expect_error("SwitchNmae=s1 Nodes=n1\n", 1, "SwitchNmae", "did you mean 'SwitchName'");
  expect_error("Nodes=n1 SwitchName=s1\n", 1, "Nodes",
               "a statement starts with SwitchName=, BlockName= or BlockSizes=");
  expect_error("SwitchName=s1 Nodes\n", 1, "Nodes", "expected '=' after 'Nodes'");
  expect_error("SwitchName=s1 Nodes=\n", 1, "Nodes", "expected a value after 'Nodes='");
  expect_error("SwitchName=s1 Nodes=\"n1\n", 1, "Nodes", "no closing '\"'");
  expect_error("SwitchName=s1 Nodes=n1 nodes=n2\n", 1, "Nodes", "given twice");
  expect_error("# c\nSwitchName=s1 Nodes=n[1-\n", 2, "Nodes", "in host list 'n[1-'");
  expect_error("SwitchName=s1 Nodes=n1 LinkSpeed=fast\n", 1, "LinkSpeed",
               "expected a non-negative integer, found 'fast'");
  expect_error("RingName=r0 Nodes=n[1-8]\n", 1, "RingName", "topology/ring is not supported");
  // A statement continued over lines 2-3 is reported at line 2.
  expect_error("SwitchName=s0 Nodes=m1\nSwitchName=s1 \\\n  Nodez=n1\n", 2, "Nodez",
               "did you mean 'Nodes'");
}

TEST(SlurmImportErrors, TreeShape) {
  expect_error("SwitchName=s1 Nodes=n1\nSwitchName=s1 Nodes=n2\n", 2, "SwitchName",
               "switch 's1' is already defined on line 1");
  expect_error("SwitchName=leaf1 Nodes=n1\nSwitchName=top Switches=leaf2\n", 2, "Switches",
               "unknown switch 'leaf2' (did you mean 'leaf1'?)");
  expect_error("SwitchName=a Switches=b\nSwitchName=b Switches=a\n", 2, "Switches",
               "switch 'a' is its own ancestor: a > b > a");
  expect_error("SwitchName=s1 Nodes=n1\nSwitchName=s2 Nodes=n2\n", 2, "SwitchName",
               "2 separate fabrics, topped by s1, s2; podsim needs one top: add a statement such "
               "as 'SwitchName=top Switches=s[1-2]'");
  expect_error(
      "SwitchName=l1 Nodes=n1\nSwitchName=l2 Nodes=n2\nSwitchName=m Switches=l2\n"
      "SwitchName=top Switches=l1,m\n",
      4, "Switches", "children at different depths: 'l1' has 0 and 'm' 1");
  expect_error(
      "SwitchName=l1 Nodes=n[1-2]\nSwitchName=l2 Nodes=n[2-3]\nSwitchName=t Switches=l[1-2]\n", 2,
      "Nodes", "node 'n2' is listed by switch 'l2' and by switch 'l1' (line 1)");
  expect_error(
      "SwitchName=l1 Nodes=n1\nSwitchName=l2 Nodes=n2\nSwitchName=l3 Nodes=n3\n"
      "SwitchName=a Switches=l[1-2]\nSwitchName=b Switches=l[2-3]\nSwitchName=t Switches=a,b\n",
      5, "Switches", "switch 'b' lists 'l2', which switch 'a' (line 4) also lists");
  expect_error("SwitchName=s Nodes=n1 Switches=x\n", 1, "Switches", "both Nodes= and Switches=");
  expect_error("SwitchName=s LinkSpeed=10\n", 1, "SwitchName", "has no children");
  expect_error("SwitchName=s Nodes=n[1-2],n1\n", 1, "Nodes", "lists node 'n1' twice");
  expect_error(
      "SwitchName=a1 Nodes=n1\nSwitchName=a2 Nodes=n1\nSwitchName=b Nodes=n2\n"
      "SwitchName=t Switches=a[1-2],b\n",
      1, "SwitchName", "groups of different sizes");
  expect_error("SwitchName=s1 Nodes=n1\nBlockName=b1 Nodes=n2\n", 2, "BlockName",
               "a topology/block statement, but line 1 is a topology/tree one");
}

TEST(SlurmImportErrors, Blocks) {
  expect_error("BlockName=b1 Nodes=n[1-4]\nBlockName=b2 Nodes=n[5-8]\nBlockSizes=4,12\n", 3,
               "BlockSizes", "power of two (2, 4, ...) times the one before it, found 12 after 4");
  expect_error("BlockName=b1 Nodes=n[1-4]\nBlockName=b2 Nodes=n[5-7]\nBlockSizes=4\n", 2, "Nodes",
               "block 'b2' has 3 nodes, fewer than the base block size 4");
  expect_error("BlockName=b1 Nodes=n[1-4]\nBlockName=b2 Nodes=n[4-7]\n", 2, "Nodes",
               "node 'n4' is in block 'b2' and in block 'b1' (line 1)");
  expect_error("BlockName=b1 Nodes=n1\nBlockName=b1 Nodes=n2\n", 2, "BlockName",
               "already defined on line 1");
  expect_error("BlockName=b1 Nodes=n1\nBlockSizes=1\nBlockSizes=1\n", 3, "BlockSizes",
               "given twice (first on line 2)");
  expect_error("BlockName=b1 Nodes=n1\nBlockSizes=1,x\n", 2, "BlockSizes", "found 'x'");
  expect_error("BlockName=b1\n", 1, "BlockName", "block 'b1' has no Nodes=");
  expect_error("BlockName=b1 Nodes=n1 LinkSpeed=3\n", 1, "LinkSpeed",
               "unknown key 'LinkSpeed' in a BlockName= statement");
}

TEST(SlurmImportErrors, OptionsAreNamed) {
  const std::string tree =
      "SwitchName=l1 Nodes=n1\nSwitchName=l2 Nodes=n2\n"
      "SwitchName=top Switches=l[1-2]\n";
  SlurmImportOptions options;
  options.nics = 0;
  expect_error(tree, 0, "nics", "expected an integer >= 1, found 0", options);
  options = {};
  options.gpus_per_node = 1073741824;  // 2^30: two nodes once wrote a machine of 0 GPUs
  expect_error(tree, 0, "gpus_per_node", "expected an integer in [1, 1024]", options);
  options.gpus_per_node = 0;
  expect_error(tree, 0, "gpus_per_node", "expected an integer in [1, 1024]", options);
  options = {};
  options.leaf_switches = 4;
  expect_error(tree, 0, "rails", "nodes have 8 NICs and level 'l' 4 leaf switches", options);
  options = {};
  options.uplink_oversubscription = 2;
  expect_error("SwitchName=only Nodes=n[1-4]\n", 0, "uplink_oversubscription",
               "no uplinks to oversubscribe", options);
  options = {};
  options.uplink_oversubscription = 0.5;
  expect_error(tree, 0, "uplink_oversubscription", "expected a number >= 1", options);
  // With the oversubscription allowed where there are uplinks, it sizes the leaf uplinks.
  options.uplink_oversubscription = 2;
  const Topology topology = import_slurm_topology(tree, "t.conf", options);
  EXPECT_EQ(topology.levels()[0].oversubscription, 2);
  EXPECT_DOUBLE_EQ(topology.levels()[0].uplink_gbps * 16, 400.0 / 2);
}

}  // namespace
}  // namespace podsim
