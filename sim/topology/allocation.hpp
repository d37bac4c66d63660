#pragma once
// Allocation: which GPUs of which nodes a job holds. Small (usually one or a few nodes).
#include <vector>

namespace podsim {

struct NodeShare {
  int node = 0;  // index into Topology::nodes()
  int gpus = 0;  // > 0
};

using Allocation = std::vector<NodeShare>;

inline int allocated_gpus(const Allocation& allocation) {
  int total = 0;
  for (const auto& share : allocation) total += share.gpus;
  return total;
}

}  // namespace podsim
