#pragma once
// TopologySpec: a topology as its YAML file states it (format beside load_topology() in
// topology.hpp), before the builder derives domains and the graph.
//
// Writers (to_yaml(), the Slurm importer) fill a spec and render it as YAML text, which
// parse_topology() then builds, so the YAML loader stays the one place where graphs are made.
// Rendering is O(nodes); the text is the project's usual style (flow mappings, compressed host
// lists) and round-trips: parse_topology(render_topology_yaml(spec_of(t))) rebuilds t.
#include <string>
#include <vector>

#include "topology/topology.hpp"

namespace podsim {

struct TopologySpec {
  struct Gpu {
    std::string name;
    double speed = 1.0;
  };
  struct NodeType {
    std::string name;
    std::string gpu_type;
    int gpus = 0;
    double nvlink_gbps = 0;  // per GPU
    int nics = 0;
    double nic_gbps = 0;  // per NIC
    NodeCosts costs;      // written only when given
  };
  struct LevelEntry {
    std::string name;
    double nvlink_gbps = 0;  // > 0: an NVLink domain level (innermost only)
    int switches = 0;        // switches per domain of a switch level
    bool rails = false;
    double uplink_oversubscription = 1.0;  // written on switch levels that have a parent
    // Outer levels: units of the level below in each domain, in order (they must add up to the
    // domains below). Empty: one domain holding everything. Written as group_size when regular.
    std::vector<int> group_sizes;
    double latency_us = kDefaultLinkLatencyUs;
    std::string comment;  // written as "# ..." lines above the level
  };
  struct NodeRun {  // consecutive nodes of one type
    std::string type;
    std::vector<std::string> nodes;
  };
  struct Group {
    std::string name;
    std::vector<NodeRun> runs;
    std::string comment;
  };

  std::string name;
  std::vector<Gpu> gpu_types;
  std::vector<NodeType> node_types;
  std::vector<LevelEntry> levels;  // innermost first
  std::vector<Group> groups;       // the domains of the first level, in order
};

// The spec that builds `topology` again. Throws InputError (key "levels") when the topology has
// no levels (Topology::flat). O(nodes x levels).
TopologySpec spec_of(const Topology& topology);

// YAML text of the spec. `header` (comment lines, each starting with '#', or empty) comes first.
// Names that YAML would misread are quoted. Throws InputError (key "hostlist") when a node name
// cannot be written in a host list (it holds ',', '[', ']' or whitespace).
std::string render_topology_yaml(const TopologySpec& spec, const std::string& header = "");

// For each level l >= 1, the domain of level l holding each domain of level l - 1:
// result[l][d]. result[0] is empty. Derived from the nodes' domains; O(nodes x levels).
std::vector<std::vector<int>> domain_parents(const Topology& topology);

}  // namespace podsim
