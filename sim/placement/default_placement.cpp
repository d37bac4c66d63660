#include "placement/default_placement.hpp"

namespace podsim {

std::string default_placement(const Topology& topology) {
  const std::vector<Level>& levels = topology.levels();
  if (levels.empty()) return "first-fit";
  // Only the first level may be an NVLink domain (topology.hpp).
  if (levels.front().nvlink_gbps > 0) return "topology:max_level=" + levels.front().name;
  return "topology";
}

}  // namespace podsim
