// `--groups N` and `--set KEY=VALUE` as a user meets them: the machine's size and any scenario
// key from the command line, on run, compare, sweep and plan, checked like the file's own values.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"
#include "support/summary_json.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::summary_of;

fs::path write_scenario(const std::string& name, const std::string& text) {
  const fs::path dir = podsim::test::fresh_dir("podsim_key_settings_cli_test_" + name);
  std::ofstream(dir / "s.yaml") << text;
  return dir / "s.yaml";
}

const std::string kSuperPod = "topology: " PODSIM_SOURCE_DIR "/configs/dgx-h100-superpod.yaml\n";

TEST(KeySettingsCli, GroupsAndSetChangeTheScenarioAsItsFileWould) {
  const fs::path scenario = write_scenario(
      "set",
      kSuperPod + "workload: {generator: philly, jobs: 1000, load: 0.5}\npolicies: [easy]\n");
  const fs::path out = scenario.parent_path() / "out";
  const Outcome outcome =
      podsim("run " + scenario.string() +
             " --groups 2 --set site.pue=1.1 --set workload.jobs=800 --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  const auto summary = summary_of(out);
  EXPECT_EQ(summary["total_gpus"], 512);  // 2 SUs of 32 DGX H100
  EXPECT_EQ(summary["jobs"]["records"], 800);
  EXPECT_EQ(summary["run"]["site.pue"], "1.1");
  EXPECT_NE(summary["run"]["machine"].get<std::string>().find("groups=2"), std::string::npos);

  // Without a scenario, --groups sizes the topology the flags name.
  const fs::path flags = scenario.parent_path() / "flags";
  ASSERT_EQ(podsim("run --groups 6 --jobs 300 --policy fcfs --out " + flags.string()).exit_code, 0);
  EXPECT_EQ(summary_of(flags)["total_gpus"], 6 * 256 - 8);  // SU 4's UFM slot is kept
}

TEST(KeySettingsCli, BadSettingsAreErrorsNamingTheSetting) {
  const fs::path scenario =
      write_scenario("bad", "topology: {flat: 8}\nworkload: {generator: philly, jobs: 100}\n");
  const auto expect_error = [&](const std::string& arguments, const std::string& fragment) {
    const Outcome outcome = podsim(arguments);
    EXPECT_EQ(outcome.exit_code, 2) << arguments << "\n" << outcome.output;
    EXPECT_NE(outcome.output.find(fragment), std::string::npos) << outcome.output;
  };
  const std::string run = "run " + scenario.string();
  expect_error(run + " --set site.pue=0.5", "--set site.pue: value 0.5: site.pue: expected");
  expect_error(run + " --set workload.lod=3", "did you mean 'load'?");
  expect_error(run + " --set sitepue", "expected KEY=VALUE");
  expect_error(run + " --set workload.jobs.x=1", "'workload.jobs' is not a mapping");
  expect_error(run + " --groups 2", "topology.overrides.groups");      // a flat pool has no groups
  EXPECT_NE(podsim("run --set site.pue=1.2 --jobs 10").exit_code, 0);  // needs a scenario
  EXPECT_NE(podsim("run --flat 8 --groups 2 --jobs 10").exit_code, 0);
}

TEST(KeySettingsCli, SweepAndPlanTakeSettingsButNotOnTheirOwnAxes) {
  const fs::path scenario =
      write_scenario("sweep",
                     "topology: {flat: 16}\nworkload: {generator: philly, jobs: 300, max_gpus: 4}\n"
                     "policies: [fcfs]\nsweep:\n  workload.load: [0.3, 0.6]\n");
  const Outcome sweep = podsim("sweep " + scenario.string() + " --set topology.flat=32 -j 1");
  ASSERT_EQ(sweep.exit_code, 0) << sweep.output;
  const Outcome sweep_clash =
      podsim("sweep " + scenario.string() + " --set workload.load=0.5 -j 1");
  EXPECT_EQ(sweep_clash.exit_code, 2);
  EXPECT_NE(sweep_clash.output.find("the scenario sweeps workload.load"), std::string::npos)
      << sweep_clash.output;

  const fs::path plan =
      write_scenario("plan",
                     "topology: {flat: 16}\n"
                     "workload: {generator: philly, jobs: 2000, load: 0.5, max_gpus: 4, "
                     "reference_gpus: 16}\n"
                     "policies: [fcfs]\nplan: {scale: topology.flat, sizes: [16, 32, 64], "
                     "targets: {wait_mean_s: {max: 1e9}}}\n");
  const Outcome sized = podsim("plan " + plan.string() + " --set workload.load=1.5 -j 1");
  ASSERT_EQ(sized.exit_code, 0) << sized.output;
  // 1.5 x 16 GPUs of work overloads 16 GPUs: the answer is 32.
  EXPECT_NE(sized.output.find("fcfs    first-fit    32    32"), std::string::npos) << sized.output;
  EXPECT_NE(sized.output.find("16 fails (offered load 1.500 >= 1"), std::string::npos)
      << sized.output;
  const Outcome clash = podsim("plan " + plan.string() + " --set topology.flat=8 -j 1");
  EXPECT_EQ(clash.exit_code, 2) << clash.output;
}

}  // namespace
