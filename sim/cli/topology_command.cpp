#include "cli/topology_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "topology/topology.hpp"

namespace podsim {

CLI::App* add_topology_command(CLI::App& app, TopologyOptions& options) {
  CLI::App* command = app.add_subcommand("topology", "Inspect a topology YAML file");
  command->add_option("action", options.action, "show: describe it; validate: check it")
      ->required()
      ->check(CLI::IsMember({"show", "validate"}));
  command->add_option("file", options.file, "topology YAML file")->required();
  return command;
}

int topology_command(const TopologyOptions& options, std::ostream& out) {
  const Topology topology = load_topology(options.file);
  if (options.action == "show") {
    out << describe_topology(topology);
  } else {
    fmt::print(out, "{}: valid ({} nodes, {} GPUs, {} switches)\n", options.file,
               topology.nodes().size(), topology.total_gpus(), topology.switch_count());
  }
  return 0;
}

}  // namespace podsim
