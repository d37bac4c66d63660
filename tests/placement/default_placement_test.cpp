// default_placement(): what a run gets when it names no placement, per kind of machine, and that
// every answer is a valid registry entry.
#include "placement/default_placement.hpp"

#include <gtest/gtest.h>

#include "placement/placement_fixture.hpp"

namespace podsim::test {
namespace {

// The answer parses against the registry like a --placement given by hand.
void expect_valid(const std::string& text) {
  const NamedParams named = parse_named_params(text, "test");
  const PlacementRegistry registry = make_placement_registry();
  EXPECT_NO_THROW(ParamValues::parse(registry.at(named.name).params, named.params, text)) << text;
}

TEST(DefaultPlacement, FlatPoolsKeepFirstFit) {
  // --flat, SWF traces on their declared size, topology {flat: N}: the pyss and KTH results.
  for (const int units : {1, 100, 240, 1016}) {
    EXPECT_EQ(default_placement(Topology::flat(units)), "first-fit");
  }
}

TEST(DefaultPlacement, SwitchTreesGetTopology) {
  EXPECT_EQ(default_placement(parse_topology(kTwoLeaves, "<two-leaves>")), "topology");
  for (const char* config : {"dgx-h100-superpod", "dgx-a100-superpod", "heterogeneous-h100-a100",
                             "oversubscribed-2to1"}) {
    const std::string path = std::string(PODSIM_SOURCE_DIR) + "/configs/" + config + ".yaml";
    EXPECT_EQ(default_placement(load_topology(path)), "topology") << config;
  }
}

TEST(DefaultPlacement, NvlinkDomainsAreRequired) {
  // Slurm topology/block: a job that fits one block waits for one.
  EXPECT_EQ(default_placement(parse_topology(kRacks, "<racks>")), "topology:max_level=rack");
  const std::string gb200 = std::string(PODSIM_SOURCE_DIR) + "/configs/gb200-nvl72.yaml";
  EXPECT_EQ(default_placement(load_topology(gb200)), "topology:max_level=rack");
}

TEST(DefaultPlacement, EveryAnswerIsARegisteredPlacement) {
  expect_valid(default_placement(Topology::flat(8)));
  expect_valid(default_placement(parse_topology(kTwoLeaves, "<two-leaves>")));
  expect_valid(default_placement(parse_topology(kRacks, "<racks>")));
}

}  // namespace
}  // namespace podsim::test
