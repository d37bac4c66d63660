#pragma once
// The machinery shared by the node-picking placement strategies (best-fit, topology, spread,
// random): the job-shape parameters each of them declares, the shape a job must take on a given
// machine, candidate nodes and their orders, the per-domain tallies of every topology level, and
// the fills that turn an order of nodes into an Allocation.
//
// Job shapes (parameters `gpus_per_node`, `split`; G = job.gpus, C = the most GPUs any node that
// suits the job has, Cluster::largest_node_for):
//   gpus_per_node = N > 0  the job takes exactly k = ceil(G / N) nodes: N GPUs on k - 1 of them,
//                          the rest (G - (k-1) N, between 1 and N) on one more, like Slurm's
//                          --gpus-per-node (which needs N to divide G). k = 1: one node.
//   gpus_per_node = 0      G <= C: one node; with split=true it may span nodes when no single
//                          node has room now. G > C: any split across nodes.
// A shape the machine could never give the job even when empty (N larger than every suitable
// node, or too few nodes) falls back to the gpus_per_node = 0 rule, so every admitted job runs.
//
// Candidates are the nodes that suit the job's GPU type (Cluster::suits) and have a free GPU.
// Orders break ties by node index, so every result is deterministic. Allocations list their
// shares in node-index order.
//
// Complexity: every function is O(nodes) (the tally O(nodes x levels)) with small constants;
// orders are counting sorts over free-GPU counts, O(nodes + GPUs per node). NodePicker and
// DomainTally keep their buffers between calls, so after the first calls nothing is allocated
// except the returned Allocation, which is built only once success is certain.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cluster/cluster.hpp"
#include "common/params.hpp"

namespace podsim {

struct ShapeOptions {
  int gpus_per_node = 0;  // 0: any split
  bool split = false;     // a job that fits one node may span nodes (gpus_per_node = 0 only)
};

// The `gpus_per_node` and `split` ParamSpecs every node-picking strategy declares.
std::vector<ParamSpec> shape_param_specs();

// Reads them; throws InputError (key "<context>.gpus_per_node") when gpus_per_node < 0.
ShapeOptions read_shape_options(const ParamValues& values, const std::string& context);

enum class ShapeKind : std::uint8_t {
  kOneNode,       // every GPU on one node
  kOneNodeFirst,  // one node when one has room now, else any split (split=true)
  kAnySplit,      // larger than any node: any split
  kChunks,        // `full_nodes` nodes with `chunk` GPUs each plus one node with `last`
};

struct JobShape {
  ShapeKind kind = ShapeKind::kOneNode;
  int gpus = 0;
  int chunk = 0;       // kChunks: GPUs on each full node (gpus_per_node)
  int full_nodes = 0;  // kChunks: nodes holding exactly `chunk`, >= 1
  int last = 0;        // kChunks: GPUs on the one other node, 1..chunk
  bool single_node() const {
    return kind == ShapeKind::kOneNode || kind == ShapeKind::kOneNodeFirst;
  }
};

// The shape the job must take on this machine (see the header comment). O(1) with
// gpus_per_node = 0, else O(nodes) for kChunks (whether the machine could ever hold the
// chunks).
JobShape job_shape(const JobSpec& job, const Cluster& cluster, const ShapeOptions& options);

// The most GPUs up to which every job's shape is one node (kOneNode) under `options`: jobs that
// fit one node, at most gpus_per_node of them when that is set; 0 with split=true alone. O(1).
int kept_on_one_node_up_to(const Cluster& cluster, const ShapeOptions& options);

// Which nodes to consider: the whole machine, or one domain of one topology level. Scans look
// only at node indices in [first, end), a hint that must cover every node of the domain
// (DomainTally::region gives the tightest one; domains are contiguous in practice).
struct Region {
  int level = -1;  // -1: the whole machine
  int domain = 0;
  int first = 0;
  int end = std::numeric_limits<int>::max();
  static Region machine() { return {}; }
  bool contains(const ComputeNode& node) const {
    return level < 0 || node.domains[static_cast<std::size_t>(level)] == domain;
  }
};

enum class Prefer : std::uint8_t {
  kFewestFree,  // best fit: pack
  kMostFree,    // worst fit: spread
};

// The node with at least `gpus` free that suits the job, by `prefer`, ties to the lowest index;
// -1 when there is none. O(1) when no node has `gpus` free, else O(nodes), stopping at the first
// node that cannot be beaten.
int pick_node(const JobSpec& job, const Cluster& cluster, int gpus, Prefer prefer);

// Whether the nodes of `order` have room for `shape` now (counts only; no allocation). O(order).
bool can_fill(std::span<const int> order, const Cluster& cluster, const JobShape& shape);

// Fills. Each returns nullopt (without allocating) when the nodes of `order` cannot hold the job.
//
// Takes free GPUs node by node in `order` (first-fit over any order, e.g. a random one).
std::optional<Allocation> fill_in_order(std::span<const int> order, const Cluster& cluster,
                                        int gpus);
// `order` ascending by free GPUs: the fewest nodes (whole largest nodes first, lowest index
// among equals), the remainder on the node that fits it most tightly. This minimises the nodes
// a split job spans (its network traffic) and still packs the last node.
std::optional<Allocation> fill_fewest_nodes(std::span<const int> order, const Cluster& cluster,
                                            int gpus);
// `order` descending by free GPUs: GPUs dealt one at a time, round-robin over the nodes in
// order, skipping full ones. With G <= nodes every GPU lands on a different node (the G
// emptiest): the most nodes, the most traffic.
std::optional<Allocation> fill_round_robin(std::span<const int> order, const Cluster& cluster,
                                           int gpus);
// kChunks: walks `order` and gives each node the first open role it can take: a full node
// (free >= chunk) while fewer than full_nodes are chosen, else the last node (free >= last).
// Succeeds whenever the nodes of `order` can hold the shape at all.
std::optional<Allocation> fill_chunks(std::span<const int> order, const Cluster& cluster,
                                      const JobShape& shape);

// Scratch buffers for candidate lists and orders, kept between calls.
class NodePicker {
 public:
  // Candidates of `region` in node-index order; the span is valid until the next call.
  std::span<int> candidates(const JobSpec& job, const Cluster& cluster, Region region);
  // The same, limited to nodes with at least `at_least` free GPUs.
  std::span<int> with_free(const JobSpec& job, const Cluster& cluster, Region region, int at_least);
  // Candidates of `region` by free GPUs (ascending or descending), ties by index. Counting
  // sort: O(nodes + GPUs per node). Valid until the next call.
  std::span<const int> by_free(const JobSpec& job, const Cluster& cluster, Region region,
                               bool ascending);

 private:
  std::vector<int> candidates_;
  std::vector<int> order_;
  std::vector<int> counts_;
};

// Per-domain sums over the nodes that suit one job, for every level of the topology at once:
// the GPUs (free now, or installed), and for kChunks the nodes that could take a full chunk and
// the nodes that could take the last share. Domain enumeration for topology-aware placement.
class DomainTally {
 public:
  enum class Basis : std::uint8_t { kFree, kCapacity };

  // One pass over the nodes: O(nodes x levels).
  void count(const JobSpec& job, const Cluster& cluster, const JobShape& shape, Basis basis);

  int gpus(int level, int domain) const { return gpus_[index(level, domain)]; }
  // Whether domain `domain` of `level` could hold `shape` (the shape given to count()).
  bool can_hold(int level, int domain, const JobShape& shape) const;
  // The domain of `level` that can hold the shape and leaves the fewest GPUs unused (packing),
  // ties to the lowest domain index; -1 when none can. O(domains of the level).
  int tightest(int level, const JobShape& shape) const;
  // The domain as a Region, its node range covering the domain's nodes. O(1).
  Region region(int level, int domain) const;

 private:
  std::size_t index(int level, int domain) const {
    return static_cast<std::size_t>(offset_[static_cast<std::size_t>(level)] + domain);
  }
  const Topology* topology_ = nullptr;
  std::vector<int> offset_;      // first slot of each level
  std::vector<int> gpus_;        // per (level, domain)
  std::vector<int> largest_;     // the most GPUs on one node
  std::vector<int> full_;        // kChunks: nodes with >= chunk
  std::vector<int> last_;        // kChunks: nodes with >= last
  std::vector<int> first_node_;  // lowest node index of the domain
  std::vector<int> end_node_;    // highest node index of the domain + 1
  std::vector<int> values_;      // per node: GPUs it offers the job
  struct Run {                   // consecutive nodes of one domain, summed in registers
    int domain = -1, gpus = 0, largest = 0, full = 0, last = 0, first = 0, end = 0;
  };
  std::vector<Run> runs_;  // per level: the run being summed
};

}  // namespace podsim
