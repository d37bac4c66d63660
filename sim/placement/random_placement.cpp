#include "placement/random_placement.hpp"

#include <utility>

namespace podsim {
namespace {

// "placemnt" in ASCII: keeps this stream apart from other draws seeded with the run's seed.
constexpr std::uint64_t kStreamSalt = 0x706c6163656d6e74ULL;

}  // namespace

RandomPlacement::RandomPlacement(ShapeOptions options, std::uint64_t seed)
    : options_(options), rng_(seed ^ kStreamSalt) {}

std::unique_ptr<PlacementStrategy> RandomPlacement::make(const ParamValues& values,
                                                         std::uint64_t seed) {
  return std::make_unique<RandomPlacement>(read_shape_options(values, "placement random"), seed);
}

std::optional<Allocation> RandomPlacement::place(const JobSpec& job, const Cluster& cluster) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const JobShape shape = job_shape(job, cluster, options_);
  if (shape.single_node()) {
    if (job.gpus <= cluster.largest_free_on_a_node()) {
      const int nodes = static_cast<int>(cluster.free_per_node().size());
      auto fits = [&](int node) {
        return cluster.free_gpus_on(node) >= job.gpus && cluster.suits(job, node);
      };
      std::uint64_t fitting = 0;
      for (int node = 0; node < nodes; ++node) fitting += fits(node) ? 1 : 0;
      if (fitting > 0) {
        std::uint64_t chosen = rng_.uniform_below(fitting);
        for (int node = 0; node < nodes; ++node) {
          if (fits(node) && chosen-- == 0) return Allocation{{node, job.gpus}};
        }
      }
    }
    if (shape.kind == ShapeKind::kOneNode) return std::nullopt;
  }
  const std::span<int> order = picker_.candidates(job, cluster, Region::machine());
  // Check before drawing, so failed attempts leave the stream alone.
  if (!can_fill(order, cluster, shape)) return std::nullopt;
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[rng_.uniform_below(i)]);
  }
  if (shape.kind == ShapeKind::kChunks) return fill_chunks(order, cluster, shape);
  return fill_in_order(order, cluster, job.gpus);
}

}  // namespace podsim
