// to_yaml(): parse_topology(to_yaml(t)) rebuilds t exactly (nodes, levels, domains, graph), and
// the `group_sizes` level key for irregular trees.
#include "topology/topology_spec.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include "common/input_error.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

// Every field the builder derives, so two equal descriptions mean equal topologies.
void expect_same_topology(const Topology& a, const Topology& b) {
  ASSERT_EQ(a.nodes().size(), b.nodes().size());
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    const ComputeNode& x = a.nodes()[i];
    const ComputeNode& y = b.nodes()[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.gpus, y.gpus);
    EXPECT_EQ(a.gpu_types()[x.gpu_type].name, b.gpu_types()[y.gpu_type].name);
    EXPECT_EQ(x.nvlink_gbps, y.nvlink_gbps);
    EXPECT_EQ(x.nics, y.nics);
    EXPECT_EQ(x.nic_gbps, y.nic_gbps);
    const NodeCosts& cx = a.node_types()[x.node_type].costs;
    const NodeCosts& cy = b.node_types()[y.node_type].costs;
    EXPECT_EQ(cx.idle_w, cy.idle_w);
    EXPECT_EQ(cx.busy_w, cy.busy_w);
    EXPECT_EQ(cx.price_usd, cy.price_usd);
    EXPECT_EQ(x.domains, y.domains) << x.name;
  }
  ASSERT_EQ(a.levels().size(), b.levels().size());
  for (std::size_t l = 0; l < a.levels().size(); ++l) {
    const Level& x = a.levels()[l];
    const Level& y = b.levels()[l];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.domains, y.domains);
    EXPECT_EQ(x.switches, y.switches);
    EXPECT_EQ(x.rails, y.rails);
    EXPECT_EQ(x.oversubscription, y.oversubscription);
    EXPECT_EQ(x.nvlink_gbps, y.nvlink_gbps);
    EXPECT_EQ(x.domain_names, y.domain_names);
    EXPECT_EQ(x.uplink_gbps, y.uplink_gbps);
    EXPECT_EQ(x.latency_us, y.latency_us);
  }
  ASSERT_EQ(a.gpu_types().size(), b.gpu_types().size());
  for (std::size_t t = 0; t < a.gpu_types().size(); ++t) {
    EXPECT_EQ(a.gpu_types()[t].name, b.gpu_types()[t].name);
    EXPECT_EQ(a.gpu_types()[t].speed, b.gpu_types()[t].speed);
  }
  using Edge = std::tuple<std::string, std::string, double, double>;
  const auto edges = [](const Topology& t) {
    std::multiset<Edge> out;
    const auto& g = t.graph();
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      out.emplace(g[boost::source(*it, g)].name, g[boost::target(*it, g)].name, g[*it].gbps,
                  g[*it].latency_us);
    }
    return out;
  };
  EXPECT_EQ(boost::num_vertices(a.graph()), boost::num_vertices(b.graph()));
  EXPECT_TRUE(edges(a) == edges(b));
}

std::vector<std::string> topology_files() {
  std::vector<std::string> files = {PODSIM_FIXTURES "/topology/small.yaml",
                                    PODSIM_FIXTURES "/topology/nvl.yaml"};
  for (const auto& entry : fs::directory_iterator(fs::path(PODSIM_SOURCE_DIR) / "configs")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("levels:", 0) == 0) {
        files.push_back(entry.path().string());
        break;
      }
    }
  }
  return files;
}

TEST(ToYaml, EveryConfigAndFixtureRoundTrips) {
  for (const auto& file : topology_files()) {
    SCOPED_TRACE(file);
    const Topology original = load_topology(file);
    const std::string yaml = to_yaml(original);
    const Topology again = parse_topology(yaml, "to_yaml(" + file + ")");
    expect_same_topology(original, again);
    EXPECT_EQ(to_yaml(again), yaml);  // a fixed point
  }
}

TEST(ToYaml, WritesTheSuperPodInTheHandWrittenStyle) {
  const std::string yaml =
      to_yaml(load_topology(PODSIM_SOURCE_DIR "/configs/dgx-h100-superpod.yaml"));
  for (const char* line :
       {"name: dgx-h100-superpod\n", "  H100-SXM5: {speed: 1}\n",
        "  dgx-h100: {gpu_type: H100-SXM5, gpus: 8, nvlink_gbps: 7200, nics: 8, nic_gbps: 400, "
        "idle_w: 2100, busy_w: 10200, price_usd: 400000}\n",
        "  - {name: su, leaf_switches: 8, rails: true, uplink_oversubscription: 1}\n",
        "  - {name: spine, switches: 16}\n",
        "  su4: {nodes: \"dgx[097-127]\", type: dgx-h100}\n"}) {
    EXPECT_NE(yaml.find(line), std::string::npos) << line << "\n" << yaml;
  }
}

TEST(ToYaml, MixedGroupsAndGroupSizeAreKept) {
  const std::string yaml = to_yaml(load_topology(PODSIM_FIXTURES "/topology/nvl.yaml"));
  EXPECT_NE(yaml.find("      - {nodes: \"t05\", type: tray}\n      - {nodes: \"h1\", type: dgx}\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("group_size: 2"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("latency_us"), std::string::npos) << "only latencies other than 1 us" << yaml;
  const std::string small = to_yaml(load_topology(PODSIM_FIXTURES "/topology/small.yaml"));
  EXPECT_NE(small.find("uplink_oversubscription: 2, latency_us: 0.5}"), std::string::npos) << small;
}

TEST(ToYaml, QuotesNamesYamlWouldMisread) {
  const std::string text = R"(name: "odd: name"
gpu_types: {"null": {speed: 1.5}}
node_types: {"my box": {gpus: 2, nvlink_gbps: 100, nics: 1, nic_gbps: 10}}
levels: [{name: leaf, switches: 1}]
groups: {"g #1": "a[1-2]"}
)";
  const Topology original = parse_topology(text, "odd");
  const std::string yaml = to_yaml(original);
  const Topology again = parse_topology(yaml, "to_yaml(odd)");
  expect_same_topology(original, again);
  EXPECT_EQ(again.name(), "odd: name");
  EXPECT_EQ(again.gpu_types()[0].name, "null");
  EXPECT_EQ(again.levels()[0].domain_names[0], "g #1");
}

TEST(ToYaml, AFlatPoolHasNoTopologyFile) { EXPECT_THROW(to_yaml(Topology::flat(8)), InputError); }

// --- group_sizes: an outer level whose domains hold different numbers of units ---------------

const char* kIrregular = R"(name: irregular
gpu_types: {G: {}}
node_types: {n: {gpus: 4, nvlink_gbps: 100, nics: 1, nic_gbps: 100}}
levels:
  - {name: leaf, switches: 1}
  - {name: agg, switches: 2, group_sizes: [3, 1, 2]}
  - {name: top, switches: 1}
groups: {l1: "a1", l2: "a2", l3: "a3", l4: "a4", l5: "a5", l6: "a6"}
)";

TEST(GroupSizes, DomainsFollowTheList) {
  const Topology topology = parse_topology(kIrregular, "irregular");
  const Level& agg = topology.levels()[1];
  EXPECT_EQ(agg.domains, 3);
  EXPECT_EQ(agg.domain_names, (std::vector<std::string>{"agg1", "agg2", "agg3"}));
  std::vector<int> agg_of;
  for (const auto& node : topology.nodes()) agg_of.push_back(node.domains[1]);
  EXPECT_EQ(agg_of, (std::vector<int>{0, 0, 0, 1, 2, 2}));
  // Leaf switch of l4 links to both switches of agg2 only.
  const auto& g = topology.graph();
  const std::size_t leaf4 = topology.switch_vertex(0, 3, 0);
  std::set<std::string> up;
  for (auto [it, end] = boost::out_edges(leaf4, g); it != end; ++it) {
    const auto& other = g[boost::target(*it, g)];
    if (other.kind == VertexKind::kSwitch) up.insert(other.name);
  }
  EXPECT_EQ(up, (std::set<std::string>{"agg2-sw1", "agg2-sw2"}));
  EXPECT_EQ(topology.common_level(0, 2), 1);
  EXPECT_EQ(topology.common_level(2, 3), 2);
  // Written back as the list, since no group_size gives 3, 1, 2.
  EXPECT_NE(to_yaml(topology).find("group_sizes: [3, 1, 2]"), std::string::npos);
}

void expect_error(const std::string& text, int line, const std::string& key,
                  const std::string& part) {
  try {
    parse_topology(text, "t.yaml");
    ADD_FAILURE() << "no error; expected " << part;
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_EQ(error.key(), key) << error.what();
    EXPECT_NE(error.message().find(part), std::string::npos) << error.what();
  }
}

std::string with_agg(const std::string& agg) {
  std::string text = kIrregular;
  const std::string old = "{name: agg, switches: 2, group_sizes: [3, 1, 2]}";
  text.replace(text.find(old), old.size(), agg);
  return text;
}

TEST(GroupSizes, BadListsNameTheKey) {
  expect_error(with_agg("{name: agg, switches: 2, group_sizes: [3, 1, 1]}"), 6,
               "levels[1].group_sizes", "add up to 5 units, but level 'leaf' below has 6");
  expect_error(with_agg("{name: agg, switches: 2, group_sizes: [3, 0, 3]}"), 6,
               "levels[1].group_sizes[1]", "expected an integer >= 1");
  expect_error(with_agg("{name: agg, switches: 2, group_sizes: []}"), 6, "levels[1].group_sizes",
               "non-empty list");
  expect_error(with_agg("{name: agg, switches: 2, group_size: 2, group_sizes: [3, 3]}"), 6,
               "levels[1].group_sizes", "'group_size' and 'group_sizes' both given");
  std::string first = kIrregular;
  first.replace(first.find("{name: leaf, switches: 1}"), 25,
                "{name: leaf, switches: 1, group_sizes: [6]}");
  expect_error(first, 5, "levels[0].group_sizes", "outer levels only");
  expect_error(with_agg("{name: agg, switches: 2, grup_sizes: [3, 3]}"), 6, "levels[1].grup_sizes",
               "did you mean 'group_sizes'");
}

}  // namespace
}  // namespace podsim
