#include "cli/topology_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "metrics/result_files.hpp"
#include "topology/topology.hpp"

namespace podsim {
namespace {

constexpr const char* kExportOnly = "--block";
const std::vector<std::string> kImportFlags = {"--name",
                                               "--gpu-type",
                                               "--gpu-speed",
                                               "--node-type",
                                               "--gpus-per-node",
                                               "--nvlink-gbps",
                                               "--nics",
                                               "--nic-gbps",
                                               "--idle-w",
                                               "--busy-w",
                                               "--price-usd",
                                               "--leaf-switches",
                                               "--no-rails",
                                               "--spine-switches",
                                               "--oversubscription",
                                               "--nvlink-domain-gbps"};

// SlurmImportOptions field -> the flag that sets it, so option errors name what the user typed.
const std::map<std::string, std::string> kImportFlagOfField = {
    {"gpu_type", "--gpu-type"},
    {"gpu_speed", "--gpu-speed"},
    {"node_type", "--node-type"},
    {"gpus_per_node", "--gpus-per-node"},
    {"nvlink_gbps", "--nvlink-gbps"},
    {"nics", "--nics"},
    {"nic_gbps", "--nic-gbps"},
    {"idle_w", "--idle-w"},
    {"busy_w", "--busy-w"},
    {"price_usd", "--price-usd"},
    {"leaf_switches", "--leaf-switches"},
    {"rails", "--nics/--leaf-switches/--no-rails"},
    {"spine_switches", "--spine-switches"},
    {"uplink_oversubscription", "--oversubscription"},
    {"nvlink_domain_gbps", "--nvlink-domain-gbps"}};

// Writes `text` to options.out (atomically) or to `out`; says what was written on `out` then.
void emit(const TopologyOptions& options, const std::string& text, const std::string& what,
          std::ostream& out) {
  if (options.out.empty()) {
    out << text;
    return;
  }
  try {
    write_file_atomically(options.out, [&](std::ostream& file) { file << text; });
  } catch (const std::exception& error) {
    throw InputError(options.out, 0, "-o", fmt::format("cannot write: {}", error.what()));
  }
  fmt::print(out, "wrote {}: {}\n", options.out, what);
}

}  // namespace

CLI::App* add_topology_command(CLI::App& app, TopologyOptions& options) {
  CLI::App* command = app.add_subcommand(
      "topology",
      "Inspect a topology YAML file; export it to or import it from Slurm topology.conf");
  command
      ->add_option("action", options.action,
                   "show: describe it; validate: check it; export-slurm: write a Slurm "
                   "topology.conf; import-slurm: read one (FILE is then the topology.conf)")
      ->required()
      ->check(CLI::IsMember({"show", "validate", "export-slurm", "import-slurm"}));
  command
      ->add_option("file", options.file, "topology YAML file (import-slurm: Slurm topology.conf)")
      ->required();
  command->add_flag(kExportOnly, options.block,
                    "export-slurm: topology/block (one block per innermost domain, BlockSizes) "
                    "instead of topology/tree");
  command->add_option("-o,--out", options.out,
                      "export-slurm, import-slurm: write to this file instead of stdout");

  SlurmImportOptions& import = options.import;
  const auto group = "import-slurm: node hardware and switch counts (topology.conf has none)";
  command->add_option("--name", import.name, "topology name (default: CONF's file name)")
      ->group(group);
  command->add_option("--gpu-type", import.gpu_type, "GPU type name")
      ->capture_default_str()
      ->group(group);
  command->add_option("--gpu-speed", import.gpu_speed, "GPU compute speed relative to H100 = 1")
      ->capture_default_str()
      ->group(group);
  command->add_option("--node-type", import.node_type, "node type name")
      ->capture_default_str()
      ->group(group);
  command->add_option("--gpus-per-node", import.gpus_per_node, "GPUs per node")
      ->capture_default_str()
      ->group(group);
  command->add_option("--nvlink-gbps", import.nvlink_gbps, "NVLink Gb/s per GPU inside a node")
      ->capture_default_str()
      ->group(group);
  command->add_option("--nics", import.nics, "compute NICs per node")
      ->capture_default_str()
      ->group(group);
  command->add_option("--nic-gbps", import.nic_gbps, "Gb/s per NIC")
      ->capture_default_str()
      ->group(group);
  command->add_option("--idle-w", import.costs.idle_w, "watts of one node with no GPU busy")
      ->capture_default_str()
      ->group(group);
  command->add_option("--busy-w", import.costs.busy_w, "watts of one node with every GPU busy")
      ->capture_default_str()
      ->group(group);
  command->add_option("--price-usd", import.costs.price_usd, "purchase price of one node, USD")
      ->capture_default_str()
      ->group(group);
  command
      ->add_option("--leaf-switches", import.leaf_switches,
                   "switches per leaf group when the file has one switch per group")
      ->capture_default_str()
      ->group(group);
  command
      ->add_flag("--no-rails", options.no_rails,
                 "leaves are not rail-optimised (a node's NICs form one bundle to one leaf)")
      ->group(group);
  command
      ->add_option("--spine-switches", import.spine_switches,
                   "switches per domain of every level above the leaves, when the file has "
                   "one switch per domain")
      ->capture_default_str()
      ->group(group);
  command
      ->add_option("--oversubscription", import.uplink_oversubscription,
                   "downlink:uplink ratio of the leaf uplinks")
      ->capture_default_str()
      ->group(group);
  command
      ->add_option("--nvlink-domain-gbps", import.nvlink_domain_gbps,
                   "> 0: the innermost switches/blocks are NVLink domains of this Gb/s per GPU "
                   "(e.g. 14400 for GB200 NVL72 racks)")
      ->capture_default_str()
      ->group(group);

  // Flags that do not apply to the chosen action are mistakes, not silently ignored.
  command->callback([command, &options] {
    const auto given = [&](const std::string& flag) { return command->count(flag) > 0; };
    if (options.action != "export-slurm" && given(kExportOnly)) {
      throw CLI::ValidationError(kExportOnly, "applies to 'topology export-slurm' only");
    }
    if ((options.action == "show" || options.action == "validate") && given("--out")) {
      throw CLI::ValidationError("--out", "applies to export-slurm and import-slurm only");
    }
    for (const auto& flag : kImportFlags) {
      if (options.action != "import-slurm" && given(flag)) {
        throw CLI::ValidationError(flag, "applies to 'topology import-slurm' only");
      }
    }
  });
  return command;
}

int export_slurm_command(const TopologyOptions& options, std::ostream& out) {
  const Topology topology = load_topology(options.file);
  std::string text;
  try {
    text = options.block ? export_slurm_block(topology) : export_slurm_tree(topology);
  } catch (const InputError& error) {
    // The exporter knows the key (e.g. groups.su1) but not the file it came from.
    throw InputError(options.file, 0, error.key(), error.message());
  }
  emit(options, text,
       fmt::format("Slurm topology.conf for topology/{} ({} nodes)",
                   options.block ? "block" : "tree", topology.nodes().size()),
       out);
  return 0;
}

int import_slurm_command(const TopologyOptions& options, std::ostream& out) {
  SlurmImportOptions import = options.import;
  import.rails = !options.no_rails;
  const std::string text = read_input_file(options.file);
  std::string yaml;
  Topology topology;
  try {
    yaml = slurm_topology_to_yaml(text, options.file, import);
    topology = parse_topology(yaml, options.file + " (as topology YAML)");
  } catch (const InputError& error) {
    const auto flag = kImportFlagOfField.find(error.key());
    if (error.file().empty() && flag != kImportFlagOfField.end()) {
      throw InputError("", 0, flag->second, error.message());
    }
    throw;
  }
  emit(options, yaml,
       fmt::format("topology '{}': {} nodes, {} GPUs, {} levels, {} switches", topology.name(),
                   topology.nodes().size(), topology.total_gpus(), topology.levels().size(),
                   topology.switch_count()),
       out);
  return 0;
}

int topology_command(const TopologyOptions& options, std::ostream& out) {
  if (options.action == "export-slurm") return export_slurm_command(options, out);
  if (options.action == "import-slurm") return import_slurm_command(options, out);
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
