// `podsim check` in-process: which files it picks, bounds on means over seeds, and the schedule
// hashes recorded beside a scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/input_error.hpp"
#include "scenario/expectation_check.hpp"
#include "scenario/scenario_check.hpp"
#include "scenario/schedule_hash_file.hpp"
#include "support/fresh_dir.hpp"
#include "support/read_file.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_scenario_test_" + name);
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char* kScenario =
    "name: tiny\n"
    "topology: {flat: 32}\n"
    "workload: {generator: philly, jobs: 200, load: 0.9}\n"
    "policies: [fcfs, easy]\n"
    "seeds: [1, 2]\n"
    "expect:\n"
    "  easy: {rejected: {max: 0}, ran: {min: 200}}\n";

TEST(ExpectationCheck, BoundsApplyToTheMeanOverSeeds) {
  const Plugins plugins = make_plugins();
  Scenario scenario = parse_scenario(
      "topology: {flat: 8}\nworkload: {generator: philly}\npolicies: [fcfs, easy]\n"
      "expect:\n  easy: {wait_mean_s: {max: 15}}\n  fcfs: {wait_mean_s: {min: 11, max: 30}}\n",
      "a.yaml", plugins);
  // Two seeds; easy waits 10 and 30 (mean 20 > 15: fails), fcfs 12 and 14 (mean 13: passes).
  std::vector<SeedRun> runs(2);
  const double easy[] = {10, 30}, fcfs[] = {12, 14};
  for (std::size_t s = 0; s < 2; ++s) {
    RunOutcome f, e;
    f.policy = 0;
    f.summary.wait_s.mean = fcfs[s];
    e.policy = 1;
    e.summary.wait_s.mean = easy[s];
    runs[s].outcomes = {f, e};
  }
  const std::vector<BoundResult> results = check_expectations(scenario, runs);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].policy, "easy");
  EXPECT_EQ(results[0].placement, "first-fit");
  EXPECT_EQ(results[0].metric, "wait_mean_s");
  EXPECT_DOUBLE_EQ(results[0].value, 20.0);
  EXPECT_EQ(results[0].bound, "<= 15");
  EXPECT_EQ(results[0].seeds, 2u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_DOUBLE_EQ(results[1].value, 13.0);
  EXPECT_EQ(results[1].bound, "in [11, 30]");
  EXPECT_TRUE(results[1].passed);
}

TEST(ScheduleHashFile, WritesAndReadsBack) {
  const fs::path dir = fresh_dir("hash_file");
  EXPECT_EQ(hash_file_path((dir / "a.yaml").string()), (dir / "a.hashes").string());
  EXPECT_EQ(hash_file_path("b.yml"), "b.hashes");
  const std::string path = (dir / "a.hashes").string();
  EXPECT_TRUE(read_schedule_hashes(path).empty());  // absent: nothing recorded
  write_schedule_hashes(
      path, "a",
      {{"easy", "first-fit", 1, 0x0123456789abcdefULL}, {"las:x=1", "first-fit", 2, 42}});
  const ScheduleHashes hashes = read_schedule_hashes(path);
  ASSERT_EQ(hashes.size(), 2u);
  EXPECT_EQ(hashes.at({"easy", "first-fit", 1}), 0x0123456789abcdefULL);
  EXPECT_EQ(hashes.at({"las:x=1", "first-fit", 2}), 42u);
  EXPECT_NE(test::read_file(path).find("easy\tfirst-fit\t1\t0123456789abcdef\n"), std::string::npos);
}

TEST(ScheduleHashFile, MalformedLineNamesItsLine) {
  const fs::path dir = fresh_dir("hash_bad");
  write(dir / "a.hashes", "# comment\neasy\tfirst-fit\t1\t0123456789abcdef\neasy first-fit 2 12\n");
  try {
    read_schedule_hashes((dir / "a.hashes").string());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 3);
  }
}

TEST(ScenarioCheck, PlanFindsScenariosWithExpectRecursively) {
  const fs::path dir = fresh_dir("plan");
  write(dir / "b.yaml", kScenario);
  write(dir / "sub" / "a.yaml", kScenario);
  write(dir / "no_expect.yaml", "topology: {flat: 8}\nworkload: {generator: philly}\n");
  write(dir / "notes.txt", "expect: nothing\n");
  const CheckPlan plan = plan_check({dir.string(), (dir / "no_expect.yaml").string()});
  ASSERT_EQ(plan.scenarios.size(), 2u);
  EXPECT_EQ(plan.scenarios[0], (dir / "b.yaml").string());
  EXPECT_EQ(plan.scenarios[1], (dir / "sub" / "a.yaml").string());
  ASSERT_EQ(plan.skipped.size(), 1u);
  EXPECT_THROW(plan_check({(dir / "missing").string()}), InputError);
}

TEST(ScenarioCheck, RecordsHashesThenNoticesAChangedSchedule) {
  const Plugins plugins = make_plugins();
  const fs::path dir = fresh_dir("check");
  const std::string file = (dir / "tiny.yaml").string();
  write(file, kScenario);

  ScenarioCheck check = check_scenario(load_scenario(file, plugins), plugins, false);
  EXPECT_EQ(check.bounds, 2u);
  EXPECT_EQ(check.bounds_failed, 0u);
  EXPECT_EQ(check.schedules, 4u);  // 2 policies x 2 seeds
  EXPECT_EQ(check.schedules_changed, 4u) << "nothing recorded yet";
  EXPECT_FALSE(check.passed());

  check = check_scenario(load_scenario(file, plugins), plugins, true);
  EXPECT_TRUE(check.hashes_written);
  EXPECT_TRUE(check.passed());
  EXPECT_EQ(read_schedule_hashes((dir / "tiny.hashes").string()).size(), 4u);
  EXPECT_TRUE(check_scenario(load_scenario(file, plugins), plugins, false).passed());

  // A different workload moves every schedule; the diff names policy, placement and seed.
  std::string changed = kScenario;
  changed.replace(changed.find("load: 0.9"), 9, "load: 1.4");
  write(file, changed);
  check = check_scenario(load_scenario(file, plugins), plugins, false);
  EXPECT_EQ(check.schedules_changed, 4u);
  ASSERT_FALSE(check.failures.empty());
  EXPECT_NE(check.failures[0].find("fcfs/first-fit seed 1: schedule changed: recorded "),
            std::string::npos)
      << check.failures[0];
}

TEST(ScenarioCheck, FailedBoundIsAReadableLine) {
  const Plugins plugins = make_plugins();
  const fs::path dir = fresh_dir("bound");
  const std::string file = (dir / "tiny.yaml").string();
  std::string text = kScenario;
  text += "  fcfs: {wait_mean_s: {max: 0.001}}\n";
  write(file, text);
  const ScenarioCheck check = check_scenario(load_scenario(file, plugins), plugins, true);
  EXPECT_EQ(check.bounds, 3u);
  EXPECT_EQ(check.bounds_failed, 1u);
  ASSERT_EQ(check.failures.size(), 1u);
  EXPECT_EQ(check.failures[0].rfind("fcfs/first-fit: wait_mean_s = ", 0), 0u) << check.failures[0];
  EXPECT_NE(check.failures[0].find("expected <= 0.001 (mean of 2 seeds; bound at tiny.yaml:8)"),
            std::string::npos)
      << check.failures[0];
}

}  // namespace
}  // namespace podsim
