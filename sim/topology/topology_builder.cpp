// Topology YAML -> Topology: reads the sections in dependency order (gpu_types, node_types,
// levels, groups), derives the domains of every level, then builds the graph. The format is
// specified beside load_topology() in topology.hpp.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "common/suggest.hpp"
#include "common/yaml_map.hpp"
#include "topology/hostlist.hpp"
#include "topology/node_costs_reader.hpp"
#include "topology/topology.hpp"

namespace podsim {
namespace {

const std::vector<std::string> kRootKeys = {"name", "gpu_types", "node_types", "levels",
                                            "groups"};
const std::vector<std::string> kGpuTypeKeys = {"speed"};
const std::vector<std::string> kNodeTypeKeys = {"gpu_type", "gpus",   "nvlink_gbps", "nics",
                                                "nic_gbps", "idle_w", "busy_w",      "price_usd"};
const std::vector<std::string> kLevelKeys = {
    "name",       "switches",    "leaf_switches", "rails",      "uplink_oversubscription",
    "group_size", "group_sizes", "latency_us",    "nvlink_gbps"};
const std::vector<std::string> kSwitchOnlyLevelKeys = {"switches", "leaf_switches", "rails",
                                                       "uplink_oversubscription"};
const std::vector<std::string> kGroupKeys = {"nodes", "type"};

struct NodeTypeSpec {
  std::string name;
  std::uint32_t gpu_type = 0;
  int gpus = 0;
  double nvlink_gbps = 0;
  int nics = 0;
  double nic_gbps = 0;
  NodeCosts costs;
};

struct LevelSpec {
  Level level;
  int group_size = 0;            // units of the level below per domain; 0: all of them
  std::vector<int> group_sizes;  // or the units of each domain, in order (irregular trees)
  YamlPlace place;               // the level's mapping, for errors found after reading
  YamlPlace group_sizes_place;
  std::vector<int> parent_of;    // domain of this level holding each domain of the level below
};

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

class TopologyBuilder {
 public:
  explicit TopologyBuilder(std::string source) : source_(std::move(source)) {}

  Topology build(const YAML::Node& root_node) {
    const YamlMap root(root_node, YamlPlace{source_, 1, ""}, kRootKeys,
                       "a mapping with keys name, gpu_types, node_types, levels, groups");
    topo_.name_ = root.text("name");
    read_gpu_types(require(root, "gpu_types", "a mapping of GPU type names to {speed: ...}"));
    read_node_types(require(root, "node_types", "a mapping of node type names"));
    read_levels(require(root, "levels", "a list of levels, innermost first"));
    read_groups(require(root, "groups", "a mapping of group names to host lists"));
    derive_domains();
    build_graph();
    return std::move(topo_);
  }

 private:
  static const YamlMap::Entry& require(const YamlMap& map, std::string_view key,
                                       std::string_view expected) {
    if (const auto* entry = map.find(key)) return *entry;
    map.place().child(key, map.place().line)
        .fail(fmt::format("missing key '{}': expected {}", key, expected));
  }

  void read_gpu_types(const YamlMap::Entry& section) {
    const YamlMap types(section.value, section.place, {}, "a mapping of GPU type names");
    if (types.entries().empty()) section.place.fail("expected at least one GPU type, found none");
    for (const auto& entry : types.entries()) {
      GpuType type{entry.key, 1.0};
      if (!entry.value.IsNull()) {
        const YamlMap fields(entry.value, entry.place, kGpuTypeKeys, "a mapping such as {speed: 1.0}");
        type.speed = fields.real_or("speed", 1.0, 0.0, Bound::kExclusive);
      }
      topo_.gpu_types_.push_back(std::move(type));
    }
  }

  void read_node_types(const YamlMap::Entry& section) {
    const YamlMap types(section.value, section.place, {}, "a mapping of node type names");
    if (types.entries().empty()) section.place.fail("expected at least one node type, found none");
    for (const auto& entry : types.entries()) {
      const YamlMap fields(entry.value, entry.place, kNodeTypeKeys,
                           "a mapping such as {gpu_type: H100-SXM5, gpus: 8, nvlink_gbps: 7200, "
                           "nics: 8, nic_gbps: 400}");
      NodeTypeSpec type;
      type.name = entry.key;
      type.gpu_type = resolve_gpu_type(fields);
      type.gpus = fields.integer("gpus", 1);
      if (type.gpus > kMaxNodeGpus) {
        fields.find("gpus")->place.fail(
            fmt::format("expected an integer in [1, {}] (GPUs in one node), found {}", kMaxNodeGpus,
                        type.gpus));
      }
      type.nvlink_gbps = fields.real("nvlink_gbps", 0.0, Bound::kExclusive);
      type.nics = fields.integer("nics", 1);
      type.nic_gbps = fields.real("nic_gbps", 0.0, Bound::kExclusive);
      type.costs = read_node_costs(fields, entry.place);
      topo_.node_types_.push_back(NodeType{type.name, type.gpus, type.gpu_type, type.costs, 0});
      node_types_.push_back(std::move(type));
    }
  }

  // The gpu_type key may be left out when only one GPU type is defined.
  std::uint32_t resolve_gpu_type(const YamlMap& fields) const {
    std::vector<std::string> names;
    for (const auto& type : topo_.gpu_types_) names.push_back(type.name);
    const auto* entry = fields.find("gpu_type");
    if (entry == nullptr) {
      if (names.size() == 1) return 0;
      fields.place().child("gpu_type", fields.place().line)
          .fail(fmt::format("missing key 'gpu_type': expected one of the GPU types ({})",
                            join(names)));
    }
    const std::string name = read_text(*entry);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      entry->place.fail(fmt::format("unknown GPU type '{}'{}; defined: {}", name,
                                    did_you_mean(name, names), join(names)));
    }
    return static_cast<std::uint32_t>(it - names.begin());
  }

  void read_levels(const YamlMap::Entry& section) {
    if (!section.value.IsSequence() || section.value.size() == 0) {
      section.place.fail(fmt::format("expected a non-empty list of levels, innermost first, found {}",
                                     yaml_found(section.value)));
    }
    const std::size_t count = section.value.size();
    bool seen_switch_level = false;
    for (std::size_t i = 0; i < count; ++i) {
      const YAML::Node node = section.value[i];
      const YamlMap fields(node, section.place.item(i, yaml_line(node, section.place.line)),
                           kLevelKeys, "a level such as {name: su, leaf_switches: 8, rails: true}");
      LevelSpec spec;
      spec.place = fields.place();
      Level& level = spec.level;
      level.name = fields.text("name");
      for (const auto& other : level_specs_) {
        if (other.level.name == level.name) {
          fields.find("name")->place.fail(fmt::format(
              "level name '{}' is already used on line {}", level.name, other.place.line));
        }
      }
      if (const auto* nvlink = fields.find("nvlink_gbps")) {
        if (i != 0) {
          nvlink->place.fail(fmt::format(
              "an NVLink domain must be the first (innermost) level, found it at level {}", i));
        }
        for (const auto& key : kSwitchOnlyLevelKeys) {
          if (const auto* bad = fields.find(key)) {
            bad->place.fail(fmt::format(
                "'{}' does not apply to an NVLink domain level (one with nvlink_gbps)", key));
          }
        }
        level.nvlink_gbps = read_real(*nvlink, 0.0, Bound::kExclusive);
        level.switches = 1;
      } else {
        read_switch_level(fields, i + 1 == count, seen_switch_level, level);
        seen_switch_level = true;
      }
      if (const auto* group_size = fields.find("group_size")) {
        if (i == 0) {
          group_size->place.fail(
              "the first level's domains are the entries of 'groups:'; group_size applies to "
              "outer levels only");
        }
        spec.group_size = read_integer(*group_size, 1);
      }
      if (const auto* group_sizes = fields.find("group_sizes")) {
        read_group_sizes(*group_sizes, i, fields.has("group_size"), spec);
      }
      level.latency_us = fields.real_or("latency_us", kDefaultLinkLatencyUs, 0.0, Bound::kInclusive);
      level_specs_.push_back(std::move(spec));
    }
  }

  // group_sizes: [a, b, ...]: domain k of this level holds the next `k-th entry` units of the
  // level below, for trees whose fan-out differs between domains (e.g. Slurm imports).
  static void read_group_sizes(const YamlMap::Entry& entry, std::size_t index,
                               bool has_group_size, LevelSpec& spec) {
    if (index == 0) {
      entry.place.fail(
          "the first level's domains are the entries of 'groups:'; group_sizes applies to "
          "outer levels only");
    }
    if (has_group_size) {
      entry.place.fail("'group_size' and 'group_sizes' both given; give one");
    }
    if (!entry.value.IsSequence() || entry.value.size() == 0) {
      entry.place.fail(fmt::format(
          "expected a non-empty list of unit counts such as [4, 4, 2], found {}",
          yaml_found(entry.value)));
    }
    for (std::size_t k = 0; k < entry.value.size(); ++k) {
      const YAML::Node item = entry.value[k];
      const YamlMap::Entry element{entry.key, item,
                                   entry.place.item(k, yaml_line(item, entry.place.line))};
      spec.group_sizes.push_back(read_integer(element, 1));
    }
    spec.group_sizes_place = entry.place;
  }

  static void read_switch_level(const YamlMap& fields, bool outermost, bool above_leaf,
                                Level& level) {
    const auto* switches = fields.find("switches");
    const auto* leaf_switches = fields.find("leaf_switches");
    if (switches != nullptr && leaf_switches != nullptr) {
      leaf_switches->place.fail(
          "'leaf_switches' and 'switches' mean the same (switches per group); give one");
    }
    if (switches == nullptr && leaf_switches == nullptr) {
      fields.place().child("switches", fields.place().line)
          .fail("missing key 'switches' (or 'leaf_switches'): expected the number of switches "
                "per group, or 'nvlink_gbps' for an NVLink domain");
    }
    level.switches = read_integer(switches != nullptr ? *switches : *leaf_switches, 1);
    if (const auto* rails = fields.find("rails")) {
      level.rails = read_flag(*rails);
      if (level.rails && above_leaf) {
        rails->place.fail(
            "rails apply only to the leaf level (the first level with switches), where node "
            "NICs attach");
      }
    }
    if (const auto* oversubscription = fields.find("uplink_oversubscription")) {
      if (outermost) {
        oversubscription->place.fail(
            "the outermost level has no uplinks to oversubscribe; put uplink_oversubscription "
            "on the level whose uplinks it describes");
      }
      level.oversubscription = read_real(*oversubscription, 1.0, Bound::kInclusive);
    }
  }

  void read_groups(const YamlMap::Entry& section) {
    const YamlMap groups(section.value, section.place, {}, "a mapping of group names to host lists");
    if (groups.entries().empty()) section.place.fail("expected at least one group, found none");
    for (const auto& entry : groups.entries()) {
      const int group = static_cast<int>(group_names_.size());
      group_names_.push_back(entry.key);
      if (entry.value.IsScalar()) {
        add_nodes(entry, entry.place, default_node_type(entry.place), group);
        continue;
      }
      const YamlMap fields(entry.value, entry.place, kGroupKeys,
                           "a host list such as \"dgx[001-032]\" or {nodes: ..., type: ...}");
      const auto* type_entry = fields.find("type");
      const auto* nodes = fields.find("nodes");
      if (nodes == nullptr) {
        entry.place.child("nodes", entry.place.line)
            .fail("missing key 'nodes': expected a host list such as \"dgx[001-032]\"");
      }
      if (nodes->value.IsSequence()) {
        // Heterogeneous group: a list of {nodes, type}; each type defaults to the group's.
        if (nodes->value.size() == 0) nodes->place.fail("expected at least one entry, found none");
        for (std::size_t i = 0; i < nodes->value.size(); ++i) {
          const YAML::Node item = nodes->value[i];
          const YamlMap member(item, nodes->place.item(i, yaml_line(item, nodes->place.line)),
                               kGroupKeys, "a mapping such as {nodes: \"a[1-4]\", type: x}");
          const auto* member_nodes = member.find("nodes");
          if (member_nodes == nullptr) {
            member.place().child("nodes", member.place().line)
                .fail("missing key 'nodes': expected a host list such as \"dgx[001-032]\"");
          }
          const auto* member_type = member.find("type");
          const std::size_t type =
              member_type   ? resolve_node_type(*member_type)
              : type_entry ? resolve_node_type(*type_entry)
                           : default_node_type(member.place());
          add_nodes(*member_nodes, member_nodes->place, type, group);
        }
      } else {
        const std::size_t type =
            type_entry ? resolve_node_type(*type_entry) : default_node_type(entry.place);
        add_nodes(*nodes, nodes->place, type, group);
      }
    }
  }

  std::vector<std::string> node_type_names() const {
    std::vector<std::string> names;
    for (const auto& type : node_types_) names.push_back(type.name);
    return names;
  }

  std::size_t resolve_node_type(const YamlMap::Entry& entry) const {
    const std::string name = read_text(entry);
    for (std::size_t i = 0; i < node_types_.size(); ++i) {
      if (node_types_[i].name == name) return i;
    }
    const auto names = node_type_names();
    entry.place.fail(fmt::format("unknown node type '{}'{}; defined: {}", name,
                                 did_you_mean(name, names), join(names)));
  }

  // The type key may be left out when only one node type is defined.
  std::size_t default_node_type(const YamlPlace& place) const {
    if (node_types_.size() == 1) return 0;
    place.child("type", place.line)
        .fail(fmt::format("missing key 'type': expected one of the node types ({})",
                          join(node_type_names())));
  }

  void add_nodes(const YamlMap::Entry& hostlist, const YamlPlace& place, std::size_t type_index,
                 int group) {
    const std::string text = read_text(hostlist);
    std::vector<std::string> names;
    try {
      names = expand_hostlist(text);
    } catch (const InputError& error) {
      place.fail(error.message());  // expand_hostlist cannot know where the text came from
    }
    if (names.empty()) place.fail("expected at least one node, found an empty host list");
    const NodeTypeSpec& type = node_types_[type_index];
    // In 64 bits: a long host list of large nodes must not wrap the int total it is checked for.
    const auto machine_gpus = static_cast<std::int64_t>(topo_.total_gpus_) +
                              static_cast<std::int64_t>(names.size()) * type.gpus;
    if (machine_gpus > kMaxMachineGpus) {
      place.fail(
          fmt::format("these {} nodes of {} GPUs bring the machine to {} GPUs, more than "
                      "the {} a topology may hold",
                      names.size(), type.gpus, machine_gpus, kMaxMachineGpus));
    }
    for (auto& name : names) {
      const int index = static_cast<int>(topo_.nodes_.size());
      const auto [it, inserted] = node_index_.emplace(name, index);
      if (!inserted) {
        const int other_group = topo_.nodes_[static_cast<std::size_t>(it->second)].domains[0];
        place.fail(fmt::format("node '{}' is listed twice (also in group '{}')", name,
                               group_names_[static_cast<std::size_t>(other_group)]));
      }
      ComputeNode node;
      node.name = std::move(name);
      node.type = type.name;
      node.node_type = static_cast<std::uint32_t>(type_index);
      ++topo_.node_types_[type_index].nodes;
      node.gpus = type.gpus;
      node.gpu_type = type.gpu_type;
      node.nvlink_gbps = type.nvlink_gbps;
      node.nics = type.nics;
      node.nic_gbps = type.nic_gbps;
      node.domains.assign(level_specs_.size(), 0);
      node.domains[0] = group;
      node.vertex = static_cast<std::size_t>(index);
      topo_.total_gpus_ += node.gpus;
      topo_.max_node_gpus_ = std::max(topo_.max_node_gpus_, node.gpus);
      topo_.nodes_.push_back(std::move(node));
    }
  }

  // Domains of every level: level 0's are the groups; each outer level groups group_size
  // consecutive domains of the level below (all of them by default).
  void derive_domains() {
    std::unordered_set<std::string> domain_names(group_names_.begin(), group_names_.end());
    for (std::size_t l = 0; l < level_specs_.size(); ++l) {
      Level& level = level_specs_[l].level;
      if (l == 0) {
        level.domains = static_cast<int>(group_names_.size());
        level.domain_names = group_names_;
      } else {
        LevelSpec& spec = level_specs_[l];
        const int below = level_specs_[l - 1].level.domains;
        const int size = spec.group_size;
        spec.parent_of.assign(static_cast<std::size_t>(below), 0);
        if (!spec.group_sizes.empty()) {
          long long total = 0;
          for (int units : spec.group_sizes) total += units;
          if (total != below) {
            spec.group_sizes_place.fail(fmt::format(
                "group_sizes add up to {} units, but level '{}' below has {} domains", total,
                level_specs_[l - 1].level.name, below));
          }
          level.domains = static_cast<int>(spec.group_sizes.size());
          int unit = 0;
          for (int d = 0; d < level.domains; ++d) {
            for (int k = 0; k < spec.group_sizes[static_cast<std::size_t>(d)]; ++k) {
              spec.parent_of[static_cast<std::size_t>(unit++)] = d;
            }
          }
        } else {
          level.domains = size == 0 ? 1 : (below + size - 1) / size;
          for (int d = 0; d < below; ++d) {
            spec.parent_of[static_cast<std::size_t>(d)] = size == 0 ? 0 : d / size;
          }
        }
        for (int d = 0; d < level.domains; ++d) {
          std::string name = level.domains == 1 ? level.name : fmt::format("{}{}", level.name, d + 1);
          if (!domain_names.insert(name).second) {
            level_specs_[l].place.fail(fmt::format(
                "this level's domain '{}' has the name of another domain or group; rename one",
                name));
          }
          level.domain_names.push_back(std::move(name));
        }
        for (auto& node : topo_.nodes_) {
          node.domains[l] = spec.parent_of[static_cast<std::size_t>(node.domains[l - 1])];
        }
      }
    }
    const LevelSpec& top = level_specs_.back();
    if (top.level.domains != 1) {
      top.place.fail(fmt::format(
          "the outermost level '{}' has {} domains and nothing connects them; add an outer level "
          "(e.g. {{name: spine, switches: 16}}) or raise group_size",
          top.level.name, top.level.domains));
    }
  }

  void build_graph() {
    std::size_t vertices = topo_.nodes_.size();
    for (auto& spec : level_specs_) {
      spec.level.first_switch_vertex = vertices;
      vertices += static_cast<std::size_t>(spec.level.domains) *
                  static_cast<std::size_t>(spec.level.switches);
      topo_.levels_.push_back(spec.level);
    }
    TopologyGraph& graph = topo_.graph_;
    graph = TopologyGraph(vertices);
    for (const auto& node : topo_.nodes_) {
      graph[node.vertex] = VertexInfo{VertexKind::kNode, node.name, -1,
                                      static_cast<int>(node.vertex)};
    }
    for (std::size_t l = 0; l < topo_.levels_.size(); ++l) {
      const Level& level = topo_.levels_[l];
      for (int d = 0; d < level.domains; ++d) {
        for (int s = 0; s < level.switches; ++s) {
          const std::string& domain = level.domain_names[static_cast<std::size_t>(d)];
          std::string name = level.nvlink_gbps > 0 ? domain + "-nvswitch"
                                                   : fmt::format("{}-sw{}", domain, s + 1);
          if (node_index_.count(name) != 0) {
            level_specs_[l].place.fail(fmt::format(
                "switch name '{}' (domain name + \"-sw\" + number) is also a node name", name));
          }
          graph[topo_.switch_vertex(static_cast<int>(l), d, s)] =
              VertexInfo{VertexKind::kSwitch, std::move(name), static_cast<int>(l), -1};
        }
      }
    }

    // Downlink Gb/s into each switch, to size the uplinks above it.
    std::vector<double> downlink(vertices, 0.0);
    const auto link = [&](std::size_t below, std::size_t above, double gbps, double latency_us) {
      boost::add_edge(below, above, LinkInfo{gbps, latency_us}, graph);
      downlink[above] += gbps;
    };

    std::size_t leaf = 0;
    if (topo_.levels_[0].nvlink_gbps > 0) {
      const Level& nvlink = topo_.levels_[0];
      for (const auto& node : topo_.nodes_) {
        link(node.vertex, topo_.switch_vertex(0, node.domains[0], 0),
             node.gpus * nvlink.nvlink_gbps, nvlink.latency_us);
      }
      leaf = 1;
    }
    if (leaf == topo_.levels_.size()) return;  // an NVLink domain with no network above it

    const Level& leaves = topo_.levels_[leaf];
    std::vector<int> next_leaf(static_cast<std::size_t>(leaves.domains), 0);
    for (const auto& node : topo_.nodes_) {
      const int domain = node.domains[leaf];
      if (leaves.rails) {
        if (node.nics > leaves.switches) {
          level_specs_[leaf].place.child("rails", level_specs_[leaf].place.line)
              .fail(fmt::format(
                  "rails connect NIC r of a node to leaf switch r, but node type '{}' has {} "
                  "NICs and level '{}' {} leaf switches",
                  node.type, node.nics, leaves.name, leaves.switches));
        }
        for (int r = 0; r < node.nics; ++r) {
          link(node.vertex, topo_.switch_vertex(static_cast<int>(leaf), domain, r), node.nic_gbps,
               leaves.latency_us);
        }
      } else {
        // Without rails a node's NICs form one bundle; nodes are dealt round-robin over the
        // group's leaf switches.
        int& next = next_leaf[static_cast<std::size_t>(domain)];
        link(node.vertex, topo_.switch_vertex(static_cast<int>(leaf), domain, next),
             node.nics * node.nic_gbps, leaves.latency_us);
        next = (next + 1) % leaves.switches;
      }
    }

    for (std::size_t l = leaf; l + 1 < topo_.levels_.size(); ++l) {
      Level& level = topo_.levels_[l];
      const Level& parent = topo_.levels_[l + 1];
      const std::vector<int>& parent_of = level_specs_[l + 1].parent_of;
      const auto first = downlink.begin() + static_cast<std::ptrdiff_t>(level.first_switch_vertex);
      const double fullest =
          *std::max_element(first, first + static_cast<std::ptrdiff_t>(level.domains) *
                                               level.switches);
      level.uplink_gbps = fullest / level.oversubscription / parent.switches;
      for (int d = 0; d < level.domains; ++d) {
        const int parent_domain = parent_of[static_cast<std::size_t>(d)];
        for (int s = 0; s < level.switches; ++s) {
          for (int t = 0; t < parent.switches; ++t) {
            link(topo_.switch_vertex(static_cast<int>(l), d, s),
                 topo_.switch_vertex(static_cast<int>(l + 1), parent_domain, t), level.uplink_gbps,
                 parent.latency_us);
          }
        }
      }
    }
  }

  std::string source_;
  Topology topo_;
  std::vector<NodeTypeSpec> node_types_;
  std::vector<LevelSpec> level_specs_;
  std::vector<std::string> group_names_;
  std::unordered_map<std::string, int> node_index_;
};

Topology parse_topology(const std::string& yaml_text, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& error) {
    // yaml-cpp reports an unclosed flow collection where it gave up, often the next line.
    const bool flow = error.msg.find("flow") != std::string::npos;
    throw InputError(source_name, error.mark.is_null() ? 0 : error.mark.line + 1, "",
                     "YAML syntax error: " + error.msg +
                         (flow ? " (look for an unclosed '{' or '[' on this or an earlier line)"
                               : ""));
  }
  try {
    return TopologyBuilder(source_name).build(root);
  } catch (const YAML::Exception& error) {
    // The reader checks node kinds before use, so this is a safety net: never crash on input.
    throw InputError(source_name, error.mark.is_null() ? 0 : error.mark.line + 1, "",
                     "unreadable YAML: " + error.msg);
  }
}

Topology load_topology(const std::string& path) {
  return parse_topology(read_input_file(path), path);
}

}  // namespace podsim
