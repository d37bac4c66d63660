#pragma once
// `podsim topology show FILE` and `podsim topology validate FILE`.
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace podsim {

struct TopologyOptions {
  std::string action;  // show | validate
  std::string file;
};

CLI::App* add_topology_command(CLI::App& app, TopologyOptions& options);
int topology_command(const TopologyOptions& options, std::ostream& out);

}  // namespace podsim
