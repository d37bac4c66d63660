#pragma once
// Topology: the machine, as a tree of levels loaded into a Boost.Graph (DESIGN section 4).
//
// Vertices are compute nodes and switches; edges are links carrying bandwidth (Gb/s) and latency.
// Each compute node also records, for every level, which domain (group) of that level holds it,
// so locality questions ("do these two nodes share a leaf group?") are O(levels) lookups.
// Immutable after loading; the simulator shares it read-only.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace podsim {

struct GpuType {
  std::string name;
  double speed = 1.0;  // compute speed relative to the reference GPU
};

enum class VertexKind : std::uint8_t { kNode, kSwitch };

struct VertexInfo {
  VertexKind kind = VertexKind::kNode;
  std::string name;
  int level = -1;    // for switches: index into Topology::levels(); -1 for nodes
  int node = -1;     // for nodes: index into Topology::nodes(); -1 for switches
};

struct LinkInfo {
  double gbps = 0;        // bandwidth, gigabits per second, per direction
  double latency_us = 0;  // one-way latency, microseconds
};

using TopologyGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexInfo, LinkInfo>;

struct ComputeNode {
  std::string name;
  std::string type;            // node type name
  int gpus = 0;
  std::uint32_t gpu_type = 0;  // index into Topology::gpu_types()
  double nvlink_gbps = 0;      // per-GPU bandwidth inside the node (or its NVLink domain)
  int nics = 0;
  double nic_gbps = 0;         // per NIC
  std::vector<int> domains;    // domain index at each level, innermost first
  std::size_t vertex = 0;      // vertex in graph()
};

struct Level {
  std::string name;
  int domains = 0;               // number of groups at this level
  int switches = 0;              // switches per group (leaf switches, or spine switches)
  bool rails = false;            // rail-optimised: NIC r of every node goes to leaf switch r
  double oversubscription = 1.0; // downlink : uplink bandwidth ratio of this level's uplinks
  double nvlink_gbps = 0;        // > 0 when this level is an NVLink domain (e.g. GB200 NVL72 rack)
};

class Topology {
 public:
  // A flat pool of `units` GPUs (or processors) on one node: CPU traces such as SWF.
  static Topology flat(int units);

  const std::string& name() const { return name_; }
  const std::vector<GpuType>& gpu_types() const { return gpu_types_; }
  const std::vector<ComputeNode>& nodes() const { return nodes_; }
  const std::vector<Level>& levels() const { return levels_; }
  const TopologyGraph& graph() const { return graph_; }
  int total_gpus() const { return total_gpus_; }
  int max_node_gpus() const { return max_node_gpus_; }
  std::size_t switch_count() const;

  // The innermost level at which nodes `a` and `b` share a domain: -1 when a == b,
  // levels().size() when they meet only above the outermost level. O(levels).
  int common_level(int a, int b) const;

 private:
  friend class TopologyBuilder;
  std::string name_;
  std::vector<GpuType> gpu_types_;
  std::vector<ComputeNode> nodes_;
  std::vector<Level> levels_;
  TopologyGraph graph_;
  int total_gpus_ = 0;
  int max_node_gpus_ = 0;
};

// Loads a topology YAML file. Throws InputError with the file, the line and the key path.
Topology load_topology(const std::string& path);

// Same, from text; `source_name` names it in errors (e.g. "<embedded default>").
Topology parse_topology(const std::string& yaml_text, const std::string& source_name);

// What `podsim topology show` prints: nodes, GPUs, levels and link bandwidths.
std::string describe_topology(const Topology& topology);

}  // namespace podsim
