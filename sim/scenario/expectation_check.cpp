#include "scenario/expectation_check.hpp"

#include <fmt/format.h>

#include "scenario/confidence_interval.hpp"
#include "scenario/metric_table.hpp"

namespace podsim {
std::vector<BoundResult> check_expectations(const Scenario& scenario,
                                            const std::vector<SeedRun>& runs) {
  std::vector<BoundResult> results;
  for (const Expectation& e : scenario.expectations) {
    const SummaryMetric& metric = summary_metrics()[e.metric];
    for (std::size_t q = 0; q < scenario.placements.size(); ++q) {
      if (e.placement && *e.placement != q) continue;
      std::vector<double> values;
      for (const SeedRun& run : runs) {
        values.push_back(metric.value(outcome_of(run, scenario, e.policy, q).summary));
      }
      const MeanInterval mean = mean_ci95(values);
      BoundResult result;
      result.policy = scenario.policies[e.policy].text;
      result.placement = scenario.placements[q].text;
      result.metric = std::string(metric.name);
      result.bound = e.text();
      result.value = mean.mean;
      result.seeds = values.size();
      result.line = e.line;
      result.passed = e.holds(mean.mean);
      results.push_back(std::move(result));
    }
  }
  return results;
}

}  // namespace podsim
