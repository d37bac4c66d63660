#include "placement/random_placement.hpp"

#include <utility>

namespace podsim {
namespace {

// "placemnt" in ASCII: keeps this stream apart from other draws seeded with the run's seed.
constexpr std::uint64_t kStreamSalt = 0x706c6163656d6e74ULL;

}  // namespace

RandomPlacement::RandomPlacement(ShapeOptions options, std::uint64_t seed)
    : ShapedPlacement(options), rng_(seed ^ kStreamSalt) {}

std::unique_ptr<PlacementStrategy> RandomPlacement::make(const ParamValues& given,
                                                         std::uint64_t seed) {
  const ParamValues values = complete_params(params(), given, "placement random");
  return std::make_unique<RandomPlacement>(read_shape_options(values, "placement random"), seed);
}

std::optional<Allocation> RandomPlacement::place(const JobSpec& job, const Cluster& cluster,
                                                 Time /*now*/) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const JobShape shape = job_shape(job, cluster, options());
  if (shape.single_node()) {
    if (job.gpus <= cluster.largest_free_on_a_node()) {
      const std::span<int> fitting = picker().with_free(job, cluster, Region::machine(), job.gpus);
      if (!fitting.empty()) {
        const int node = fitting[rng_.uniform_below(fitting.size())];
        return Allocation{{node, job.gpus}};
      }
    }
    if (shape.kind == ShapeKind::kOneNode) return std::nullopt;
  }
  const std::span<int> order = picker().candidates(job, cluster, Region::machine());
  // Check before drawing, so failed attempts leave the stream alone.
  if (!can_fill(order, cluster, shape)) return std::nullopt;
  // A lazy Fisher-Yates shuffle: draw the random order one position at a time and stop as soon
  // as its prefix can hold the job. The prefix has the distribution of a full shuffle's, and the
  // fills would not look past it, so the result is the same for fewer draws.
  const bool chunks = shape.kind == ShapeKind::kChunks;
  std::size_t drawn = 0;
  int free_sum = 0;
  int full_capable = 0;
  int last_capable = 0;
  auto enough = [&] {
    return chunks ? full_capable >= shape.full_nodes && last_capable >= shape.full_nodes + 1
                  : free_sum >= job.gpus;
  };
  while (!enough()) {
    std::swap(order[drawn], order[drawn + rng_.uniform_below(order.size() - drawn)]);
    const int free = cluster.free_gpus_on(order[drawn]);
    free_sum += free;
    full_capable += free >= shape.chunk ? 1 : 0;
    last_capable += free >= shape.last ? 1 : 0;
    ++drawn;
  }
  const std::span<const int> prefix = order.first(drawn);
  if (chunks) return fill_chunks(prefix, cluster, shape);
  return fill_in_order(prefix, cluster, job.gpus);
}

}  // namespace podsim
