#pragma once
// MetricBound: `metric: {min: X, max: Y}`, the form of a scenario's `expect:` bounds and of a
// plan's `targets:`. A bound holds the mean over seeds of a summary metric (metric_table.hpp).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml_map.hpp"

namespace podsim {

struct MetricBound {
  std::size_t metric = 0;  // index into summary_metrics()
  std::optional<double> min;
  std::optional<double> max;
  int line = 0;  // of the metric in the scenario file

  bool holds(double value) const { return (!min || value >= *min) && (!max || value <= *max); }
  // "<= 3600", ">= 0.5", "in [1, 2]".
  std::string text() const;
};

// Reads a mapping of metric: {min, max}. Unknown metrics and keys are InputErrors suggesting
// the closest; min above max is one too.
std::vector<MetricBound> parse_metric_bounds(const YamlMap::Entry& entry);

// The entry as a finite number, else an InputError at it.
double read_number(const YamlMap::Entry& entry);

}  // namespace podsim
