// Energy and cost as a user meets them: every run on a shipped machine prints and records them,
// the site's PUE and prices come from flags or a scenario's site: key, and bad values are
// errors naming the key.
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

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_power_cost_cli_test_" + name);
}

TEST(PowerCostCli, EveryRunOnTheSuperPodRecordsEnergyAndCost) {
  const fs::path base = fresh_dir("superpod") / "base";
  const fs::path costly = base.parent_path() / "costly";
  const std::string run = "run --jobs 3000 --load 0.8 --policy easy --out ";
  const Outcome outcome = podsim(run + base.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("energy MWh"), std::string::npos) << outcome.output;
  const auto power = summary_of(base)["power"];
  ASSERT_TRUE(power["modelled"].get<bool>());
  ASSERT_TRUE(power["priced"].get<bool>());
  // 127 DGX H100 between 2.1 and 10.2 kW each, times the default PUE of 1.3.
  EXPECT_GE(power["power_mean_kw"].get<double>(), 127 * 2.1 * 1.3);
  EXPECT_LE(power["power_peak_kw"].get<double>(), 127 * 10.2 * 1.3 + 1e-6);
  EXPECT_GT(power["cost_per_gpu_hour_usd"].get<double>(), 0);

  // Twice the PUE doubles the energy; a dearer price raises the cost; the jobs do not move.
  ASSERT_EQ(podsim(run + costly.string() + " --pue 2.6 --energy-price 0.5").exit_code, 0);
  const auto dear = summary_of(costly)["power"];
  EXPECT_NEAR(dear["energy_mwh"].get<double>(), 2 * power["energy_mwh"].get<double>(), 1e-9);
  EXPECT_GT(dear["cost_usd"].get<double>(), power["cost_usd"].get<double>());
  EXPECT_EQ(summary_of(costly)["wait_s"], summary_of(base)["wait_s"]);
  EXPECT_EQ(summary_of(costly)["run"]["site.pue"], "2.6");
}

TEST(PowerCostCli, AFlatPoolHasNoPowerAndSaysSo) {
  const fs::path out = fresh_dir("flat");
  ASSERT_EQ(podsim("run --flat 64 --jobs 500 --policy fcfs --out " + out.string()).exit_code, 0);
  const auto power = summary_of(out)["power"];
  EXPECT_FALSE(power["modelled"].get<bool>());
  EXPECT_TRUE(power["energy_mwh"].is_null());
  EXPECT_TRUE(power["cost_per_gpu_hour_usd"].is_null());
}

TEST(PowerCostCli, ScenarioSiteKeyAndItsErrors) {
  const fs::path dir = fresh_dir("site");
  const fs::path scenario = dir / "site.yaml";
  std::ofstream(scenario) << "topology: " PODSIM_SOURCE_DIR
                             "/configs/gb200-nvl72.yaml\n"
                             "workload: {generator: philly, jobs: 1000, load: 0.5}\n"
                             "policies: [fcfs]\n"
                             "site: {pue: 1.1, energy_usd_per_kwh: 0.2, depreciation_years: 4}\n"
                             "output: out\n";
  const Outcome ok = podsim("run " + scenario.string());
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const auto summary = summary_of(dir / "out");
  EXPECT_EQ(summary["run"]["site.pue"], "1.1");
  EXPECT_EQ(summary["run"]["site.depreciation_years"], "4");
  EXPECT_TRUE(summary["power"]["priced"].get<bool>());

  std::ofstream(scenario) << "topology: {flat: 8}\n"
                             "workload: {generator: philly, jobs: 100}\n"
                             "site: {pue: 0.9}\n";
  const Outcome low = podsim("run " + scenario.string());
  EXPECT_EQ(low.exit_code, 2);
  EXPECT_NE(low.output.find("site.yaml:3"), std::string::npos) << low.output;
  EXPECT_NE(low.output.find("site.pue"), std::string::npos) << low.output;

  std::ofstream(scenario) << "topology: {flat: 8}\n"
                             "workload: {generator: philly, jobs: 100}\n"
                             "site: {energy_price: 0.1}\n";
  const Outcome typo = podsim("run " + scenario.string());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(
      typo.output.find("unknown key 'energy_price'; expected one of: pue, energy_usd_per_kwh"),
      std::string::npos)
      << typo.output;
  EXPECT_NE(podsim("run --pue 0.5 --jobs 10").exit_code, 0);
}

}  // namespace
