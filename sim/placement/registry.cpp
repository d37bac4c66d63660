// Every built-in placement strategy: one line each.
#include "placement/first_fit.hpp"
#include "placement/placement_strategy.hpp"

namespace podsim {

PlacementRegistry make_placement_registry() {
  PlacementRegistry registry("placement");
  registry.add("first-fit", "nodes in topology order; a job that fits one node is never split",
               {}, [](const ParamValues&, std::uint64_t) { return std::make_unique<FirstFit>(); });
  return registry;
}

}  // namespace podsim
