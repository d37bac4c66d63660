#include "scenario/default_placement_choice.hpp"

#include "placement/default_placement.hpp"
#include "topology/topology.hpp"

namespace podsim {

PluginChoice default_placement_choice(const TopologyChoice& machine, const Plugins& plugins,
                                      const std::string& context) {
  std::string text;
  switch (machine.kind) {
    case TopologyChoice::Kind::kFile:
      text = default_placement(load_topology(machine.file));
      break;
    case TopologyChoice::Kind::kText:
      text = default_placement(parse_topology(machine.text, machine.description));
      break;
    case TopologyChoice::Kind::kFlat:
    case TopologyChoice::Kind::kTraceSize:
      // Every flat pool has the same (no) levels, whatever its size, which a trace may declare.
      text = default_placement(Topology::flat(1));
      break;
  }
  return choose_plugin(plugins.placements, text, context);
}

}  // namespace podsim
