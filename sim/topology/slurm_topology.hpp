#pragma once
// Slurm topology.conf import and export: the topology/tree plugin (SwitchName=, Switches=,
// Nodes=, LinkSpeed=) and the topology/block plugin (BlockName=, Nodes=, BlockSizes=).
// Reference: Slurm's topology.conf(5) man page.
//
// Export. podsim's levels are a tree of domains, but a domain may hold several switches (a
// rail-optimised leaf group has 8 leaf switches, each wired to every node of the group; every
// switch links to every switch of its parent domain), which is not a tree. Slurm's tree plugin
// needs a tree, so each domain is written as ONE logical switch named after the domain (e.g.
// `su1`), whose children are its nodes (innermost level, NVLink domains included) or the
// domains it groups. The block plugin gets one block per domain of the innermost level (leaf
// group or NVLink domain) and BlockSizes: the smallest block's node count, then one size per
// outer level whose domains hold a power-of-two multiple of the previous size's blocks (Slurm
// aggregates blocks in powers of two); other levels are named in a comment and left out.
// Both outputs start with comment lines saying so. Bandwidths are not written (Slurm's LinkSpeed
// has no unit and is unused).
//
// Import. Comments (`#` to the end of the line, `\#` for a literal '#'), line continuation (an
// odd number of trailing backslashes joins the next line, as Slurm's parser does), case-
// insensitive keys, optional spaces around '=', and "quoted values" are accepted. Host lists are
// expanded with expand_hostlist(). A tree file becomes one level per switch height (leaf
// switches = the innermost level) provided that:
//   - there is one top: one switch, or several whose children are the same (switches of one
//     domain); several separate fabrics are an error, since podsim's outermost level is one;
//   - every leaf switch lies the same number of switch hops below the top;
//   - it is a tree once switches with identical children are merged into one domain (e.g. the
//     8 rail leaves of an SU listing the same nodes; 16 spines listing the same leaves), with
//     each node in one leaf domain. A switch listing some switches of a merged domain is taken
//     as linked to the domain.
// A domain's switch count is the number of merged Slurm switches; where every domain of a level
// is a single Slurm switch (podsim's own export), it comes from the options. Domain names are
// the Slurm names (a merged domain of switches P1..Pn is named P, else after its first switch;
// a comment lists the merged switches); an outer level whose domains are named P1..Pn (or
// that has one domain) is named P, which the builder turns back into the same names; otherwise
// the level is named level<k>- and a comment maps the names.
// A block file becomes the blocks (innermost level), then one level per further BlockSizes
// entry (group_size = ratio to the previous size), then an outer level `fabric` if the largest
// size does not hold every block.
// topology.conf has no node hardware: every node gets the node type of the options. The result
// is YAML (the format of load_topology) built by parse_topology(), so imports and hand-written
// files go through the same builder. Errors are InputError naming the source, the (first) line
// of the statement and the key; option errors name the option (line 0).
#include <string>

#include "topology/topology.hpp"

namespace podsim {

// Node hardware and switch counts of an import. Defaults: the DGX H100 SuperPOD
// (configs/dgx-h100-superpod.yaml), so its exported tree imports back unchanged.
struct SlurmImportOptions {
  std::string name;  // topology name; empty: the source's file name stem
  std::string gpu_type = "H100-SXM5";
  double gpu_speed = 1.0;  // relative compute speed, > 0
  std::string node_type = "dgx-h100";
  int gpus_per_node = 8;                 // 1..kMaxNodeGpus
  double nvlink_gbps = 7200;             // per GPU inside a node, > 0
  int nics = 8;                          // per node, >= 1
  double nic_gbps = 400;                 // per NIC, > 0
  int leaf_switches = 8;                 // per domain of the first switch level (see above)
  bool rails = true;                     // NIC r to leaf switch r; needs nics <= leaf switches
  int spine_switches = 16;               // per domain of every switch level above it
  double uplink_oversubscription = 1.0;  // of the first switch level's uplinks, >= 1
  double nvlink_domain_gbps = 0;         // > 0: the innermost domains (leaf switches or blocks)
                                         // are NVLink domains of this Gb/s per GPU (GB200 NVL72)
  // Power and price of every node (configs/dgx-h100-superpod.yaml's DGX H100 by default).
  NodeCosts costs{2100, 10200, 400000};
};

// topology/tree text; see above. Throws InputError for a topology without levels or a domain
// name Slurm cannot take (empty, longer than 64 characters, or holding whitespace , [ ] # = ").
std::string export_slurm_tree(const Topology& topology);

// topology/block text; see above. Same errors as export_slurm_tree.
std::string export_slurm_block(const Topology& topology);

// The topology YAML an import builds (with a comment header naming the source and the options).
std::string slurm_topology_to_yaml(const std::string& text, const std::string& source,
                                   const SlurmImportOptions& options);

// parse_topology(slurm_topology_to_yaml(...)).
Topology import_slurm_topology(const std::string& text, const std::string& source,
                               const SlurmImportOptions& options);

}  // namespace podsim
