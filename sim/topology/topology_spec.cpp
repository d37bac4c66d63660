#include "topology/topology_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "common/input_error.hpp"
#include "topology/hostlist.hpp"

namespace podsim {
namespace {

bool is_plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::string double_quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

// A name as a YAML scalar: plain when YAML reads it back as the same string, else double-quoted.
// Plain scalars that YAML resolves to null ("~", "null") would not read back as a name.
std::string yaml_scalar(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kNullWords = {"~", "null", "Null", "NULL"};
  bool plain = !text.empty() && text.front() != '-' && text.front() != '.' &&
               std::find(kNullWords.begin(), kNullWords.end(), text) == kNullWords.end();
  for (char c : text) plain = plain && is_plain_char(c);
  return plain ? std::string(text) : double_quoted(text);
}

// Host lists are always quoted, as in the hand-written configs.
std::string quoted_hostlist(const std::vector<std::string>& names) {
  return double_quoted(compress_hostlist(names));
}

// Shortest text that reads back as the same double (fmt's default), e.g. 7200, 0.333.
std::string number(double value) { return fmt::format("{}", value); }

void append_comment(std::string& out, const std::string& comment, std::string_view indent) {
  std::size_t start = 0;
  while (start < comment.size()) {
    std::size_t end = comment.find('\n', start);
    if (end == std::string::npos) end = comment.size();
    out += fmt::format("{}# {}\n", indent, std::string_view(comment).substr(start, end - start));
    start = end + 1;
  }
}

// "group_size: n" reproduces the sizes when every domain but the last holds n units and the last
// at most n (the builder's rule); anything else needs the explicit list.
std::string group_key(const std::vector<int>& sizes) {
  if (sizes.size() <= 1) return "";  // one domain: the default, everything
  const int first = sizes.front();
  const bool regular =
      std::all_of(sizes.begin(), sizes.end() - 1, [&](int size) { return size == first; }) &&
      sizes.back() <= first;
  if (regular) return fmt::format(", group_size: {}", first);
  std::string list;
  for (int size : sizes) list += fmt::format("{}{}", list.empty() ? "" : ", ", size);
  return fmt::format(", group_sizes: [{}]", list);
}

}  // namespace

std::vector<std::vector<int>> domain_parents(const Topology& topology) {
  const auto& levels = topology.levels();
  std::vector<std::vector<int>> parents(levels.size());
  for (std::size_t l = 1; l < levels.size(); ++l) {
    parents[l].assign(static_cast<std::size_t>(levels[l - 1].domains), 0);
  }
  for (const auto& node : topology.nodes()) {
    for (std::size_t l = 1; l < levels.size(); ++l) {
      parents[l][static_cast<std::size_t>(node.domains[l - 1])] = node.domains[l];
    }
  }
  return parents;
}

TopologySpec spec_of(const Topology& topology) {
  if (topology.levels().empty()) {
    throw InputError("", 0, "levels",
                     fmt::format("topology '{}' has no levels (a flat pool); there is no "
                                 "topology file to write",
                                 topology.name()));
  }
  TopologySpec spec;
  spec.name = topology.name();
  for (const auto& type : topology.gpu_types()) spec.gpu_types.push_back({type.name, type.speed});

  for (const auto& node : topology.nodes()) {
    const bool known = std::any_of(spec.node_types.begin(), spec.node_types.end(),
                                   [&](const auto& type) { return type.name == node.type; });
    if (!known) {
      spec.node_types.push_back({node.type, topology.gpu_types()[node.gpu_type].name, node.gpus,
                                 node.nvlink_gbps, node.nics, node.nic_gbps,
                                 topology.node_types()[node.node_type].costs});
    }
  }

  const auto parents = domain_parents(topology);
  const auto& levels = topology.levels();
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const Level& level = levels[l];
    TopologySpec::LevelEntry entry;
    entry.name = level.name;
    entry.nvlink_gbps = level.nvlink_gbps;
    entry.switches = level.switches;
    entry.rails = level.rails;
    entry.uplink_oversubscription = level.oversubscription;
    entry.latency_us = level.latency_us;
    if (l > 0) {
      entry.group_sizes.assign(static_cast<std::size_t>(level.domains), 0);
      for (int parent : parents[l]) ++entry.group_sizes[static_cast<std::size_t>(parent)];
    }
    spec.levels.push_back(std::move(entry));
  }

  for (const auto& name : levels[0].domain_names) spec.groups.push_back({name, {}, ""});
  for (const auto& node : topology.nodes()) {
    auto& runs = spec.groups[static_cast<std::size_t>(node.domains[0])].runs;
    if (runs.empty() || runs.back().type != node.type) runs.push_back({node.type, {}});
    runs.back().nodes.push_back(node.name);
  }
  return spec;
}

std::string render_topology_yaml(const TopologySpec& spec, const std::string& header) {
  std::string out = header;
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += fmt::format("name: {}\n", yaml_scalar(spec.name));

  out += "gpu_types:\n";
  for (const auto& gpu : spec.gpu_types) {
    out += fmt::format("  {}: {{speed: {}}}\n", yaml_scalar(gpu.name), number(gpu.speed));
  }

  out += "node_types:                   # nvlink_gbps per GPU, nic_gbps per NIC\n";
  for (const auto& type : spec.node_types) {
    std::string costs;
    if (type.costs.has_power()) {
      costs += fmt::format(", idle_w: {}, busy_w: {}", number(type.costs.idle_w),
                           number(type.costs.busy_w));
    }
    if (type.costs.price_usd > 0)
      costs += fmt::format(", price_usd: {}", number(type.costs.price_usd));
    out +=
        fmt::format("  {}: {{gpu_type: {}, gpus: {}, nvlink_gbps: {}, nics: {}, nic_gbps: {}{}}}\n",
                    yaml_scalar(type.name), yaml_scalar(type.gpu_type), type.gpus,
                    number(type.nvlink_gbps), type.nics, number(type.nic_gbps), costs);
  }

  out += "levels:                       # innermost first\n";
  bool seen_switch_level = false;
  for (std::size_t l = 0; l < spec.levels.size(); ++l) {
    const auto& level = spec.levels[l];
    append_comment(out, level.comment, "  ");
    std::string fields = fmt::format("name: {}", yaml_scalar(level.name));
    if (level.nvlink_gbps > 0) {
      fields += fmt::format(", nvlink_gbps: {}", number(level.nvlink_gbps));
    } else {
      fields +=
          fmt::format(", {}: {}", seen_switch_level ? "switches" : "leaf_switches", level.switches);
      if (level.rails) fields += ", rails: true";
      if (l + 1 < spec.levels.size()) {
        fields +=
            fmt::format(", uplink_oversubscription: {}", number(level.uplink_oversubscription));
      }
      seen_switch_level = true;
    }
    if (l > 0) fields += group_key(level.group_sizes);
    if (level.latency_us != kDefaultLinkLatencyUs) {
      fields += fmt::format(", latency_us: {}", number(level.latency_us));
    }
    out += fmt::format("  - {{{}}}\n", fields);
  }

  out += "groups:                       # the domains of the first level, in order\n";
  for (const auto& group : spec.groups) {
    append_comment(out, group.comment, "  ");
    if (group.runs.size() == 1) {
      out += fmt::format("  {}: {{nodes: {}, type: {}}}\n", yaml_scalar(group.name),
                         quoted_hostlist(group.runs[0].nodes), yaml_scalar(group.runs[0].type));
      continue;
    }
    out += fmt::format("  {}:\n    nodes:\n", yaml_scalar(group.name));
    for (const auto& run : group.runs) {
      out += fmt::format("      - {{nodes: {}, type: {}}}\n", quoted_hostlist(run.nodes),
                         yaml_scalar(run.type));
    }
  }
  return out;
}

std::string to_yaml(const Topology& topology) { return render_topology_yaml(spec_of(topology)); }

}  // namespace podsim
