// `podsim plan` as a user meets it: the smallest size that meets the targets with stable runs,
// checked twice as long, the same answers for any thread count, and clear errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::read_file;

// A flat pool sized by `topology.flat`; the load is relative to 32 GPUs whatever the size, so a
// pool of 32 or fewer is overloaded at load 1 and 48 or more is not.
const char* kPlan =
    "name: flat-plan\n"
    "topology: {flat: 32}\n"
    "workload: {generator: philly, duration_days: 20, load: 1.0, max_gpus: 4, "
    "reference_gpus: 32}\n"
    "policies: [fcfs, easy]\n"
    "seeds: [1, 2]\n"
    "metrics: [utilisation]\n"
    "plan:\n"
    "  scale: topology.flat\n"
    "  sizes: [16, 32, 48, 64, 96]\n"
    "  loads: [1.0, 0.5]\n"
    "  targets: {wait_mean_s: {max: 600}}\n";

fs::path write_scenario(const std::string& name, const std::string& text) {
  const fs::path dir = podsim::test::fresh_dir("podsim_plan_cli_test_" + name);
  std::ofstream(dir / "plan.yaml") << text;
  return dir / "plan.yaml";
}

TEST(PlanCli, FindsTheSmallestStableSizeAndChecksItTwiceAsLong) {
  const fs::path scenario = write_scenario("answers", kPlan);
  const fs::path dir = scenario.parent_path();
  const Outcome one = podsim("plan " + scenario.string() + " -j 1 --json " +
                             (dir / "one.json").string() + " --csv " + (dir / "one.csv").string());
  ASSERT_EQ(one.exit_code, 0) << one.output;
  const Outcome two =
      podsim("plan " + scenario.string() + " -j 2 --json " + (dir / "two.json").string());
  ASSERT_EQ(two.exit_code, 0) << two.output;
  EXPECT_EQ(one.output, two.output);
  EXPECT_EQ(read_file(dir / "one.json"), read_file(dir / "two.json"));
  EXPECT_NE(one.output.find("wait_mean_s 2x long"), std::string::npos) << one.output;

  const auto plan = nlohmann::json::parse(read_file(dir / "one.json"));
  ASSERT_EQ(plan["answers"].size(), 4u);  // 2 loads x 2 policies
  for (const auto& answer : plan["answers"]) {
    ASSERT_FALSE(answer["size"].is_null()) << answer;
    const double size = std::stod(answer["size"].get<std::string>());
    const auto& at = answer["at"];
    // The answer meets the target, is not overloaded, and holds twice as long.
    EXPECT_LE(at["wait_mean_s"]["mean"].get<double>(), 600) << answer;
    EXPECT_EQ(at["overload"]["mean"], 0.0) << answer;
    EXPECT_EQ(at["growing_queue"]["mean"], 0.0) << answer;
    ASSERT_FALSE(answer["twice_as_long"].is_null()) << answer;
    EXPECT_LE(answer["twice_as_long"]["wait_mean_s"]["mean"].get<double>(), 600) << answer;
    EXPECT_GT(answer["twice_as_long"]["counted"]["mean"].get<double>(),
              1.5 * at["counted"]["mean"].get<double>());
    if (answer["load"] == "1.0") {
      // 32 GPUs offer load 1: never the answer, and not even run; the note says why.
      EXPECT_GE(size, 48) << answer;
      EXPECT_NE(answer["note"].get<std::string>().find("fails"), std::string::npos) << answer;
      if (size == 48) {
        EXPECT_TRUE(answer["one_fewer"].is_null()) << answer;
        EXPECT_NE(answer["note"].get<std::string>().find("32 fails (offered load 1.000 >= 1, not "
                                                         "run)"),
                  std::string::npos)
            << answer;
      }
    } else {
      EXPECT_LE(size, 48) << answer;  // half the load: a smaller pool will do
    }
  }
  const std::string csv = read_file(dir / "one.csv");
  EXPECT_EQ(csv.rfind("load,policy,placement,size,", 0), 0u) << csv;
}

// SUs of the SuperPOD under a power budget: 2 SUs (64 DGX H100, 512 GPUs) idle at 64 x 2.1 kW x
// PUE 1.3 = 175 kW and peak below 849 kW (every GPU busy), so a budget of 1,000 kW admits
// them and 150 kW admits nothing.
TEST(PlanCli, PowerIsATargetLikeAnyMetric) {
  const std::string text =
      "topology: " PODSIM_SOURCE_DIR
      "/configs/dgx-h100-superpod.yaml\n"
      "workload: {generator: philly, duration_days: 3, load: 0.5, reference_gpus: 512}\n"
      "policies: [easy]\n"
      "plan:\n"
      "  sizes: [1, 2, 3]\n"
      "  targets: {wait_mean_s: {max: 1e9}, power_peak_kw: {max: BUDGET}}\n";
  const auto plan_with = [&](const std::string& budget) {
    std::string scenario = text;
    scenario.replace(scenario.find("BUDGET"), 6, budget);  // "BUDGET" is 6 characters
    const fs::path file = write_scenario("power" + budget, scenario);
    return podsim("plan " + file.string() + " -j 1 --json " +
                  (file.parent_path() / "plan.json").string());
  };
  const Outcome enough = plan_with("1000");
  ASSERT_EQ(enough.exit_code, 0) << enough.output;
  EXPECT_NE(enough.output.find("power_peak_kw 2x long"), std::string::npos) << enough.output;
  EXPECT_NE(enough.output.find("easy    topology        2   512"), std::string::npos)
      << enough.output;
  const Outcome tight = plan_with("150");
  ASSERT_EQ(tight.exit_code, 0) << tight.output;
  EXPECT_NE(tight.output.find("none"), std::string::npos) << tight.output;
  EXPECT_NE(tight.output.find("3 fails (power_peak_kw"), std::string::npos) << tight.output;
  EXPECT_NE(tight.output.find("not <= 150"), std::string::npos) << tight.output;
}

TEST(PlanCli, MaxNominalLoadSkipsTheSizesClosestToSaturation) {
  std::string text = kPlan;
  text += "  max_nominal_load: 0.6\n";
  const fs::path scenario = write_scenario("nominal", text);
  const Outcome outcome = podsim("plan " + scenario.string() + " -j 1");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  // At load 1.0 of 32 GPUs, 48 GPUs are loaded 0.667: not run, so 64 is the first candidate.
  EXPECT_NE(outcome.output.find("48 fails (offered load 0.667 >= max_nominal_load 0.6, not run)"),
            std::string::npos)
      << outcome.output;
  const Outcome bad = podsim(
      "plan " +
      write_scenario("nominal_bad", kPlan + std::string("  max_nominal_load: 1.5\n")).string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("expected a number in (0, 1]"), std::string::npos) << bad.output;
}

TEST(PlanCli, UnderMpirunTheAnswersAreTheThreads) {
  if (podsim::test::shell("command -v mpirun >/dev/null").exit_code != 0) {
    GTEST_SKIP() << "mpirun not found (Debian: openmpi-bin); skipped";
  }
  const fs::path scenario = write_scenario("mpi", kPlan);
  const Outcome threads = podsim("plan " + scenario.string() + " -j 2", false);
  ASSERT_EQ(threads.exit_code, 0) << threads.output;
  // Rank 0 decides each round of doubled runs and broadcasts it; every rank runs its share.
  const Outcome ranks =
      podsim::test::shell("mpirun -np 2 --allow-run-as-root --oversubscribe " +
                              std::string(PODSIM_BINARY) + " plan " + scenario.string() + " -j 1",
                          false);
  ASSERT_EQ(ranks.exit_code, 0) << ranks.output;
  EXPECT_EQ(ranks.output, threads.output);
}

TEST(PlanCli, ErrorsNameTheScenarioLine) {
  const Outcome none = podsim("plan " + write_scenario("none",
                                                       "topology: {flat: 8}\n"
                                                       "workload: {generator: philly, jobs: 10}\n")
                                            .string());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.output.find("no plan: block"), std::string::npos) << none.output;

  std::string unsorted = kPlan;
  unsorted.replace(unsorted.find("[16, 32, 48"), 11, "[16, 48, 32");
  const Outcome order = podsim("plan " + write_scenario("order", unsorted).string());
  EXPECT_EQ(order.exit_code, 2);
  EXPECT_NE(order.output.find("plan.yaml:9: plan.sizes[2]"), std::string::npos) << order.output;
  EXPECT_NE(order.output.find("ascending"), std::string::npos) << order.output;

  const Outcome with_sweep = podsim(
      "plan " + write_scenario("sweep", std::string(kPlan) + "sweep: {seeds: [1, 2]}\n").string());
  EXPECT_EQ(with_sweep.exit_code, 2);
  EXPECT_NE(with_sweep.output.find("has no sweep:"), std::string::npos) << with_sweep.output;

  std::string typo = kPlan;
  typo.replace(typo.find("wait_mean_s: {max"), 11, "wait_maen_s");
  const Outcome metric = podsim("plan " + write_scenario("typo", typo).string());
  EXPECT_EQ(metric.exit_code, 2);
  EXPECT_NE(metric.output.find("did you mean 'wait_mean_s'"), std::string::npos) << metric.output;
}

}  // namespace
