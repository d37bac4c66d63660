#include "placement/node_picker.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "common/input_error.hpp"

namespace podsim {
namespace {

bool free_at_least(std::span<const int> nodes, const Cluster& cluster, int gpus) {
  int sum = 0;
  for (const int node : nodes) {
    sum += cluster.free_gpus_on(node);
    if (sum >= gpus) return true;
  }
  return false;
}

void sort_by_node(Allocation& allocation) {
  std::sort(allocation.begin(), allocation.end(),
            [](const NodeShare& a, const NodeShare& b) { return a.node < b.node; });
}

}  // namespace

std::vector<ParamSpec> shape_param_specs() {
  return {
      {"gpus_per_node", ParamType::kInteger, "0",
       "N > 0: a G-GPU job takes ceil(G/N) nodes, N GPUs on all but one (Slurm "
       "--gpus-per-node); 0: any split. Dropped for a job this machine could never shape so"},
      {"split", ParamType::kBool, "false",
       "a job that fits on one node may span nodes when none has room now (gpus_per_node=0)"},
  };
}

ShapeOptions read_shape_options(const ParamValues& values, const std::string& context) {
  ShapeOptions options;
  const std::int64_t per_node = values.integer("gpus_per_node");
  if (per_node < 0 || per_node > std::numeric_limits<int>::max()) {
    throw InputError("", 0, context + ".gpus_per_node",
                     "expected an integer >= 0, got '" + values.text("gpus_per_node") + "'");
  }
  options.gpus_per_node = static_cast<int>(per_node);
  options.split = values.boolean("split");
  return options;
}

JobShape job_shape(const JobSpec& job, const Cluster& cluster, const ShapeOptions& options) {
  JobShape shape;
  shape.gpus = job.gpus;
  const int largest = cluster.largest_node_for(job);
  if (options.gpus_per_node > 0) {
    const int chunk = options.gpus_per_node;
    const int nodes_needed = (job.gpus - 1) / chunk + 1;
    if (nodes_needed == 1) {
      if (job.gpus <= largest) return shape;  // kOneNode, whatever `split` says
    } else {
      const int last = job.gpus - (nodes_needed - 1) * chunk;
      // Could the empty machine hold it? Else the constraint is dropped, or the job would wait
      // forever (the driver admits every job that fits the machine's GPU count).
      int full_capable = 0;
      int last_capable = 0;
      const auto& all = cluster.topology().nodes();
      for (std::size_t node = 0; node < all.size(); ++node) {
        if (!cluster.suits(job, static_cast<int>(node))) continue;
        full_capable += all[node].gpus >= chunk ? 1 : 0;
        last_capable += all[node].gpus >= last ? 1 : 0;
      }
      if (full_capable >= nodes_needed - 1 && last_capable >= nodes_needed) {
        shape.kind = ShapeKind::kChunks;
        shape.chunk = chunk;
        shape.full_nodes = nodes_needed - 1;
        shape.last = last;
        return shape;
      }
    }
  }
  if (job.gpus <= largest) {
    shape.kind = options.split ? ShapeKind::kOneNodeFirst : ShapeKind::kOneNode;
  } else {
    shape.kind = ShapeKind::kAnySplit;
  }
  return shape;
}

int kept_on_one_node_up_to(const Cluster& cluster, const ShapeOptions& options) {
  if (options.gpus_per_node > 0) {
    return std::min(options.gpus_per_node, cluster.fits_one_node_up_to());
  }
  return options.split ? 0 : cluster.fits_one_node_up_to();
}

int pick_node(const JobSpec& job, const Cluster& cluster, int gpus, Prefer prefer) {
  const int largest_free = cluster.largest_free_on_a_node();
  if (gpus > largest_free) return -1;
  const int nodes = static_cast<int>(cluster.free_per_node().size());
  int best = -1;
  int best_free = 0;
  for (int node = 0; node < nodes; ++node) {
    const int free = cluster.free_gpus_on(node);
    if (free < gpus || !cluster.suits(job, node)) continue;
    if (prefer == Prefer::kFewestFree) {
      if (best < 0 || free < best_free) {
        best = node;
        best_free = free;
        if (free == gpus) break;  // a perfect fit; later nodes could only tie
      }
    } else if (best < 0 || free > best_free) {
      best = node;
      best_free = free;
      if (free == largest_free) break;
    }
  }
  return best;
}

bool can_fill(std::span<const int> order, const Cluster& cluster, const JobShape& shape) {
  switch (shape.kind) {
    case ShapeKind::kOneNode:
      for (const int node : order) {
        if (cluster.free_gpus_on(node) >= shape.gpus) return true;
      }
      return false;
    case ShapeKind::kOneNodeFirst:
    case ShapeKind::kAnySplit:
      return free_at_least(order, cluster, shape.gpus);
    case ShapeKind::kChunks: {
      int full = 0;
      int last = 0;
      for (const int node : order) {
        const int free = cluster.free_gpus_on(node);
        full += free >= shape.chunk ? 1 : 0;
        last += free >= shape.last ? 1 : 0;
      }
      return full >= shape.full_nodes && last >= shape.full_nodes + 1;
    }
  }
  return false;
}

std::optional<Allocation> fill_in_order(std::span<const int> order, const Cluster& cluster,
                                        int gpus) {
  if (!free_at_least(order, cluster, gpus)) return std::nullopt;
  Allocation allocation;
  int needed = gpus;
  for (const int node : order) {
    const int take = std::min(needed, cluster.free_gpus_on(node));
    if (take == 0) continue;
    allocation.push_back({node, take});
    needed -= take;
    if (needed == 0) break;
  }
  sort_by_node(allocation);
  return allocation;
}

std::optional<Allocation> fill_fewest_nodes(std::span<const int> order, const Cluster& cluster,
                                            int gpus) {
  if (!free_at_least(order, cluster, gpus)) return std::nullopt;
  // First position in [from, to) with at least `at_least` free (the order is ascending).
  auto first_with = [&](std::size_t from, std::size_t to, int at_least) {
    return static_cast<std::size_t>(
        std::partition_point(order.begin() + static_cast<std::ptrdiff_t>(from),
                             order.begin() + static_cast<std::ptrdiff_t>(to),
                             [&](int node) { return cluster.free_gpus_on(node) < at_least; }) -
        order.begin());
  };
  Allocation allocation;
  int remaining = gpus;
  std::size_t end = order.size();  // positions >= end are used up
  while (remaining > 0) {
    assert(end > 0 && "free_at_least guaranteed enough GPUs");
    // The block of nodes sharing the largest free count still unused, in index order.
    const int free = cluster.free_gpus_on(order[end - 1]);
    const std::size_t block = first_with(0, end, free);
    std::size_t position = block;
    for (; position < end && remaining > free; ++position) {
      allocation.push_back({order[position], free});
      remaining -= free;
    }
    if (position < end) {
      // The rest fits one unused node: the tightest one, below this block if any fits there.
      const std::size_t below = first_with(0, block, remaining);
      allocation.push_back({below < block ? order[below] : order[position], remaining});
      remaining = 0;
    }
    end = block;
  }
  sort_by_node(allocation);
  return allocation;
}

std::optional<Allocation> fill_round_robin(std::span<const int> order, const Cluster& cluster,
                                           int gpus) {
  if (!free_at_least(order, cluster, gpus)) return std::nullopt;
  // Round r gives one GPU to every node with more than r free: a prefix of the (descending)
  // order. Count whole rounds, then the partial one, instead of dealing GPU by GPU.
  std::size_t prefix = order.size();
  int rounds = 0;
  int remaining = gpus;
  while (remaining > 0) {
    while (prefix > 0 && cluster.free_gpus_on(order[prefix - 1]) <= rounds) --prefix;
    assert(prefix > 0 && "free_at_least guaranteed enough GPUs");
    if (static_cast<std::size_t>(remaining) < prefix) break;
    remaining -= static_cast<int>(prefix);
    ++rounds;
  }
  Allocation allocation;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const int share = std::min(cluster.free_gpus_on(order[i]), rounds) +
                      (i < static_cast<std::size_t>(remaining) ? 1 : 0);
    if (share > 0) allocation.push_back({order[i], share});
  }
  sort_by_node(allocation);
  return allocation;
}

std::optional<Allocation> fill_chunks(std::span<const int> order, const Cluster& cluster,
                                      const JobShape& shape) {
  assert(shape.kind == ShapeKind::kChunks);
  if (!can_fill(order, cluster, shape)) return std::nullopt;
  Allocation allocation;
  allocation.reserve(static_cast<std::size_t>(shape.full_nodes) + 1);
  int full = 0;
  bool last = false;
  for (const int node : order) {
    const int free = cluster.free_gpus_on(node);
    if (full < shape.full_nodes && free >= shape.chunk) {
      allocation.push_back({node, shape.chunk});
      ++full;
    } else if (!last && free >= shape.last) {
      allocation.push_back({node, shape.last});
      last = true;
    }
    if (full == shape.full_nodes && last) break;
  }
  assert(full == shape.full_nodes && last && "can_fill guaranteed the shape");
  sort_by_node(allocation);
  return allocation;
}

std::span<int> NodePicker::candidates(const JobSpec& job, const Cluster& cluster, Region region) {
  return with_free(job, cluster, region, 1);
}

std::span<int> NodePicker::with_free(const JobSpec& job, const Cluster& cluster, Region region,
                                     int at_least) {
  const std::vector<int>& free = cluster.free_per_node();
  const auto end = static_cast<std::size_t>(std::min(region.end, static_cast<int>(free.size())));
  const auto first = static_cast<std::size_t>(std::min(region.first, static_cast<int>(end)));
  candidates_.resize(end - first);
  int* out = candidates_.data();
  std::size_t found = 0;
  // Branch-free where it matters: free counts are irregular and would defeat prediction.
  if (job.gpu_type == kNoGpuType && region.level < 0) {
    for (std::size_t node = first; node < end; ++node) {
      out[found] = static_cast<int>(node);
      found += free[node] >= at_least ? 1 : 0;
    }
  } else if (job.gpu_type == kNoGpuType) {
    const auto& nodes = cluster.topology().nodes();
    const auto level = static_cast<std::size_t>(region.level);
    for (std::size_t node = first; node < end; ++node) {
      out[found] = static_cast<int>(node);
      found += static_cast<std::size_t>(free[node] >= at_least) &
               static_cast<std::size_t>(nodes[node].domains[level] == region.domain);
    }
  } else {
    const auto& nodes = cluster.topology().nodes();
    for (std::size_t node = first; node < end; ++node) {
      const int index = static_cast<int>(node);
      out[found] = index;
      found += free[node] >= at_least && region.contains(nodes[node]) && cluster.suits(job, index)
                   ? 1
                   : 0;
    }
  }
  return {out, found};
}

std::span<const int> NodePicker::by_free(const JobSpec& job, const Cluster& cluster, Region region,
                                         bool ascending) {
  const std::span<const int> found = candidates(job, cluster, region);
  const int top = cluster.topology().max_node_gpus();
  auto key = [&](int node) {
    const int free = cluster.free_gpus_on(node);
    return static_cast<std::size_t>(ascending ? free : top - free);
  };
  counts_.assign(static_cast<std::size_t>(top) + 1, 0);
  for (const int node : found) ++counts_[key(node)];
  int start = 0;
  for (int& count : counts_) {
    const int here = count;
    count = start;
    start += here;
  }
  order_.resize(found.size());
  // Stable: candidates are in index order, so equal counts stay in index order.
  for (const int node : found) order_[static_cast<std::size_t>(counts_[key(node)]++)] = node;
  return order_;
}

void DomainTally::count(const JobSpec& job, const Cluster& cluster, const JobShape& shape,
                        Basis basis) {
  const Topology& topology = cluster.topology();
  topology_ = &topology;
  const auto& levels = topology.levels();
  offset_.resize(levels.size() + 1);
  offset_[0] = 0;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    offset_[level + 1] = offset_[level] + levels[level].domains;
  }
  const auto slots = static_cast<std::size_t>(offset_.back());
  gpus_.assign(slots, 0);
  largest_.assign(slots, 0);
  full_.assign(slots, 0);
  last_.assign(slots, 0);
  first_node_.assign(slots, std::numeric_limits<int>::max());
  end_node_.assign(slots, 0);
  const auto& nodes = topology.nodes();
  const std::size_t count = nodes.size();
  // What each node offers this job: its free (or installed) GPUs, 0 when of the wrong type.
  values_.resize(count);
  const bool any_type = job.gpu_type == kNoGpuType;
  for (std::size_t node = 0; node < count; ++node) {
    const int id = static_cast<int>(node);
    const int gpus = basis == Basis::kFree ? cluster.free_gpus_on(id) : nodes[node].gpus;
    values_[node] = any_type || cluster.suits(job, id) ? gpus : 0;
  }
  // Sums over runs of consecutive nodes of one domain are kept in registers and added to the
  // domain's slot when the run ends: domains are contiguous runs in practice, and adding node by
  // node into memory would chain every node on the previous node's store. Node-major, so each
  // node's domain list is read once.
  const int chunk_size = std::max(shape.chunk, 1);
  const int last_size = std::max(shape.last, 1);
  runs_.assign(levels.size(), Run{});
  auto flush = [&](std::size_t level) {
    const Run& run = runs_[level];
    if (run.domain < 0) return;
    const std::size_t slot = index(static_cast<int>(level), run.domain);
    gpus_[slot] += run.gpus;
    largest_[slot] = std::max(largest_[slot], run.largest);
    full_[slot] += run.full;
    last_[slot] += run.last;
    first_node_[slot] = std::min(first_node_[slot], run.first);
    end_node_[slot] = std::max(end_node_[slot], run.end);
  };
  const std::size_t level_count = levels.size();
  for (std::size_t node = 0; node < count; ++node) {
    const int value = values_[node];
    const int full = value >= chunk_size ? 1 : 0;
    const int last = value >= last_size ? 1 : 0;
    const int* domains = nodes[node].domains.data();
    for (std::size_t level = 0; level < level_count; ++level) {
      Run& run = runs_[level];
      if (domains[level] != run.domain) {
        flush(level);
        run = Run{domains[level], 0, 0, 0, 0, static_cast<int>(node), 0};
      }
      run.gpus += value;
      run.largest = std::max(run.largest, value);
      run.full += full;
      run.last += last;
      run.end = static_cast<int>(node) + 1;
    }
  }
  for (std::size_t level = 0; level < level_count; ++level) flush(level);
}

bool DomainTally::can_hold(int level, int domain, const JobShape& shape) const {
  const std::size_t slot = index(level, domain);
  switch (shape.kind) {
    case ShapeKind::kOneNode:
      return largest_[slot] >= shape.gpus;
    case ShapeKind::kOneNodeFirst:
    case ShapeKind::kAnySplit:
      return gpus_[slot] >= shape.gpus;
    case ShapeKind::kChunks:
      return full_[slot] >= shape.full_nodes && last_[slot] >= shape.full_nodes + 1;
  }
  return false;
}

Region DomainTally::region(int level, int domain) const {
  const std::size_t slot = index(level, domain);
  return Region{level, domain, first_node_[slot], end_node_[slot]};
}

int DomainTally::tightest(int level, const JobShape& shape) const {
  assert(topology_ != nullptr);
  const int domains = topology_->levels()[static_cast<std::size_t>(level)].domains;
  int best = -1;
  int best_left = 0;
  for (int domain = 0; domain < domains; ++domain) {
    if (!can_hold(level, domain, shape)) continue;
    const int left = gpus(level, domain) - shape.gpus;
    if (best < 0 || left < best_left) {
      best = domain;
      best_left = left;
    }
  }
  return best;
}

}  // namespace podsim
