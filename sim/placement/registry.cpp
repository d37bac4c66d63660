// Every built-in placement strategy: one line each.
#include "placement/best_fit.hpp"
#include "placement/first_fit.hpp"
#include "placement/placement_strategy.hpp"
#include "placement/random_placement.hpp"
#include "placement/spread.hpp"
#include "placement/topology_placement.hpp"

namespace podsim {

PlacementRegistry make_placement_registry() {
  PlacementRegistry registry("placement");
  registry.add("first-fit", "nodes in topology order; a job that fits one node is never split", {},
               [](const ParamValues&, std::uint64_t) { return std::make_unique<FirstFit>(); });
  registry.add("best-fit", "pack: the fullest node with room; split jobs take the fewest nodes",
               BestFit::params(), BestFit::make);
  registry.add(
      "topology",
      "the smallest domain that fits (node, NVLink domain, leaf group, ...), best-fit inside",
      TopologyPlacement::params(), TopologyPlacement::make);
  registry.add("spread", "the emptiest node; split jobs dealt round-robin over the emptiest nodes",
               Spread::params(), Spread::make);
  registry.add("random",
               "a seeded uniformly random node with room; split jobs in random node order",
               RandomPlacement::params(), RandomPlacement::make);
  return registry;
}

}  // namespace podsim
