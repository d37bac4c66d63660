#pragma once
// PlacementStrategy: which free GPUs a job gets. Separate from the policy (which decides *which
// job* starts *when*), so any policy combines with any placement. A strategy only proposes; the
// cluster checks and applies the allocation.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "cluster/cluster.hpp"
#include "common/params.hpp"
#include "common/registry.hpp"

namespace podsim {

class PlacementStrategy {
 public:
  virtual ~PlacementStrategy() = default;

  // Exactly job.gpus free GPUs on nodes that suit the job, or nullopt when none fit now.
  // `now` is the simulated time, for strategies whose choice depends on how long the job has
  // waited (topology's max_wait).
  virtual std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) = 0;

  // Every job of at most this many GPUs gets all of them on one node from this strategy, so it
  // cannot start until some node has that many free: policies skip such jobs without asking
  // (backfill_candidates). 0: the strategy may split a job of any size.
  virtual int kept_on_one_node_up_to(const Cluster& /*cluster*/) const { return 0; }
};

// Factory: declared parameters and the run's seed (for strategies that draw at random).
using PlacementFactory =
    std::function<std::unique_ptr<PlacementStrategy>(const ParamValues&, std::uint64_t seed)>;
using PlacementRegistry = Registry<PlacementFactory>;

PlacementRegistry make_placement_registry();

}  // namespace podsim
