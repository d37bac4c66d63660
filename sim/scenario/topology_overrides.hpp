#pragma once
// Topology overrides a scenario (or a sweep) applies to a topology file, so one file serves a
// family of machines: the number of first-level groups (scalable units, racks) and the fabric's
// oversubscription. The result is rebuilt through the topology YAML loader (spec_of ->
// render_topology_yaml -> parse_topology), so it is checked like a hand-written file.
#include <optional>
#include <string>

#include "topology/topology.hpp"

namespace podsim {

struct TopologyOverrides {
  // Number of first-level groups. Fewer than the file has: the first N. More: the file's groups
  // followed by copies of its FIRST group (same node types and counts), named after the level
  // with the next free number ("su5"), nodes "<group>n<k>" (k zero-padded from 1).
  // Outer levels are regrouped by their group_size (an outer level with one domain keeps one);
  // an outer level with irregular group_sizes cannot be resized (InputError).
  std::optional<int> groups;
  // uplink_oversubscription of every switch level below the outermost (>= 1).
  std::optional<double> oversubscription;
};

// `base` with `overrides` applied; `source` names the machine in errors. Throws InputError
// (key "topology.overrides.<key>") for a flat pool or an irregular tree. O(nodes x levels).
Topology apply_topology_overrides(const Topology& base, const TopologyOverrides& overrides,
                                  const std::string& source);

}  // namespace podsim
