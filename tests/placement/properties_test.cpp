// Every node-picking strategy, with and without the shape parameters, on many random cluster
// states: a returned allocation is valid (exactly the job's GPUs, free, on nodes of its type, in
// the required shape), and an allocation is returned whenever the shape fits the free GPUs now
// (checked by an oracle written independently of the strategies' code).
#include <gtest/gtest.h>

#include <set>

#include "core/rng.hpp"
#include "placement/placement_fixture.hpp"

namespace podsim::test {
namespace {

struct Variant {
  std::string name;
  std::map<std::string, std::string> params;
  int gpus_per_node = 0;
  bool split = false;
};

std::vector<Variant> variants() {
  std::vector<Variant> result;
  for (const std::string name : {"best-fit", "topology", "spread", "random"}) {
    result.push_back({name, {}, 0, false});
    result.push_back({name, {{"split", "true"}}, 0, true});
    result.push_back({name, {{"gpus_per_node", "2"}}, 2, false});
    result.push_back({name, {{"gpus_per_node", "3"}, {"split", "true"}}, 3, true});
  }
  return result;
}

// What the job may receive, from first principles.
struct Oracle {
  bool fits_now = false;
  bool one_node = false;  // must be on one node
  int chunk = 0;          // > 0: exact shares {chunk x (nodes-1), last}
  int nodes = 0;
  int last = 0;
};

Oracle oracle(const Machine& m, const JobSpec& job, int per_node, bool split) {
  const Cluster& c = m.cluster();
  const auto& nodes = m.topology().nodes();
  std::vector<int> capacity, free;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (!c.suits(job, static_cast<int>(n))) continue;
    capacity.push_back(nodes[n].gpus);
    free.push_back(c.free_gpus_on(static_cast<int>(n)));
  }
  const int largest = capacity.empty() ? 0 : *std::max_element(capacity.begin(), capacity.end());
  auto count_at_least = [](const std::vector<int>& values, int at_least) {
    return static_cast<int>(
        std::count_if(values.begin(), values.end(), [&](int v) { return v >= at_least; }));
  };
  Oracle o;
  const int g = job.gpus;
  if (per_node > 0) {
    const int k = (g + per_node - 1) / per_node;
    const int last = g - (k - 1) * per_node;
    if (k == 1 && g <= largest) {
      o.one_node = true;
    } else if (k > 1 && count_at_least(capacity, per_node) >= k - 1 &&
               count_at_least(capacity, last) >= k) {
      o.chunk = per_node;
      o.nodes = k;
      o.last = last;
      o.fits_now = count_at_least(free, per_node) >= k - 1 && count_at_least(free, last) >= k;
      return o;
    }
  }
  if (!o.one_node) o.one_node = g <= largest && !split;
  int total_free = 0;
  for (int f : free) total_free += f;
  o.fits_now = o.one_node ? count_at_least(free, g) > 0 : total_free >= g;
  return o;
}

void check(const Machine& m, const JobSpec& job, const Variant& v, int kept_whole,
           const std::optional<Allocation>& allocation) {
  const Oracle o = oracle(m, job, v.gpus_per_node, v.split);
  // What the strategy declares for the policies' early exits holds for every job.
  if (job.gpus <= kept_whole) {
    EXPECT_TRUE(o.one_node) << "declared whole up to " << kept_whole;
  }
  ASSERT_EQ(allocation.has_value(), o.fits_now) << show(allocation);
  if (!allocation) return;
  EXPECT_EQ(allocated_gpus(*allocation), job.gpus);
  std::set<int> nodes;
  std::multiset<int> shares;
  for (const auto& share : *allocation) {
    EXPECT_TRUE(nodes.insert(share.node).second) << "node twice: " << show(allocation);
    EXPECT_GT(share.gpus, 0);
    EXPECT_LE(share.gpus, m.cluster().free_gpus_on(share.node));
    EXPECT_TRUE(m.cluster().suits(job, share.node));
    shares.insert(share.gpus);
  }
  if (o.one_node) {
    EXPECT_EQ(allocation->size(), 1u) << show(allocation);
  }
  if (o.chunk > 0) {
    std::multiset<int> expected{o.last};
    for (int i = 1; i < o.nodes; ++i) expected.insert(o.chunk);
    EXPECT_EQ(shares, expected) << show(allocation);
  }
}

void run_random_states(const std::string& yaml, const std::vector<std::string>& types,
                       std::uint64_t seed) {
  Rng rng(seed);
  for (int trial = 0; trial < 150; ++trial) {
    Machine m(yaml, types);
    std::vector<int> free;
    for (const auto& node : m.topology().nodes()) {
      // Half the nodes empty or full more often than uniform, as in real clusters.
      const auto draw = rng.uniform_below(4);
      free.push_back(draw == 0   ? 0
                     : draw == 1 ? node.gpus
                                 : static_cast<int>(rng.uniform_below(
                                       static_cast<std::uint64_t>(node.gpus) + 1)));
    }
    m.set_free(free);
    for (const auto& v : variants()) {
      auto placement = make_placement(v.name, v.params, seed);
      for (int gpus = 1; gpus <= m.topology().total_gpus(); ++gpus) {
        for (std::uint32_t type = 0; type <= types.size(); ++type) {
          SCOPED_TRACE(::testing::Message() << v.name << " " << v.params.size() << " params, trial "
                                            << trial << ", " << gpus << " GPUs, type " << type);
          const JobSpec job = m.job(gpus, type);
          check(m, job, v, placement->kept_on_one_node_up_to(m.cluster()),
                placement->place(job, m.cluster(), 0));
          if (::testing::Test::HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST(PlacementProperties, ValidAndCompleteOnNvlinkRacks) { run_random_states(kRacks, {}, 1); }

TEST(PlacementProperties, ValidAndCompleteOnTwoLeafGroups) { run_random_states(kTwoLeaves, {}, 2); }

TEST(PlacementProperties, ValidAndCompleteOnMixedGpuTypes) {
  run_random_states(kMixed, {"A", "B"}, 3);
}

TEST(PlacementProperties, DeclareUpToWhatSizeTheyKeepAJobOnOneNode) {
  // Type A's nodes have 4 GPUs, B's 8: every job of up to 4 GPUs fits one node of its type.
  const Machine m(kMixed, {"A", "B"});
  EXPECT_EQ(m.cluster().fits_one_node_up_to(), 4);
  EXPECT_EQ(make_placement("first-fit", {}, 1)->kept_on_one_node_up_to(m.cluster()), 4);
  for (const std::string name : {"best-fit", "topology", "spread", "random"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(make_placement(name, {}, 1)->kept_on_one_node_up_to(m.cluster()), 4);
    EXPECT_EQ(make_placement(name, {{"gpus_per_node", "3"}}, 1)->kept_on_one_node_up_to(
                  m.cluster()),
              3);
    EXPECT_EQ(make_placement(name, {{"split", "true"}}, 1)->kept_on_one_node_up_to(m.cluster()),
              0);
  }
  // Untyped jobs only: the largest node.
  EXPECT_EQ(Machine(kMixed, {}).cluster().fits_one_node_up_to(), 8);
}

}  // namespace
}  // namespace podsim::test
