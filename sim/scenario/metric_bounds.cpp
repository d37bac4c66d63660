#include "scenario/metric_bounds.hpp"

#include <fmt/format.h>

#include <cmath>

#include "scenario/metric_table.hpp"

namespace podsim {

std::string MetricBound::text() const {
  if (min && max) return fmt::format("in [{}, {}]", *min, *max);
  if (min) return fmt::format(">= {}", *min);
  return fmt::format("<= {}", *max);
}

double read_number(const YamlMap::Entry& entry) {
  double value = 0;
  if (!entry.value.IsScalar() || !YAML::convert<double>::decode(entry.value, value) ||
      !std::isfinite(value)) {
    entry.place.fail(fmt::format("expected a number, found {}", yaml_found(entry.value)));
  }
  return value;
}

std::vector<MetricBound> parse_metric_bounds(const YamlMap::Entry& entry) {
  const YamlMap metrics(entry.value, entry.place, summary_metric_names(),
                        "a mapping of metric: {min: X, max: Y}");
  std::vector<MetricBound> bounds;
  for (const auto& metric : metrics.entries()) {
    const YamlMap limits(metric.value, metric.place, {"min", "max"}, "a mapping {min: X, max: Y}");
    MetricBound bound;
    bound.metric = *find_summary_metric(metric.key);
    bound.line = metric.place.line;
    if (const auto* min = limits.find("min")) bound.min = read_number(*min);
    if (const auto* max = limits.find("max")) bound.max = read_number(*max);
    if (!bound.min && !bound.max) limits.place().fail("expected 'min', 'max' or both");
    if (bound.min && bound.max && *bound.min > *bound.max) {
      limits.place().fail(fmt::format("min {} is above max {}", *bound.min, *bound.max));
    }
    bounds.push_back(bound);
  }
  return bounds;
}

}  // namespace podsim
