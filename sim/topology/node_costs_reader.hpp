#pragma once
// The power and price keys of a topology node type (NodeCosts, topology.hpp):
//   idle_w, busy_w  watts of one node with no GPU / every GPU busy; both or neither,
//                   0 <= idle_w <= busy_w <= 1 MW
//   price_usd       purchase price of one node, 0 to 1e9 (0: not priced)
#include "common/yaml_map.hpp"
#include "topology/topology.hpp"

namespace podsim {

// Reads them from a node type's `fields`; `place` is the node type's, for errors naming it.
// Throws InputError at the offending key.
NodeCosts read_node_costs(const YamlMap& fields, const YamlPlace& place);

}  // namespace podsim
