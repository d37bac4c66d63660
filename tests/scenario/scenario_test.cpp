// Scenario files: keys, short and long forms, relative paths, expect: and sweep: blocks, and the
// file, line, key path and suggestion of every error.
#include "scenario/scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "common/input_error.hpp"
#include "scenario/scenario_runner.hpp"

namespace podsim {
namespace {

std::string fixture(const std::string& relative) {
  return (std::filesystem::path(PODSIM_FIXTURES) / "scenario" / relative)
      .lexically_normal()
      .string();
}

class ScenarioFile : public ::testing::Test {
 protected:
  template <typename F>
  InputError input_error(F&& body) {
    try {
      body();
    } catch (const InputError& error) {
      return error;
    }
    ADD_FAILURE() << "expected an InputError";
    return InputError("", 0, "", "");
  }

  Plugins plugins_ = make_plugins();
};

TEST_F(ScenarioFile, TypoInATopLevelKeyNamesFileLineAndSuggests) {
  const InputError error = input_error([&] { load_scenario(fixture("typo_key.yaml"), plugins_); });
  EXPECT_EQ(error.file(), fixture("typo_key.yaml"));
  EXPECT_EQ(error.line(), 3);
  EXPECT_EQ(error.key(), "worklaod");
  EXPECT_NE(error.message().find("unknown key 'worklaod' (did you mean 'workload'?)"),
            std::string::npos)
      << error.what();
}

TEST_F(ScenarioFile, TypoInANestedKeyNamesItsPath) {
  const InputError error =
      input_error([&] { load_scenario(fixture("typo_nested.yaml"), plugins_); });
  EXPECT_EQ(error.line(), 3);
  EXPECT_EQ(error.key(), "workload.lod");
  EXPECT_NE(error.message().find("did you mean 'load'?"), std::string::npos) << error.what();
}

TEST_F(ScenarioFile, UnknownExpectMetricSuggestsTheClosest) {
  const InputError error =
      input_error([&] { load_scenario(fixture("bad_expect_metric.yaml"), plugins_); });
  EXPECT_EQ(error.line(), 6);
  EXPECT_EQ(error.key(), "expect.easy.wiat_p95_s");
  EXPECT_NE(error.message().find("did you mean 'wait_p95_s'?"), std::string::npos) << error.what();
}

TEST_F(ScenarioFile, PathsResolveAgainstTheScenarioFileNotTheWorkingFolder) {
  const Scenario scenario = load_scenario(fixture("trace_relative.yaml"), plugins_);
  EXPECT_EQ(scenario.workload.trace, fixture("traces/tiny.swf"));
  EXPECT_EQ(scenario.topology.kind, TopologyChoice::Kind::kTraceSize);
  const PreparedScenario prepared(scenario, plugins_);
  EXPECT_EQ(prepared.topology().total_gpus(), 16);  // the trace's MaxProcs
  const SeedRun run = run_seed(prepared, 1);
  EXPECT_EQ(run.records, 6u);
  ASSERT_EQ(run.outcomes.size(), 2u);
  EXPECT_EQ(run.outcomes[0].summary.rejected, 1u);  // 32 processors on a 16-unit machine
  EXPECT_EQ(run.outcomes[1].summary.completed + run.outcomes[1].summary.killed, 5u);

  const Scenario sweep = load_scenario(fixture("small_sweep.yaml"), plugins_);
  EXPECT_EQ(sweep.topology.file, fixture("pods.yaml"));
}

// A trace without records, in any format, is an error naming the file (it ran with placeholder
// metrics; a 0-byte SWF without a machine was blamed for its missing MaxProcs).
TEST_F(ScenarioFile, ATraceWithoutRecordsIsAnError) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "podsim_empty_traces";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::vector<std::pair<std::string, std::string>> traces = {
      {"header.swf", "; MaxProcs: 16\n"},
      {"nothing.swf", ""},
      {"header.csv", "id,submit_s,gpus,runtime_s\n"},
      {"philly.csv", "job_id,num_gpu,submit_time,iterations,model_name,duration,interval\n"}};
  for (const auto& [name, text] : traces) {
    const std::string path = (dir / name).string();
    std::ofstream(path) << text;
    for (const std::string topology : {"topology: {flat: 8}\n", ""}) {
      const Scenario scenario =
          parse_scenario(topology + "workload: {trace: " + path + "}\n", "a.yaml", plugins_);
      const InputError error =
          input_error([&] { const PreparedScenario prepared(scenario, plugins_); });
      EXPECT_EQ(error.file(), path);
      EXPECT_EQ(error.message(), "the trace holds no job records") << error.what();
    }
  }
}

TEST_F(ScenarioFile, AMissingTraceNamesTheScenarioLineThatAsksForIt) {
  const std::string missing = "/nonexistent-podsim/trace.csv";
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\nworkload: {trace: " + missing + "}\n", "a.yaml", plugins_);
  const InputError error =
      input_error([&] { const PreparedScenario prepared(scenario, plugins_); });
  EXPECT_EQ(error.file(), "a.yaml");
  EXPECT_EQ(error.line(), 2);
  EXPECT_EQ(error.key(), "workload.trace");
  EXPECT_EQ(error.message().rfind(missing + ": cannot open file", 0), 0u) << error.what();
}

TEST_F(ScenarioFile, ShortFormsAndDefaults) {
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\n"
      "workload: {generator: philly}\n"
      "seeds: 4\n"
      "output: results/x\n",
      "/somewhere/exp/my-run.yaml", plugins_);
  EXPECT_EQ(scenario.name, "my-run");  // the file name without .yaml
  EXPECT_EQ(scenario.topology.kind, TopologyChoice::Kind::kFlat);
  EXPECT_EQ(scenario.topology.flat_units, 8);
  EXPECT_DOUBLE_EQ(scenario.workload.synthetic.duration_days, 30);  // podsim run's defaults
  EXPECT_DOUBLE_EQ(scenario.workload.synthetic.load, 0.9);
  ASSERT_EQ(scenario.policies.size(), 2u);
  EXPECT_EQ(scenario.policies[0].text, "fcfs");
  EXPECT_EQ(scenario.policies[1].text, "easy");
  ASSERT_EQ(scenario.placements.size(), 1u);
  EXPECT_EQ(scenario.placements[0].text, "first-fit");
  EXPECT_EQ(scenario.seeds, std::vector<std::uint64_t>{4});
  EXPECT_EQ(scenario.output_dir, "/somewhere/exp/results/x");
}

// Without `placements:` the machine decides (default_placement.hpp); a listed one is kept.
TEST_F(ScenarioFile, DefaultPlacementFollowsTheMachine) {
  const std::string configs = std::string(PODSIM_SOURCE_DIR) + "/configs/";
  const auto placement_of = [&](const std::string& lines) {
    const Scenario scenario = parse_scenario(lines, "/somewhere/a.yaml", plugins_);
    EXPECT_EQ(scenario.placements.size(), 1u);
    return scenario.placements.empty() ? std::string() : scenario.placements[0].text;
  };
  EXPECT_EQ(placement_of("topology: {flat: 8}\nworkload: {generator: philly}\n"), "first-fit");
  // The trace's declared size is a flat pool (the trace is not read to decide).
  EXPECT_EQ(placement_of("workload: {trace: t.swf}\n"), "first-fit");
  EXPECT_EQ(placement_of("topology: " + configs +
                         "dgx-h100-superpod.yaml\n"
                         "workload: {generator: philly}\n"),
            "topology");
  EXPECT_EQ(placement_of("topology: {file: " + configs + "gb200-nvl72.yaml, overrides: " +
                         "{groups: 20}}\nworkload: {generator: philly}\n"),
            "topology:max_level=rack");
  EXPECT_EQ(placement_of("topology: " + configs +
                         "gb200-nvl72.yaml\n"
                         "workload: {generator: philly}\nplacements: [first-fit]\n"),
            "first-fit");
  // Expectations name the placement that runs.
  const InputError error = input_error([&] {
    parse_scenario(
        "topology: " + configs +
            "gb200-nvl72.yaml\n"
            "workload: {generator: philly}\nexpect:\n  easy/first-fit: {ran: {min: 1}}\n",
        "a.yaml", plugins_);
  });
  EXPECT_NE(error.message().find("listed: topology:max_level=rack"), std::string::npos)
      << error.what();
}

TEST_F(ScenarioFile, EverySweepPointGetsTheDefaultOfItsOwnMachine) {
  const std::string configs = std::string(PODSIM_SOURCE_DIR) + "/configs/";
  const Scenario scenario =
      parse_scenario("topology: " + configs +
                         "dgx-h100-superpod.yaml\n"
                         "workload: {generator: philly}\n"
                         "sweep:\n  topology.file: [" +
                         configs + "dgx-h100-superpod.yaml, " + configs + "gb200-nvl72.yaml]\n",
                     "a.yaml", plugins_);
  const std::vector<SweepPoint> points = expand_sweep(scenario, plugins_);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].scenario.placements.at(0).text, "topology");
  EXPECT_EQ(points[1].scenario.placements.at(0).text, "topology:max_level=rack");
}

TEST_F(ScenarioFile, AllListsEveryRegisteredPolicy) {
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\nworkload: {generator: philly}\npolicies: all\n", "a.yaml", plugins_);
  ASSERT_EQ(scenario.policies.size(), plugins_.policies.names().size());
  for (std::size_t i = 0; i < scenario.policies.size(); ++i) {
    EXPECT_EQ(scenario.policies[i].text, plugins_.policies.names()[i]);
  }
}

TEST_F(ScenarioFile, ExpectationsMatchPoliciesAndPlacements) {
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\n"
      "workload: {generator: philly}\n"
      "policies: [fcfs, easy]\n"
      "expect:\n"
      "  easy: {wait_p95_s: {max: 3600}, utilisation: {min: 0.5}}\n"
      "  fcfs/first-fit: {rejected: {min: 0, max: 0}}\n",
      "a.yaml", plugins_);
  ASSERT_EQ(scenario.expectations.size(), 3u);
  const Expectation& wait = scenario.expectations[0];
  EXPECT_EQ(wait.policy, 1u);
  EXPECT_FALSE(wait.placement.has_value());
  EXPECT_EQ(wait.max, 3600.0);
  EXPECT_FALSE(wait.min.has_value());
  EXPECT_EQ(wait.line, 5);
  const Expectation& rejected = scenario.expectations[2];
  EXPECT_EQ(rejected.policy, 0u);
  ASSERT_TRUE(rejected.placement.has_value());
  EXPECT_EQ(*rejected.placement, 0u);
  EXPECT_EQ(rejected.line, 6);
}

TEST_F(ScenarioFile, ExpectOnAnUnlistedPolicySuggestsAListedOne) {
  const InputError error = input_error([&] {
    parse_scenario(
        "topology: {flat: 8}\nworkload: {generator: philly}\npolicies: [fcfs, easy]\n"
        "expect:\n  eesy: {wait_p95_s: {max: 1}}\n",
        "a.yaml", plugins_);
  });
  EXPECT_EQ(error.line(), 5);
  EXPECT_NE(error.message().find("no listed policy 'eesy' (did you mean 'easy'?)"),
            std::string::npos)
      << error.what();
}

TEST_F(ScenarioFile, BoundsNeedMinOrMaxInOrder) {
  EXPECT_THROW(parse_scenario("topology: {flat: 8}\nworkload: {generator: philly}\n"
                              "expect: {easy: {wait_p95_s: {}}}\n",
                              "a.yaml", plugins_),
               InputError);
  EXPECT_THROW(parse_scenario("topology: {flat: 8}\nworkload: {generator: philly}\n"
                              "expect: {easy: {wait_p95_s: {min: 5, max: 1}}}\n",
                              "a.yaml", plugins_),
               InputError);
}

TEST_F(ScenarioFile, UnknownPolicyInTheListNamesItsLine) {
  const InputError error = input_error([&] {
    parse_scenario(
        "topology: {flat: 8}\nworkload: {generator: philly}\npolicies:\n  - fcfs\n"
        "  - eesy\n",
        "exp.yaml", plugins_);
  });
  EXPECT_EQ(error.file(), "exp.yaml");
  EXPECT_EQ(error.line(), 5);
  EXPECT_EQ(error.key(), "policies[1]");
  EXPECT_NE(error.message().find("did you mean 'easy'?"), std::string::npos) << error.what();
}

TEST_F(ScenarioFile, GeneratorNeedsAMachine) {
  const InputError error =
      input_error([&] { parse_scenario("workload: {generator: philly}\n", "a.yaml", plugins_); });
  EXPECT_EQ(error.key(), "workload");
  EXPECT_NE(error.message().find("needs a machine"), std::string::npos);
}

TEST_F(ScenarioFile, TraceAndGeneratorKeysDoNotMix) {
  const InputError error = input_error([&] {
    parse_scenario("topology: {flat: 8}\nworkload: {trace: x.swf, load: 0.5}\n", "a.yaml",
                   plugins_);
  });
  EXPECT_EQ(error.key(), "workload.load");
}

TEST_F(ScenarioFile, SweepIsACartesianGridWithTheLastKeyFastest) {
  const Scenario scenario = load_scenario(fixture("small_sweep.yaml"), plugins_);
  ASSERT_EQ(scenario.sweep.size(), 2u);
  const std::vector<SweepPoint> points = expand_sweep(scenario, plugins_);
  ASSERT_EQ(points.size(), 6u);
  const std::vector<std::vector<std::string>> expected = {{"1", "0.8"}, {"1", "1.5"}, {"2", "0.8"},
                                                          {"2", "1.5"}, {"3", "0.8"}, {"3", "1.5"}};
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].values, expected[i]);
    const Scenario& point = points[i].scenario;
    ASSERT_TRUE(point.topology.groups.has_value());
    EXPECT_EQ(*point.topology.groups, static_cast<int>(i / 2) + 1);
    EXPECT_DOUBLE_EQ(point.workload.synthetic.load, i % 2 == 0 ? 0.8 : 1.5);
    EXPECT_TRUE(point.sweep.empty());
    EXPECT_EQ(point.name, "small-sweep");
    // The scalar `topology: pods.yaml` became {file: pods.yaml, overrides: ...}.
    EXPECT_EQ(point.topology.file, fixture("pods.yaml"));
  }
  EXPECT_EQ(points[2].scenario.topology.description, fixture("pods.yaml") + " (groups=2)");
}

TEST_F(ScenarioFile, SweepOverAListValuedKey) {
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\nworkload: {generator: philly}\nsweep:\n  policies: [fcfs, easy]\n"
      "  seeds: [[1, 2], 3]\n",
      "a.yaml", plugins_);
  const std::vector<SweepPoint> points = expand_sweep(scenario, plugins_);
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0].values, (std::vector<std::string>{"fcfs", "[1, 2]"}));
  ASSERT_EQ(points[0].scenario.policies.size(), 1u);
  EXPECT_EQ(points[0].scenario.policies[0].text, "fcfs");
  EXPECT_EQ(points[0].scenario.seeds, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(points[3].scenario.policies[0].text, "easy");
  EXPECT_EQ(points[3].scenario.seeds, (std::vector<std::uint64_t>{3}));
}

TEST_F(ScenarioFile, SweepTypoNamesTheSweepKeyLineAndSuggests) {
  const Scenario scenario = load_scenario(fixture("bad_sweep_key.yaml"), plugins_);
  const InputError error = input_error([&] { expand_sweep(scenario, plugins_); });
  EXPECT_EQ(error.file(), fixture("bad_sweep_key.yaml"));
  EXPECT_EQ(error.line(), 5);
  EXPECT_EQ(error.key(), "sweep.workload.lod");
  EXPECT_NE(error.message().find("did you mean 'load'?"), std::string::npos) << error.what();
}

TEST_F(ScenarioFile, SweepValueIsCheckedLikeAHandWrittenOne) {
  const Scenario scenario = parse_scenario(
      "topology: {flat: 8}\nworkload: {generator: philly}\nsweep:\n  workload.load: [0.5, -1]\n",
      "a.yaml", plugins_);
  const InputError error = input_error([&] { expand_sweep(scenario, plugins_); });
  EXPECT_EQ(error.line(), 4);
  EXPECT_EQ(error.key(), "sweep.workload.load");
  EXPECT_NE(error.message().find("value -1"), std::string::npos) << error.what();
  EXPECT_NE(error.message().find("expected a number > 0"), std::string::npos) << error.what();
}

TEST_F(ScenarioFile, SweepWithoutAGridIsOnePoint) {
  const Scenario scenario =
      parse_scenario("topology: {flat: 8}\nworkload: {generator: philly}\n", "a.yaml", plugins_);
  const std::vector<SweepPoint> points = expand_sweep(scenario, plugins_);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_TRUE(points[0].values.empty());
}

TEST_F(ScenarioFile, YamlSyntaxErrorIsAnInputErrorWithALine) {
  const InputError error = input_error(
      [&] { parse_scenario("topology: {flat: 8\nworkload: x\n", "bad.yaml", plugins_); });
  EXPECT_EQ(error.file(), "bad.yaml");
  EXPECT_GT(error.line(), 0);
  EXPECT_NE(error.message().find("YAML syntax error"), std::string::npos);
}

TEST(FolderLabel, KeepsSafeCharactersOnly) {
  EXPECT_EQ(folder_label("easy"), "easy");
  EXPECT_EQ(folder_label("las:restore_s=30"), "las_restore_s=30");
  EXPECT_EQ(folder_label("a/b c"), "a_b_c");
}

}  // namespace
}  // namespace podsim
