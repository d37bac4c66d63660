// Energy and cost of a run (metrics/power_cost.hpp), worked by hand on a two-type machine.
#include <gtest/gtest.h>

#include <cmath>

#include "scenario/metric_bounds.hpp"
#include "scenario/metric_table.hpp"
#include "simulation/run_support.hpp"
#include "support/tiny_workload.hpp"
#include "topology/topology.hpp"

namespace podsim {
namespace {

// One 8-GPU node drawing 1 kW idle and 9 kW busy, one 4-GPU node drawing 0.5 kW and 2.5 kW
// whose GPUs are twice as fast. Each node is priced so that together they depreciate at
// 4 USD an hour over 5 years: (87,660 + 87,660) / (5 x 8,766 h).
constexpr const char* kMachine = R"(name: two-types
gpu_types:
  slow: {speed: 1.0}
  fast: {speed: 2.0}
node_types:
  big: {gpu_type: slow, gpus: 8, nvlink_gbps: 4800, nics: 1, nic_gbps: 200,
        idle_w: 1000, busy_w: 9000, price_usd: 87660}
  small: {gpu_type: fast, gpus: 4, nvlink_gbps: 4800, nics: 1, nic_gbps: 200,
          idle_w: 500, busy_w: 2500, price_usd: 87660}
levels:
  - {name: leaf, switches: 1}
  - {name: spine, switches: 1}
groups:
  g1: {nodes: "big1", type: big}
  g2: {nodes: "small1", type: small}
)";

SimulationResult run_on_machine(const Topology& machine, const Workload& workload) {
  SimulationOptions options;
  options.perf.reset();  // no placement slowdown: runtimes as given
  options.site = SitePrices{1.5, 0.10, 5};
  return test::run_named_with(machine, workload, "fcfs", "first-fit", options);
}

TEST(PowerCost, MatchesTheHandWorkedFigures) {
  const Topology machine = parse_topology(kMachine, "two-types");
  // Hour 0-1: the 8-GPU job on big1. Hour 1-2: it again and the 4-GPU job on small1.
  const Workload workload = test::tiny_workload({{0, 8, 7200}, {3600, 4, 3600}});
  const PowerCost p = run_on_machine(machine, workload).summary.power;
  ASSERT_TRUE(p.modelled);
  ASSERT_TRUE(p.priced);
  // IT power: 1.5 kW idle; +8 kW with big1 busy; +2 kW more with small1 busy.
  // IT energy: 9.5 kWh + 11.5 kWh = 21 kWh; facility (PUE 1.5) 31.5 kWh over 2 h.
  EXPECT_DOUBLE_EQ(p.hours, 2.0);
  EXPECT_NEAR(p.energy_mwh, 0.0315, 1e-12);
  EXPECT_NEAR(p.power_mean_kw, 15.75, 1e-9);
  EXPECT_NEAR(p.power_peak_kw, 11.5 * 1.5, 1e-9);
  EXPECT_NEAR(p.power_rated_kw, 11.5 * 1.5, 1e-9);  // here the peak had every GPU busy
  EXPECT_NEAR(p.energy_cost_usd, 3.15, 1e-9);
  EXPECT_NEAR(p.capital_cost_usd, 8.0, 1e-9);
  EXPECT_NEAR(p.cost_usd, 11.15, 1e-9);
  // 16 + 4 GPU-hours held; at speed, 16 + 8.
  EXPECT_NEAR(p.gpu_hours, 20.0, 1e-9);
  EXPECT_NEAR(p.cost_per_gpu_hour_usd, 11.15 / 20.0, 1e-9);
  EXPECT_NEAR(p.cost_per_reference_gpu_hour_usd, 11.15 / 24.0, 1e-9);
}

TEST(PowerCost, WithoutPowerInTheTopologyTheFiguresAreNotANumber) {
  const Workload workload = test::tiny_workload({{0, 8, 3600}});
  const Summary summary = run_on_machine(Topology::flat(8), workload).summary;
  EXPECT_FALSE(summary.power.modelled);
  const auto values = summary_metric_values(summary);
  for (const char* name : {"energy_mwh", "power_peak_kw", "cost_per_gpu_hour_usd"}) {
    EXPECT_TRUE(std::isnan(values[*find_summary_metric(name)])) << name;
  }
  // So no bound on them holds by accident.
  MetricBound bound;
  bound.metric = *find_summary_metric("power_peak_kw");
  bound.max = 1e9;
  EXPECT_FALSE(bound.holds(values[bound.metric]));
}

TEST(PowerCost, PerYearFiguresScaleTheWindowsRate) {
  const Topology machine = parse_topology(kMachine, "two-types");
  const Summary summary =
      run_on_machine(machine, test::tiny_workload({{0, 8, 7200}, {3600, 4, 3600}})).summary;
  const auto values = summary_metric_values(summary);
  EXPECT_NEAR(values[*find_summary_metric("energy_mwh_per_year")], 15.75 * 8.766, 1e-9);
  EXPECT_NEAR(values[*find_summary_metric("cost_usd_per_year")], 11.15 / 2.0 * 8766.0, 1e-6);
}

}  // namespace
}  // namespace podsim
