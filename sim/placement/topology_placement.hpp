#pragma once
// topology: the smallest topology domain that can hold the job, then best-fit inside it, the way
// Slurm's topology/tree plugin and Kueue's topology-aware scheduling choose nodes.
//
// Domains are tried from the innermost out: one node (the best-fit node: fewest free GPUs with
// room), then each level of the topology in order — an NVLink domain when the first level is one
// (nvlink_gbps > 0, e.g. a GB200 NVL72 rack), the leaf group (first switch level), then the
// levels above — and finally the whole machine (for topologies without levels). At a level, the
// domain chosen is the one that can hold the job and leaves the fewest of its GPUs free
// (packing; ties to the lowest domain index). Inside it the job takes the fewest nodes, whole
// nodes first, the remainder on the tightest node (fill_fewest_nodes), or its gpus_per_node
// chunks on the fullest nodes that take them. Only nodes that suit the job's GPU type count.
//
// max_level (Kueue "required" level, Slurm --switches without a time limit): a level name or
// "node". The job must fit within one domain of that level and waits until one can hold it. If
// no domain of that level could hold the job even on an empty machine, the requirement is
// dropped for that job (it would otherwise wait forever). Empty (the default) is Kueue's
// "preferred": the smallest domain that fits now, never waiting for locality. An unknown level
// name is an InputError, raised on the first placement (the topology is not known before).
//
// max_wait (seconds, with max_level; Slurm's --switches=N@max-time): once the job has waited
// that long since its submission, the requirement is dropped and it takes the smallest domain
// that fits now. 0 (the default): wait as long as it takes.
//
// Job shape parameters `gpus_per_node` and `split`: see node_picker.hpp.
// O(nodes x levels) per multi-node call, O(nodes) for a job that fits on one node, O(1) when it
// cannot fit by count.
#include <string>

#include "placement/shaped_placement.hpp"

namespace podsim {

class TopologyPlacement : public ShapedPlacement {
 public:
  TopologyPlacement(ShapeOptions options, std::string max_level, Time max_wait);
  static std::vector<ParamSpec> params();
  static std::unique_ptr<PlacementStrategy> make(const ParamValues& values, std::uint64_t seed);

  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) override;

 private:
  static constexpr int kNodeLevel = -1;
  static constexpr int kNoLimit = -2;

  void resolve_max_level(const Topology& topology);
  // The tightest domain at levels [from, to] that holds the job now, filled best-fit; nullopt
  // when none holds it.
  std::optional<Allocation> place_in_levels(const JobSpec& job, const Cluster& cluster,
                                            const JobShape& shape, int from, int to);
  std::optional<Allocation> fill_region(const JobSpec& job, const Cluster& cluster,
                                        const JobShape& shape, Region region);

  std::string max_level_name_;
  const Topology* resolved_for_ = nullptr;
  int max_level_ = kNoLimit;  // kNodeLevel, a level index, or kNoLimit
  Time max_wait_ = 0;         // 0: no limit
  DomainTally tally_;
};

}  // namespace podsim
