#pragma once
// Topology: the machine, as a tree of levels loaded into a Boost.Graph (DESIGN section 4).
//
// Vertices are compute nodes and switches; edges are links carrying bandwidth (Gb/s) and latency.
// Each compute node also records, for every level, which domain (group) of that level holds it,
// so locality questions ("do these two nodes share a leaf group?") are O(levels) lookups.
// Immutable after loading; the simulator shares it read-only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace podsim {

// Latency of a link into a switch when its level gives no latency_us: one switch hop (port to
// port plus cable) rounded up to a microsecond; coarse, but it keeps latency visible in the graph.
inline constexpr double kDefaultLinkLatencyUs = 1.0;

// Largest GPU count of one node type: real nodes hold 4 to 16 GPUs (a GB200 NVL72 rack is an
// NVLink domain level of 18 nodes, not one node), so 1,024 leaves ample margin while a typo or
// an overflowing count (2^30, 2^31 - 1) is an error instead of a wrapped total.
inline constexpr int kMaxNodeGpus = 1024;
// Largest GPU (or processor) count of a whole machine, topology or flat pool: 2^20 = 1,048,576,
// five times the largest GPU clusters built and six times the largest SWF machine in the
// Parallel Workloads Archive (ANL Intrepid, 163,840 cores). Far below INT_MAX, so every per-GPU
// count (totals, free GPUs, a job's request) fits an int.
inline constexpr int kMaxMachineGpus = 1 << 20;

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

// What one node of a type draws and costs (docs/power-and-cost.md); all 0: not given. A node
// draws idle_w with no GPU busy and busy_w with all of them, linearly in between.
struct NodeCosts {
  double idle_w = 0;
  double busy_w = 0;
  double price_usd = 0;  // purchase price, depreciated over the site's period
  bool has_power() const { return busy_w > 0; }
};

// A node type as the topology file defines it, with the number of nodes of that type.
struct NodeType {
  std::string name;
  int gpus = 0;
  std::uint32_t gpu_type = 0;  // index into Topology::gpu_types()
  NodeCosts costs;
  int nodes = 0;
};

struct ComputeNode {
  std::string name;
  std::string type;            // node type name
  std::uint32_t node_type = 0; // index into Topology::node_types()
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
  // An NVLink level has switches == 1: one vertex per domain stands for the domain's NVLink
  // switch trays, joined to each of its nodes by a link of gpus * nvlink_gbps.

  // Domain names, by domain index: the group names at level 0; above, the level name when the
  // level has one domain, else the level name followed by 1..domains.
  std::vector<std::string> domain_names;
  // Bandwidth of ONE uplink edge from a switch of this level to one switch of its parent group.
  // Every switch of a level gets the same uplinks, sized for the fullest switch of the level:
  // (largest downlink Gb/s of any switch of the level) / oversubscription / (parent switches).
  // 0 on the outermost level and on an NVLink level (neither has uplinks).
  double uplink_gbps = 0;
  double latency_us = 0;                // one-way latency of each link from below into a switch here
  std::size_t first_switch_vertex = 0;  // see Topology::switch_vertex
};

class Topology {
 public:
  // A flat pool of `units` GPUs (or processors) on one node named "flat", GPU type "generic"
  // (speed 1): CPU traces such as SWF. No levels, no switches, no links (nvlink_gbps and nics
  // are 0): every placement is the reference placement. Throws InputError unless
  // 1 <= units <= kMaxMachineGpus.
  static Topology flat(int units);

  const std::string& name() const { return name_; }
  const std::vector<GpuType>& gpu_types() const { return gpu_types_; }
  const std::vector<NodeType>& node_types() const { return node_types_; }
  const std::vector<ComputeNode>& nodes() const { return nodes_; }
  const std::vector<Level>& levels() const { return levels_; }
  const TopologyGraph& graph() const { return graph_; }
  int total_gpus() const { return total_gpus_; }
  // The machine's compute capacity in reference GPUs: every GPU counted at its type's speed,
  // the denominator of offered load (DESIGN section 9). O(nodes).
  double capacity_gpus() const;
  int max_node_gpus() const { return max_node_gpus_; }
  std::size_t switch_count() const;

  // Graph vertex of switch `index` (0-based, < levels()[level].switches) of domain `domain` at
  // `level`. Vertices are numbered: compute nodes first (vertex == node index), then the switches
  // level by level, domain by domain. O(1).
  std::size_t switch_vertex(int level, int domain, int index) const;

  // The innermost level at which nodes `a` and `b` share a domain: -1 when a == b,
  // levels().size() when they meet only above the outermost level. O(levels).
  int common_level(int a, int b) const;

 private:
  friend class TopologyBuilder;
  std::string name_;
  std::vector<GpuType> gpu_types_;
  std::vector<NodeType> node_types_;
  std::vector<ComputeNode> nodes_;
  std::vector<Level> levels_;
  TopologyGraph graph_;
  int total_gpus_ = 0;
  int max_node_gpus_ = 0;
};

// Loads a topology YAML file. Throws InputError with the file, the line and the key path.
//
// Format (every key shown; unknown keys are errors):
//   name: dgx-h100-superpod
//   gpu_types:                  # name -> {speed: relative compute speed > 0, default 1}
//     H100-SXM5: {speed: 1.0}
//   node_types:                 # gpu_type may be omitted when one GPU type is defined
//     dgx-h100: {gpu_type: H100-SXM5, gpus: 8, nvlink_gbps: 7200, nics: 8, nic_gbps: 400}
//   levels:                     # innermost first
//     - {name: su, leaf_switches: 8, rails: true, uplink_oversubscription: 1.0}
//     - {name: spine, switches: 16}
//   groups:                     # the domains of the first level, in this order
//     su1: {nodes: "dgx[001-032]", type: dgx-h100}
//     su2: "dgx[033-064]"       # short form when one node type is defined
//     mixed: {nodes: [{nodes: "a[1-4]", type: x}, {nodes: "b[1-2]", type: y}]}
// Node type: 1 <= gpus <= kMaxNodeGpus (and the whole machine at most kMaxMachineGpus); nvlink_gbps
// per GPU inside the node (900 GB/s = 7200); nics >= 1; nic_gbps per NIC. A level is either a
// switch level (`switches`, or its synonym `leaf_switches`: switches per domain) or an NVLink
// domain (`nvlink_gbps` per GPU; only as the first level, e.g. a GB200 NVL72 rack). Level keys:
// `rails` (leaf level only, default false), `uplink_oversubscription` (>= 1, default 1; not on the
// outermost level), `group_size` (outer levels: units of the level below per domain, the last
// domain may be smaller; default: all), `group_sizes` (outer levels, instead of group_size: the
// units of each domain in order, e.g. [4, 3, 4], summing to the domains of the level below; for
// irregular trees), `latency_us` (per link into this level's switches, default 1). The outermost
// level must have exactly one domain.
//
// Graph: node vertices first (in group order), then per level, per domain, its switches, named
// "<domain>-sw<k>" (k from 1), or "<domain>-nvswitch" for an NVLink level's one vertex per
// domain. Edges: node -> NVSwitch, gpus * level nvlink_gbps; node -> leaf switches: with rails
// NIC r -> switch r at nic_gbps (needs nics <= switches), else one edge of nics * nic_gbps to a
// switch chosen round-robin within the group; every switch -> every switch of its parent domain,
// each edge Level::uplink_gbps. Intra-node NVLink is a node attribute, not an edge.
Topology load_topology(const std::string& path);

// Same, from text; `source_name` names it in errors (e.g. "<embedded default>").
Topology parse_topology(const std::string& yaml_text, const std::string& source_name);

// What `podsim topology show` prints: nodes, GPUs, levels and link bandwidths.
std::string describe_topology(const Topology& topology);

// The topology as YAML in the format above, such that parse_topology() of it builds the same
// nodes (names, order, types), levels, domains and graph. Node types are written as the nodes
// carry them (unused types of the source file are dropped); host lists are compressed. Throws
// InputError (key "levels") for a topology without levels, e.g. Topology::flat(). O(nodes).
std::string to_yaml(const Topology& topology);

}  // namespace podsim
