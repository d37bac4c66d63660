#include "placement/best_fit.hpp"

namespace podsim {

std::unique_ptr<PlacementStrategy> BestFit::make(const ParamValues& given, std::uint64_t) {
  const ParamValues values = complete_params(params(), given, "placement best-fit");
  return std::make_unique<BestFit>(read_shape_options(values, "placement best-fit"));
}

std::optional<Allocation> BestFit::place(const JobSpec& job, const Cluster& cluster, Time /*now*/) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const JobShape shape = job_shape(job, cluster, options());
  if (shape.single_node()) {
    const int node = pick_node(job, cluster, job.gpus, Prefer::kFewestFree);
    if (node >= 0) return Allocation{{node, job.gpus}};
    if (shape.kind == ShapeKind::kOneNode) return std::nullopt;
  }
  const auto order = picker().by_free(job, cluster, Region::machine(), /*ascending=*/true);
  if (shape.kind == ShapeKind::kChunks) return fill_chunks(order, cluster, shape);
  return fill_fewest_nodes(order, cluster, job.gpus);
}

}  // namespace podsim
