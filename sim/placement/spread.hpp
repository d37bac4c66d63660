#pragma once
// spread: the opposite of best-fit, a worst case for communication and a best case for
// per-node contention. A job that fits on one node goes on the node with the most free GPUs
// (ties to the lowest index). A job that must span nodes is dealt round-robin, one GPU at a time,
// over the nodes with free GPUs in order of most free first: with G GPUs and at least G such
// nodes, each GPU lands on a different node. With gpus_per_node > 0 the full chunks go on the
// emptiest nodes. Job shape parameters `gpus_per_node` and `split`: see node_picker.hpp.
// O(nodes) per call (a counting sort for multi-node jobs); O(1) when the job cannot fit by count.
#include "placement/shaped_placement.hpp"

namespace podsim {

class Spread : public ShapedPlacement {
 public:
  explicit Spread(ShapeOptions options) : ShapedPlacement(options) {}
  static std::unique_ptr<PlacementStrategy> make(const ParamValues& values, std::uint64_t seed);

  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) override;
};

}  // namespace podsim
