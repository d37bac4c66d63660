// `podsim topology export-slurm` and `podsim topology import-slurm`, run as a user would: the
// DGX H100 SuperPOD round trip through files (the must-show), stdout output, option
// errors (exit 2, nothing written), and flags given to the wrong action.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"
#include "topology/topology.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::read_file;

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_topology_slurm_cli_" + name);
}

const std::string kSuperpod = PODSIM_SOURCE_DIR "/configs/dgx-h100-superpod.yaml";
const std::string kGb200 = PODSIM_SOURCE_DIR "/configs/gb200-nvl72.yaml";

TEST(TopologySlurmCli, SuperPodRoundTripsThroughFiles) {
  const fs::path dir = fresh_dir("superpod");
  const fs::path conf = dir / "topology.conf";
  const fs::path yaml = dir / "superpod.yaml";

  Outcome outcome = podsim("topology export-slurm " + kSuperpod + " -o " + conf.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("wrote " + conf.string()), std::string::npos) << outcome.output;
  const std::string conf_text = read_file(conf);
  EXPECT_NE(conf_text.find("SwitchName=su4 Nodes=dgx[097-127]\n"), std::string::npos) << conf_text;
  EXPECT_NE(conf_text.find("SwitchName=spine Switches=su[1-4]\n"), std::string::npos);
  EXPECT_FALSE(fs::exists(conf.string() + ".partial"));

  outcome = podsim("topology import-slurm " + conf.string() + " -o " + yaml.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("127 nodes, 1016 GPUs, 2 levels, 48 switches"), std::string::npos)
      << outcome.output;

  outcome = podsim("topology validate " + yaml.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("valid (127 nodes, 1016 GPUs, 48 switches)"), std::string::npos)
      << outcome.output;

  // The file the CLI wrote describes the SuperPOD: same nodes, groups, levels and domains.
  const podsim::Topology original = podsim::load_topology(kSuperpod);
  const podsim::Topology imported = podsim::load_topology(yaml.string());
  ASSERT_EQ(imported.nodes().size(), original.nodes().size());
  EXPECT_EQ(imported.total_gpus(), original.total_gpus());
  ASSERT_EQ(imported.levels().size(), original.levels().size());
  for (std::size_t l = 0; l < original.levels().size(); ++l) {
    EXPECT_EQ(imported.levels()[l].domain_names, original.levels()[l].domain_names);
    EXPECT_EQ(imported.levels()[l].switches, original.levels()[l].switches);
  }
  for (std::size_t i = 0; i < original.nodes().size(); ++i) {
    EXPECT_EQ(imported.nodes()[i].name, original.nodes()[i].name);
    EXPECT_EQ(imported.nodes()[i].domains, original.nodes()[i].domains);
  }
}

TEST(TopologySlurmCli, WritesToStdoutWithoutOut) {
  Outcome outcome = podsim("topology export-slurm " + kGb200 + " --block");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(
      outcome.output.find("BlockName=rack16 Nodes=gb200-r16-n[01-18]\nBlockSizes=18,144,288\n"),
      std::string::npos)
      << outcome.output;

  const fs::path dir = fresh_dir("stdout");
  const fs::path conf = dir / "gb200.conf";
  ASSERT_EQ(podsim("topology export-slurm " + kGb200 + " --block -o " + conf.string()).exit_code,
            0);
  outcome = podsim("topology import-slurm " + conf.string() +
                   " --gpus-per-node 4 --nics 4 --no-rails --leaf-switches 18 --spine-switches 18"
                   " --nvlink-domain-gbps 14400 --nvlink-gbps 14400 --gpu-type B200 --gpu-speed 2"
                   " --node-type gb200-tray --name gb200");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_EQ(outcome.output.rfind("# Imported by podsim", 0), 0u) << outcome.output;
  EXPECT_NE(outcome.output.find("  - {name: rack, nvlink_gbps: 14400}\n"), std::string::npos)
      << outcome.output;
  const podsim::Topology imported = podsim::parse_topology(outcome.output, "stdout");
  EXPECT_EQ(imported.name(), "gb200");
  EXPECT_EQ(imported.nodes().size(), 288u);
  EXPECT_EQ(imported.total_gpus(), 1152);
  EXPECT_EQ(imported.switch_count(), 70u);
}

TEST(TopologySlurmCli, BadConfNamesFileLineAndKeyAndWritesNothing) {
  const fs::path dir = fresh_dir("bad");
  const fs::path conf = dir / "bad.conf";
  std::ofstream(conf)
      << "# a typo on line 3\nSwitchName=s1 Nodes=n[1-4]\nSwitchName=top Switchs=s1\n";
  const fs::path out = dir / "out.yaml";
  const Outcome outcome = podsim("topology import-slurm " + conf.string() + " -o " + out.string());
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find(conf.string() + ":3: Switchs: unknown key 'Switchs'"),
            std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("did you mean 'Switches'"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));

  const Outcome missing = podsim("topology import-slurm " + (dir / "none.conf").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("cannot open"), std::string::npos) << missing.output;
}

TEST(TopologySlurmCli, OptionErrorsNameTheFlag) {
  const fs::path dir = fresh_dir("options");
  const fs::path conf = dir / "t.conf";
  ASSERT_EQ(podsim("topology export-slurm " + kSuperpod + " -o " + conf.string()).exit_code, 0);
  Outcome outcome = podsim("topology import-slurm " + conf.string() + " --nics 0");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("--nics: expected an integer >= 1, found 0"), std::string::npos)
      << outcome.output;
  outcome = podsim("topology import-slurm " + conf.string() + " --leaf-switches 4");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("--nics/--leaf-switches/--no-rails: rails connect NIC r"),
            std::string::npos)
      << outcome.output;
}

TEST(TopologySlurmCli, FlagsOfOtherActionsAreRejected) {
  Outcome outcome = podsim("topology show " + kSuperpod + " --block");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("--block"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("applies to 'topology export-slurm' only"), std::string::npos)
      << outcome.output;
  outcome = podsim("topology export-slurm " + kSuperpod + " --gpus-per-node 4");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("applies to 'topology import-slurm' only"), std::string::npos)
      << outcome.output;
  outcome = podsim("topology validate " + kSuperpod + " -o /tmp/x");
  EXPECT_EQ(outcome.exit_code, 2);
  outcome = podsim("topology export-slurm " + std::string(PODSIM_FIXTURES) +
                   "/topology/bad_typo_key.yaml");
  EXPECT_EQ(outcome.exit_code, 2);  // the YAML is checked as for show/validate
}

}  // namespace
