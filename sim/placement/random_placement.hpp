#pragma once
// random: a seeded, uniformly random choice, as a baseline free of any placement heuristic.
// A job that fits on one node goes on a node drawn uniformly among those that suit it and have
// room (one draw). A job that must span nodes takes free GPUs node by node in a uniformly random
// order of the candidate nodes (a Fisher-Yates shuffle drawn lazily: one draw per node looked
// at), or, with gpus_per_node > 0, its chunks on the first nodes of that order that take them.
// Nothing is drawn when the job cannot fit, so draws depend only on the placements made and
// attempted with room; the same seed and inputs give the same placements.
// The stream is the run's seed mixed with a constant, so it is not the same stream as other
// users of that seed (e.g. the synthetic workload generator).
// Job shape parameters `gpus_per_node` and `split`: see node_picker.hpp. O(nodes) per call.
#include "core/rng.hpp"
#include "placement/shaped_placement.hpp"

namespace podsim {

class RandomPlacement : public ShapedPlacement {
 public:
  RandomPlacement(ShapeOptions options, std::uint64_t seed);
  static std::unique_ptr<PlacementStrategy> make(const ParamValues& values, std::uint64_t seed);

  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) override;

 private:
  Rng rng_;
};

}  // namespace podsim
