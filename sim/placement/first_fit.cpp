#include "placement/first_fit.hpp"

#include <algorithm>

#include "placement/node_picker.hpp"

namespace podsim {

std::optional<Allocation> FirstFit::place(const JobSpec& job, const Cluster& cluster,
                                          Time /*now*/) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const int nodes = static_cast<int>(cluster.free_per_node().size());
  // "Fits one node" among the nodes of the job's GPU type: a typed job larger than its type's
  // nodes must span them even when nodes of another type are larger.
  if (job.gpus <= cluster.largest_node_for(job)) {
    if (job.gpus > cluster.largest_free_on_a_node()) return std::nullopt;
    for (int node = 0; node < nodes; ++node) {
      if (cluster.free_gpus_on(node) >= job.gpus && cluster.suits(job, node)) {
        return Allocation{{node, job.gpus}};
      }
    }
    return std::nullopt;
  }
  Allocation allocation;
  int needed = job.gpus;
  for (int node = 0; node < nodes && needed > 0; ++node) {
    const int take = std::min(needed, cluster.free_gpus_on(node));
    if (take > 0 && cluster.suits(job, node)) {
      allocation.push_back({node, take});
      needed -= take;
    }
  }
  if (needed > 0) return std::nullopt;
  return allocation;
}

}  // namespace podsim
