// Steady state as a user meets it: every run prints its offered load and measurement window,
// summary.json records them with the warnings, jobs.csv says which jobs counted, and the load
// of a synthetic workload counts each GPU at its speed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"
#include "support/summary_json.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::read_file;
using podsim::test::summary_of;

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_steady_state_cli_test_" + name);
}

bool has_warning(const nlohmann::json& summary, const std::string& start) {
  for (const auto& warning : summary["warnings"]) {
    if (warning.get<std::string>().rfind(start, 0) == 0) return true;
  }
  return false;
}

TEST(SteadyStateCli, EveryRunPrintsItsOfferedLoadAndWindowAndRecordsThem) {
  const fs::path out = fresh_dir("load1");
  const Outcome outcome = podsim("run --jobs 3000 --load 1.0 --policy easy --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("    load "), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("window:   jobs submitted"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("warm-up by MSER-5"), std::string::npos) << outcome.output;
  const auto summary = summary_of(out);
  EXPECT_NEAR(summary["offered_load"].get<double>(), 1.0, 0.05);
  EXPECT_EQ(summary["window"]["whole_run"], false);
  EXPECT_EQ(summary["window"]["warmup"], "MSER-5");
  EXPECT_LE(summary["window"]["counted_jobs"].get<int>(), 3000);
  // 3,000 Philly-like jobs span about 8 hours of arrivals: far too short for 20-hour jobs.
  EXPECT_TRUE(has_warning(summary, "short run")) << summary["warnings"];
  // (topology: the embedded SuperPOD's default placement, default_placement.hpp)
  EXPECT_NE(outcome.output.find("easy topology: short run"), std::string::npos);
  EXPECT_NE(outcome.output.find("topology !"), std::string::npos) << outcome.output;
  EXPECT_EQ(summary["run"]["window"], "warm-up auto, cool-down 0");

  // jobs.csv says of every job whether it counted; the counted ones are the summary's.
  std::istringstream jobs(read_file(out / "jobs.csv"));
  std::string line;
  std::getline(jobs, line);
  EXPECT_EQ(line.substr(line.size() - 8), ",counted");
  int counted = 0;
  while (std::getline(jobs, line)) counted += line.back() == '1';
  EXPECT_EQ(counted, summary["window"]["counted_jobs"].get<int>());
}

TEST(SteadyStateCli, OverloadWarns) {
  const fs::path out = fresh_dir("load3");
  const Outcome outcome = podsim("run --jobs 3000 --load 3 --policy easy --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  const auto summary = summary_of(out);
  EXPECT_GT(summary["offered_load"].get<double>(), 2.8);
  EXPECT_TRUE(has_warning(summary, "overload: offered load")) << summary["warnings"];
  EXPECT_TRUE(has_warning(summary, "growing queue")) << summary["warnings"];
  EXPECT_NE(outcome.output.find("overload: offered load"), std::string::npos);
}

TEST(SteadyStateCli, WindowFlagsAndTheirErrors) {
  const fs::path whole = fresh_dir("whole"), given = fresh_dir("given");
  ASSERT_EQ(podsim("run --jobs 2000 --policy easy --whole-run --out " + whole.string()).exit_code,
            0);
  EXPECT_EQ(summary_of(whole)["window"]["whole_run"], true);
  EXPECT_EQ(summary_of(whole)["window"]["counted_jobs"], 2000);
  ASSERT_EQ(
      podsim("run --jobs 2000 --policy easy --warmup 10% --cooldown 1h --out " + given.string())
          .exit_code,
      0);
  const auto summary = summary_of(given);
  EXPECT_EQ(summary["window"]["warmup"], "given");
  EXPECT_GT(summary["window"]["begin_s"].get<double>(), 0.0);
  EXPECT_LT(summary["window"]["counted_jobs"].get<int>(), 2000);

  const Outcome exponent = podsim("run --jobs 100 --warmup 1e3");
  EXPECT_EQ(exponent.exit_code, 2);
  EXPECT_NE(exponent.output.find("--warmup: expected auto, a percentage"), std::string::npos)
      << exponent.output;
  const Outcome cooldown = podsim("run --jobs 100 --cooldown auto");
  EXPECT_EQ(cooldown.exit_code, 2);
  EXPECT_NE(cooldown.output.find("auto is for warm-ups only"), std::string::npos)
      << cooldown.output;
  const Outcome nothing_left = podsim("run --jobs 100 --warmup 60% --cooldown 50%");
  EXPECT_EQ(nothing_left.exit_code, 2) << nothing_left.output;
  EXPECT_NE(nothing_left.output.find("leaves nothing of the arrival span"), std::string::npos);
  EXPECT_EQ(podsim("run --jobs 100 --whole-run --warmup 5%").exit_code, 2);
}

TEST(SteadyStateCli, TracesCountEveryJobUnlessAskedAndScenariosSetTheWindow) {
  const fs::path dir = fresh_dir("scenario");
  const std::string trace = std::string(PODSIM_FIXTURES) + "/workload/small.swf";
  const fs::path trace_out = dir / "trace";
  ASSERT_EQ(podsim("run --flat 8 --policy easy --trace " + trace + " --out " + trace_out.string())
                .exit_code,
            0);
  EXPECT_EQ(summary_of(trace_out)["window"]["whole_run"], true);

  const fs::path scenario = dir / "window.yaml";
  std::ofstream(scenario) << "topology: {flat: 64}\n"
                             "workload: {generator: philly, jobs: 2000, load: 0.7}\n"
                             "policies: [fcfs]\n"
                             "window: {warmup: 2h, cooldown: 5%}\n"
                             "output: out\n";
  ASSERT_EQ(podsim("run " + scenario.string()).exit_code, 0);
  const auto summary = summary_of(dir / "out");
  // Two hours after the first arrival (a few seconds after 0).
  EXPECT_GE(summary["window"]["begin_s"].get<double>(), 7200.0);
  EXPECT_LT(summary["window"]["begin_s"].get<double>(), 7300.0);
  EXPECT_EQ(summary["run"]["window"], "warm-up 7200, cool-down 5%");

  std::ofstream(scenario) << "topology: {flat: 64}\n"
                             "workload: {generator: philly, jobs: 200}\n"
                             "window: {warmup: 2h, cooldwn: 5%}\n";
  const Outcome typo = podsim("run " + scenario.string());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.output.find("window.yaml:3"), std::string::npos) << typo.output;
  EXPECT_NE(typo.output.find("did you mean 'cooldown'"), std::string::npos) << typo.output;
}

TEST(SteadyStateCli, LoadCountsEachGpuAtItsSpeed) {
  // One node type at half speed: --load 0.8 offers 0.8 of what these GPUs can do, not 1.6.
  const fs::path dir = fresh_dir("speed");
  const fs::path topology = dir / "half-speed.yaml";
  std::ofstream(topology) << "name: half-speed\n"
                             "gpu_types:\n  slow: {speed: 0.5}\n"
                             "node_types:\n  n: {gpu_type: slow, gpus: 8, nvlink_gbps: 2400, "
                             "nics: 8, nic_gbps: 200}\n"
                             "levels:\n  - {name: leaf, leaf_switches: 8, rails: true}\n"
                             "groups:\n  g1: {nodes: \"n[01-16]\", type: n}\n";
  const fs::path out = dir / "out";
  const Outcome outcome = podsim("run --topology " + topology.string() +
                                 " --jobs 4000 --load 0.8 --policy easy --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  const auto summary = summary_of(out);
  EXPECT_NEAR(summary["offered_load"].get<double>(), 0.8, 0.05);
  EXPECT_FALSE(has_warning(summary, "overload")) << summary["warnings"];
}

}  // namespace

namespace {

TEST(SteadyStateCli, SyntheticWorkloadsByDuration) {
  const fs::path out = fresh_dir("days");
  // 10 days of Philly-like arrivals at load 0.8 on 1,016 GPUs: about 69,000 jobs (mean work
  // 1.93 GPUs x ~5,300 s), every one submitted inside the 10 days.
  const Outcome outcome =
      podsim("run --days 10 --load 0.8 --policy easy --whole-run --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("days=10"), std::string::npos) << outcome.output;
  const auto summary = summary_of(out);
  const int jobs = summary["jobs"]["records"].get<int>();
  EXPECT_GT(jobs, 55000);
  EXPECT_LT(jobs, 85000);
  EXPECT_LT(summary["window"]["end_s"].get<double>(), 10 * 86400.0);
  EXPECT_NEAR(summary["offered_load"].get<double>(), 0.8, 0.08);

  const Outcome both = podsim("run --days 10 --jobs 100");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.output.find("excludes"), std::string::npos) << both.output;
  const Outcome huge = podsim("run --days 36000 --load 5");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.output.find("more than the 50000000 a run may hold"), std::string::npos)
      << huge.output;
  const fs::path scenario = fresh_dir("days_scenario") / "both.yaml";
  std::ofstream(scenario) << "topology: {flat: 64}\n"
                             "workload: {generator: philly, jobs: 200, duration_days: 3}\n";
  const Outcome twice = podsim("run " + scenario.string());
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.output.find("both.yaml:2"), std::string::npos) << twice.output;
  EXPECT_NE(twice.output.find("not both"), std::string::npos) << twice.output;
}

}  // namespace
