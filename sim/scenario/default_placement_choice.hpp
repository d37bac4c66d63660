#pragma once
// The placement a scenario runs when it lists none (`placements:` absent, `podsim run` without
// --placement): default_placement() (placement/default_placement.hpp) of the machine it names.
// The rule needs the machine's levels only, so a topology file or text is loaded without its
// overrides (groups and oversubscription change neither the levels nor their names); a flat pool
// and a trace's declared size are flat pools, so no trace is read. Throws InputError when the
// topology file cannot be read (PreparedScenario would raise the same error later).
// O(topology load) for a file or text, O(1) otherwise.
#include "scenario/plugins.hpp"
#include "scenario/scenario.hpp"

namespace podsim {

PluginChoice default_placement_choice(const TopologyChoice& machine, const Plugins& plugins,
                                      const std::string& context);

}  // namespace podsim
