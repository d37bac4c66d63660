#pragma once
// first-fit: nodes in index order (the topology file's order).
// A job that fits on one node goes on the first node with enough free GPUs, never split; a job
// larger than any node takes the free GPUs of suitable nodes in index order.
// O(nodes) per call, O(1) when the job cannot fit (checked against free-GPU counts first).
#include "placement/placement_strategy.hpp"

namespace podsim {

class FirstFit : public PlacementStrategy {
 public:
  std::optional<Allocation> place(const JobSpec& job, const Cluster& cluster, Time now) override;
  int kept_on_one_node_up_to(const Cluster& cluster) const override {
    return cluster.fits_one_node_up_to();  // (a job that fits one node is never split)
  }
};

}  // namespace podsim
