#include "topology/node_costs_reader.hpp"

#include <fmt/format.h>

namespace podsim {

NodeCosts read_node_costs(const YamlMap& fields, const YamlPlace& place) {
  NodeCosts costs;
  const bool idle_given = fields.find("idle_w") != nullptr;
  const bool busy_given = fields.find("busy_w") != nullptr;
  if (idle_given != busy_given) {
    place.fail(
        "expected both idle_w and busy_w (watts of one node idle and with every GPU busy), or "
        "neither");
  }
  if (busy_given) {
    costs.idle_w = fields.real("idle_w", 0.0, Bound::kInclusive);
    costs.busy_w = fields.real("busy_w", 0.0, Bound::kExclusive);
    if (costs.busy_w < costs.idle_w) {
      fields.find("busy_w")->place.fail(
          fmt::format("expected busy_w >= idle_w ({} W), found {} W", costs.idle_w, costs.busy_w));
    }
  }
  costs.price_usd = fields.real_or("price_usd", 0.0, 0.0, Bound::kInclusive);
  // Bounded so that sums over a machine and a run stay finite and meaningful.
  constexpr double kMaxNodeWatts = 1e6, kMaxNodePrice = 1e9;
  if (costs.busy_w > kMaxNodeWatts) {
    fields.find("busy_w")->place.fail(
        fmt::format("expected at most {} W for one node, found {} W", kMaxNodeWatts, costs.busy_w));
  }
  if (costs.price_usd > kMaxNodePrice) {
    fields.find("price_usd")
        ->place.fail(fmt::format("expected at most {} USD for one node, found {}", kMaxNodePrice,
                                 costs.price_usd));
  }
  return costs;
}

}  // namespace podsim
