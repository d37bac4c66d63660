#include "topology/topology.hpp"

#include <algorithm>
#include <cassert>
#include <string_view>

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace podsim {
namespace {

// "1 node", "2 nodes": the description is read by people.
std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

}  // namespace

Topology Topology::flat(int units) {
  if (units <= 0 || units > kMaxMachineGpus) {
    throw InputError(
        "", 0, "units",
        fmt::format("expected a GPU count in [1, {}], found {}", kMaxMachineGpus, units));
  }
  Topology topology;
  topology.name_ = "flat";
  topology.gpu_types_.push_back(GpuType{"generic", 1.0});
  ComputeNode node;
  node.name = "flat";
  node.type = "generic";
  node.gpus = units;
  topology.node_types_.push_back(NodeType{"generic", units, 0, {}, 1});
  topology.nodes_.push_back(std::move(node));
  topology.graph_ = TopologyGraph(1);
  topology.graph_[0] = VertexInfo{VertexKind::kNode, "flat", -1, 0};
  topology.total_gpus_ = units;
  topology.max_node_gpus_ = units;
  return topology;
}

std::size_t Topology::switch_count() const {
  std::size_t count = 0;
  for (const auto& level : levels_) {
    count += static_cast<std::size_t>(level.domains) * static_cast<std::size_t>(level.switches);
  }
  return count;
}

std::size_t Topology::switch_vertex(int level, int domain, int index) const {
  const Level& l = levels_[static_cast<std::size_t>(level)];
  assert(domain >= 0 && domain < l.domains && index >= 0 && index < l.switches);
  return l.first_switch_vertex +
         static_cast<std::size_t>(domain) * static_cast<std::size_t>(l.switches) +
         static_cast<std::size_t>(index);
}

int Topology::common_level(int a, int b) const {
  assert(a >= 0 && b >= 0 && static_cast<std::size_t>(a) < nodes_.size() &&
         static_cast<std::size_t>(b) < nodes_.size());
  if (a == b) return -1;
  const auto& da = nodes_[static_cast<std::size_t>(a)].domains;
  const auto& db = nodes_[static_cast<std::size_t>(b)].domains;
  for (std::size_t l = 0; l < da.size(); ++l) {
    if (da[l] == db[l]) return static_cast<int>(l);
  }
  return static_cast<int>(levels_.size());
}

std::string describe_topology(const Topology& topology) {
  std::string out = fmt::format("topology {}\n", topology.name());
  out += fmt::format("  nodes: {}, GPUs: {}\n", topology.nodes().size(), topology.total_gpus());

  out += "  GPU types:";
  for (const auto& type : topology.gpu_types()) out += fmt::format(" {} (speed {})", type.name, type.speed);
  out += '\n';

  // Node types in order of first appearance; a type's nodes share its parameters.
  struct TypeUse {
    const ComputeNode* first;
    int count;
  };
  std::vector<TypeUse> uses;
  for (const auto& node : topology.nodes()) {
    auto it = std::find_if(uses.begin(), uses.end(),
                           [&](const TypeUse& use) { return use.first->type == node.type; });
    if (it == uses.end()) {
      uses.push_back({&node, 1});
    } else {
      ++it->count;
    }
  }
  out += "  node types:\n";
  for (const auto& use : uses) {
    const ComputeNode& node = *use.first;
    out += fmt::format("    {}: {} x {} {} GPUs, NVLink {} Gb/s per GPU, {} NICs x {} Gb/s\n",
                       node.type, plural(static_cast<std::size_t>(use.count), "node", "nodes"), node.gpus, topology.gpu_types()[node.gpu_type].name,
                       node.nvlink_gbps, node.nics, node.nic_gbps);
  }

  const auto& levels = topology.levels();
  out += levels.empty() ? "  levels: none\n" : "  levels, innermost first:\n";
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const Level& level = levels[l];
    std::vector<int> per_domain(static_cast<std::size_t>(level.domains), 0);
    for (const auto& node : topology.nodes()) ++per_domain[static_cast<std::size_t>(node.domains[l])];
    const auto [fewest, most] = std::minmax_element(per_domain.begin(), per_domain.end());
    const std::string sizes =
        *fewest == *most ? fmt::format("{}", *most) : fmt::format("{}-{}", *fewest, *most);
    out += fmt::format("    {} {}: {} of {} nodes, ", l, level.name, plural(static_cast<std::size_t>(level.domains), "domain", "domains"),
                       sizes);
    if (level.nvlink_gbps > 0) {
      out += fmt::format("NVLink domain {} Gb/s per GPU (one NVSwitch vertex per domain)",
                         level.nvlink_gbps);
    } else {
      out += fmt::format("{} switches per domain", level.switches);
      if (level.rails) out += ", rail-optimised";
      if (l + 1 < levels.size()) {
        out += fmt::format(", oversubscription {}:1, {} Gb/s per uplink edge",
                           level.oversubscription, level.uplink_gbps);
      } else {
        out += ", top level";
      }
    }
    out += fmt::format(", latency {} us\n", level.latency_us);
  }

  out += fmt::format("  graph: {} ({}, {}), {}\n",
                     plural(boost::num_vertices(topology.graph()), "vertex", "vertices"),
                     plural(topology.nodes().size(), "node", "nodes"),
                     plural(topology.switch_count(), "switch", "switches"),
                     plural(boost::num_edges(topology.graph()), "edge", "edges"));
  return out;
}

double Topology::capacity_gpus() const {
  double capacity = 0;
  for (const ComputeNode& node : nodes_) capacity += node.gpus * gpu_types_[node.gpu_type].speed;
  return capacity;
}

}  // namespace podsim
