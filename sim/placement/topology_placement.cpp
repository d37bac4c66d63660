#include "placement/topology_placement.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "common/input_error.hpp"
#include "common/suggest.hpp"

namespace podsim {

TopologyPlacement::TopologyPlacement(ShapeOptions options, std::string max_level, Time max_wait)
    : ShapedPlacement(options), max_level_name_(std::move(max_level)), max_wait_(max_wait) {}

std::vector<ParamSpec> TopologyPlacement::params() {
  std::vector<ParamSpec> specs = shape_param_specs();
  specs.push_back({"max_level", ParamType::kString, "",
                   "required level (a level name, or 'node'): wait until one domain of it holds "
                   "the job (dropped for a job none ever could); empty: prefer, never wait"});
  specs.push_back({"max_wait", ParamType::kReal, "0",
                   "seconds after submission when max_level stops binding (Slurm "
                   "--switches=N@time); 0: wait as long as it takes"});
  return specs;
}

std::unique_ptr<PlacementStrategy> TopologyPlacement::make(const ParamValues& given,
                                                           std::uint64_t) {
  const ParamValues values = complete_params(params(), given, "placement topology");
  const double max_wait_s = values.real("max_wait");
  if (!(max_wait_s >= 0) || !std::isfinite(max_wait_s)) {
    throw InputError("", 0, "placement topology.max_wait",
                     fmt::format("expected seconds >= 0, found {}", max_wait_s));
  }
  if (max_wait_s > 0 && values.text("max_level").empty()) {
    throw InputError("", 0, "placement topology.max_wait",
                     "has no effect without max_level (nothing to stop waiting for)");
  }
  return std::make_unique<TopologyPlacement>(
      read_shape_options(values, "placement topology"), values.text("max_level"),
      static_cast<Time>(std::llround(max_wait_s * static_cast<double>(kMicrosPerSecond))));
}

void TopologyPlacement::resolve_max_level(const Topology& topology) {
  resolved_for_ = &topology;
  max_level_ = kNoLimit;
  if (max_level_name_.empty()) return;
  if (max_level_name_ == "node") {
    max_level_ = kNodeLevel;
    return;
  }
  std::vector<std::string> valid{"node"};
  for (std::size_t level = 0; level < topology.levels().size(); ++level) {
    if (topology.levels()[level].name == max_level_name_) {
      max_level_ = static_cast<int>(level);
      return;
    }
    valid.push_back(topology.levels()[level].name);
  }
  throw InputError(
      "", 0, "placement topology.max_level",
      fmt::format("unknown level '{}' in topology '{}'{}; valid: {}", max_level_name_,
                  topology.name(), did_you_mean(max_level_name_, valid), fmt::join(valid, ", ")));
}

std::optional<Allocation> TopologyPlacement::place(const JobSpec& job, const Cluster& cluster,
                                                   Time now) {
  if (job.gpus > cluster.free_gpus()) return std::nullopt;
  const Topology& topology = cluster.topology();
  if (&topology != resolved_for_) resolve_max_level(topology);
  JobShape shape = job_shape(job, cluster, options());
  // The requirement binds until the job has waited max_wait; then it takes the smallest domain
  // that fits now.
  const int required_level = max_wait_ > 0 && now - job.submit >= max_wait_ ? kNoLimit : max_level_;
  // Required to stay on one node: a job that fits one node is never split then.
  if (required_level == kNodeLevel && shape.kind == ShapeKind::kOneNodeFirst) {
    shape.kind = ShapeKind::kOneNode;
  }
  if (shape.single_node()) {
    const int node = pick_node(job, cluster, job.gpus, Prefer::kFewestFree);
    if (node >= 0) return Allocation{{node, job.gpus}};
    if (shape.kind == ShapeKind::kOneNode) return std::nullopt;
  }
  const int outermost = static_cast<int>(topology.levels().size()) - 1;
  // A multi-node shape never fits the "node" level: that requirement cannot hold for this job.
  const int limit =
      required_level == kNoLimit || required_level == kNodeLevel ? outermost : required_level;
  tally_.count(job, cluster, shape, DomainTally::Basis::kFree);
  if (auto allocation = place_in_levels(job, cluster, shape, 0, limit)) return allocation;
  if (limit < outermost) {
    // Required level: wait, unless no domain of that level could ever hold the job.
    tally_.count(job, cluster, shape, DomainTally::Basis::kCapacity);
    const int domains = topology.levels()[static_cast<std::size_t>(limit)].domains;
    for (int domain = 0; domain < domains; ++domain) {
      if (tally_.can_hold(limit, domain, shape)) return std::nullopt;
    }
    tally_.count(job, cluster, shape, DomainTally::Basis::kFree);
    if (auto allocation = place_in_levels(job, cluster, shape, limit + 1, outermost)) {
      return allocation;
    }
  }
  // No levels (e.g. Topology::flat), or the outermost level has no room: the whole machine.
  return fill_region(job, cluster, shape, Region::machine());
}

std::optional<Allocation> TopologyPlacement::place_in_levels(const JobSpec& job,
                                                             const Cluster& cluster,
                                                             const JobShape& shape, int from,
                                                             int to) {
  for (int level = from; level <= to; ++level) {
    const int domain = tally_.tightest(level, shape);
    if (domain >= 0) return fill_region(job, cluster, shape, tally_.region(level, domain));
  }
  return std::nullopt;
}

std::optional<Allocation> TopologyPlacement::fill_region(const JobSpec& job, const Cluster& cluster,
                                                         const JobShape& shape, Region region) {
  const auto order = picker().by_free(job, cluster, region, /*ascending=*/true);
  if (shape.kind == ShapeKind::kChunks) return fill_chunks(order, cluster, shape);
  return fill_fewest_nodes(order, cluster, shape.gpus);
}

}  // namespace podsim
