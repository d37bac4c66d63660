// The performance: and failures: keys of a scenario (model_settings.hpp): what they set, the
// errors they raise, and that a run honours them (slowdown off, failures on, seeded).
#include "scenario/model_settings.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/input_error.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_runner.hpp"

namespace podsim {
namespace {

// A small flat machine and a short synthetic workload; each test adds its keys below.
constexpr const char* kScenarioHead = R"(
topology: {flat: 64}
workload: {generator: philly, jobs: 300, load: 0.9}
policies: [fcfs]
)";

class ModelSettingsTest : public ::testing::Test {
 protected:
  Scenario parse(const std::string& extra) {
    return parse_scenario(std::string(kScenarioHead) + extra, "/tmp/scenario.yaml", plugins_);
  }
  InputError error_of(const std::string& extra) {
    try {
      parse(extra);
    } catch (const InputError& error) {
      return error;
    }
    ADD_FAILURE() << "expected an InputError for:\n" << extra;
    return InputError("", 0, "", "");
  }
  Summary run(const Scenario& scenario, std::uint64_t seed = 1) {
    const PreparedScenario prepared(scenario, plugins_);
    return run_seed(prepared, seed).outcomes.at(0).summary;
  }

  Plugins plugins_ = make_plugins();
};

TEST_F(ModelSettingsTest, DefaultsArePerformanceModelOnAndNoFailures) {
  const Scenario scenario = parse("");
  ASSERT_TRUE(scenario.models.perf.has_value());
  EXPECT_TRUE(scenario.models.perf->contention);
  EXPECT_FALSE(scenario.models.failures.any());
}

TEST_F(ModelSettingsTest, PerformanceKeysSetTheModel) {
  const Scenario scenario =
      parse("performance: {contention: false, default_comm_fraction: 0.25}\n");
  ASSERT_TRUE(scenario.models.perf.has_value());
  EXPECT_FALSE(scenario.models.perf->contention);
  // The user's default beats the one of the built-in models table.
  EXPECT_EQ(scenario.models.perf->models.default_fraction(), 0.25);
  EXPECT_FALSE(parse("performance: {enabled: false}\n").models.perf.has_value());
}

TEST_F(ModelSettingsTest, PerformanceErrorsNameTheKeyAndLine) {
  const InputError typo = error_of("performance:\n  contnetion: false\n");
  EXPECT_EQ(typo.line(), 6);
  EXPECT_EQ(typo.key(), "performance.contnetion");
  EXPECT_NE(typo.message().find("did you mean 'contention'?"), std::string::npos) << typo.what();

  const InputError fraction = error_of("performance: {default_comm_fraction: 1.5}\n");
  EXPECT_EQ(fraction.key(), "performance.default_comm_fraction");
  EXPECT_NE(fraction.message().find("[0, 1)"), std::string::npos) << fraction.what();

  const InputError useless = error_of("performance: {enabled: false, contention: true}\n");
  EXPECT_EQ(useless.key(), "performance.contention");

  const InputError missing = error_of("performance: {models: no-such-models.yaml}\n");
  EXPECT_EQ(missing.file(), "/tmp/no-such-models.yaml");  // relative to the scenario
}

TEST_F(ModelSettingsTest, FailureKeysSetTheModel) {
  const Scenario scenario = parse(
      "failures: {node_mtbf_hours: 100, distribution: weibull, weibull_shape: 0.7,\n"
      "           mttr_hours: 2, checkpoint_interval_s: 600, checkpoint_cost_s: 30,\n"
      "           restart_cost_s: 60, max_restarts: 7,\n"
      "           trace: fails.csv}\n");
  const FailureOptions& failures = scenario.models.failures;
  EXPECT_EQ(failures.node_mtbf_hours, 100);
  EXPECT_EQ(failures.distribution, FailureDistribution::kWeibull);
  EXPECT_EQ(failures.weibull_shape, 0.7);
  EXPECT_EQ(failures.mttr_hours, 2);
  EXPECT_EQ(failures.checkpoint_interval, from_seconds(600));
  EXPECT_EQ(failures.checkpoint_cost, from_seconds(30));
  EXPECT_EQ(failures.restart_cost, from_seconds(60));
  EXPECT_EQ(failures.max_restarts, 7);
  EXPECT_EQ(failures.trace_file, "/tmp/fails.csv");
}

TEST_F(ModelSettingsTest, FailureErrorsSuggest) {
  const InputError distribution = error_of("failures: {distribution: weibul}\n");
  EXPECT_EQ(distribution.key(), "failures.distribution");
  EXPECT_NE(distribution.message().find("did you mean 'weibull'?"), std::string::npos)
      << distribution.what();
  const InputError key = error_of("failures: {checkpoint_interval: 600}\n");
  EXPECT_NE(key.message().find("did you mean 'checkpoint_interval_s'?"), std::string::npos)
      << key.what();
  const InputError negative = error_of("failures: {restart_cost_s: -1}\n");
  EXPECT_EQ(negative.key(), "failures.restart_cost_s");
  EXPECT_EQ(error_of("failures: {max_restarts: -1}\n").key(), "failures.max_restarts");
}

TEST_F(ModelSettingsTest, RunsHonourFailuresAndEveryJobStillCompletesOnce) {
  const Scenario calm = parse("");
  const Scenario failing = parse("failures: {node_mtbf_hours: 20, checkpoint_interval_s: 1800}\n");
  const Summary without = run(calm);
  const Summary with = run(failing);
  EXPECT_EQ(without.restarts, 0u);
  EXPECT_GT(with.restarts, 0u);
  EXPECT_GT(with.gpu_hours_lost, 0.0);
  EXPECT_LT(with.goodput, 1.0);
  EXPECT_EQ(with.completed + with.killed, 300u);
  EXPECT_EQ(with.completed + with.killed, without.completed + without.killed);
  // Seeded: the same seed gives the same failures.
  EXPECT_EQ(run(failing, 1).gpu_hours_lost, with.gpu_hours_lost);
}

}  // namespace
}  // namespace podsim
