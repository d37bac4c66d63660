#pragma once
// `podsim topology show|validate FILE`: describe or check a topology YAML file.
// `podsim topology export-slurm FILE [--block] [-o OUT]`: write it as a Slurm topology.conf
//   (topology/tree by default, topology/block with --block), to OUT or stdout.
// `podsim topology import-slurm CONF [options] [-o OUT.yaml]`: read a Slurm topology.conf (tree or
//   block) and write the topology YAML it gives, to OUT or stdout; the options supply the node
//   hardware topology.conf lacks (SlurmImportOptions, defaults: DGX H100 SuperPOD).
// Output files are written through OUT.partial renamed into place, so a failure leaves none.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "topology/slurm_topology.hpp"

namespace podsim {

struct TopologyOptions {
  std::string action;  // show | validate | export-slurm | import-slurm
  std::string file;
  bool block = false;         // export-slurm: topology/block instead of topology/tree
  std::string out;            // export-slurm, import-slurm: output file; empty: stdout
  SlurmImportOptions import;  // import-slurm
  bool no_rails = false;      // import-slurm: import.rails = !no_rails
};

CLI::App* add_topology_command(CLI::App& app, TopologyOptions& options);
int topology_command(const TopologyOptions& options, std::ostream& out);

// export-slurm and import-slurm; topology_command() dispatches to them.
int export_slurm_command(const TopologyOptions& options, std::ostream& out);
int import_slurm_command(const TopologyOptions& options, std::ostream& out);

}  // namespace podsim
