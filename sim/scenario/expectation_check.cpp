#include "scenario/expectation_check.hpp"

#include <fmt/format.h>

#include "scenario/confidence_interval.hpp"
#include "scenario/metric_table.hpp"

namespace podsim {
namespace {

std::string describe_bound(const Expectation& e) {
  if (e.min && e.max) return fmt::format("in [{}, {}]", *e.min, *e.max);
  if (e.min) return fmt::format(">= {}", *e.min);
  return fmt::format("<= {}", *e.max);
}

}  // namespace

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
      result.bound = describe_bound(e);
      result.value = mean.mean;
      result.seeds = values.size();
      result.line = e.line;
      result.passed = (!e.min || mean.mean >= *e.min) && (!e.max || mean.mean <= *e.max);
      results.push_back(std::move(result));
    }
  }
  return results;
}

}  // namespace podsim
