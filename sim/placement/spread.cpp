#include "placement/spread.hpp"

namespace podsim {

std::unique_ptr<PlacementStrategy> Spread::make(const ParamValues& given, std::uint64_t) {
  const ParamValues values = complete_params(params(), given, "placement spread");
  return std::make_unique<Spread>(read_shape_options(values, "placement spread"));
}

std::optional<Allocation> Spread::place(const JobSpec& job, const Cluster& cluster, Time /*now*/) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const JobShape shape = job_shape(job, cluster, options());
  if (shape.single_node()) {
    const int node = pick_node(job, cluster, job.gpus, Prefer::kMostFree);
    if (node >= 0) return Allocation{{node, job.gpus}};
    if (shape.kind == ShapeKind::kOneNode) return std::nullopt;
  }
  const auto order = picker().by_free(job, cluster, Region::machine(), /*ascending=*/false);
  if (shape.kind == ShapeKind::kChunks) return fill_chunks(order, cluster, shape);
  return fill_round_robin(order, cluster, job.gpus);
}

}  // namespace podsim
