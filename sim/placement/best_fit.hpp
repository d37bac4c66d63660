#pragma once
// best-fit: pack. A job that fits on one node goes on the node with the fewest free GPUs that
// has room (ties to the lowest index), leaving whole nodes free for larger jobs. A job that must
// span nodes takes the fewest nodes: whole nodes with the most free GPUs first (lowest index
// among equals), and the remainder on the node it fits most tightly, so a split job crosses as
// few nodes as it can and still leaves the least free on the last one. (The alternative, filling
// the fullest nodes first, packs as well but spreads the job over many fragments.)
// Job shape parameters `gpus_per_node` and `split`: see node_picker.hpp.
// O(nodes) per call (a counting sort for multi-node jobs); O(1) when the job cannot fit by count.
#include "placement/shaped_placement.hpp"

namespace podsim {

class BestFit : public ShapedPlacement {
 public:
  explicit BestFit(ShapeOptions options) : ShapedPlacement(options) {}
  static std::unique_ptr<PlacementStrategy> make(const ParamValues& values, std::uint64_t seed);

  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) override;
};

}  // namespace podsim
