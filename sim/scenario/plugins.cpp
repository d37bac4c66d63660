#include "scenario/plugins.hpp"

namespace podsim {

Plugins make_plugins() {
  return {make_policy_registry(), make_placement_registry(), make_trace_registry()};
}

}  // namespace podsim
