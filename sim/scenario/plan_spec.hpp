#pragma once
// PlanSpec: a scenario's `plan:` block, what `podsim plan` searches (plan.hpp).
//   plan:
//     scale: topology.overrides.groups   # the scenario key that sizes the machine (default:
//                                        # groups, i.e. SUs of a SuperPOD, racks of GB200)
//     sizes: [2, 3, 4, 5, 6, 8, 10]      # candidate values of it, ascending
//     loads: [1.0, 1.5, 2.0]             # workload.load of a generator, workload.load_factor of
//                                        # a trace; absent: the workload's own
//     targets: {wait_p95_s: {max: 3600}} # metric: {min, max} on the mean over seeds
//     doubled_check: true                # rerun each answer twice as long (generators only)
//     max_nominal_load: 1.0              # sizes a generator loads this much or more are not
//                                        # run and fail: in (0, 1]; below 1 trades the sizes
//                                        # closest to saturation (the slowest runs) for time
// A scenario with `plan:` has no `sweep:` (the plan makes its own grid).
#include <string>
#include <vector>

#include "common/yaml_map.hpp"
#include "scenario/metric_bounds.hpp"

namespace podsim {

struct PlanSpec {
  std::string scale = "topology.overrides.groups";
  std::vector<std::string> sizes;  // as written, ascending numbers
  std::vector<std::string> loads;  // as written; empty: the workload's own
  std::vector<MetricBound> targets;
  bool doubled_check = true;
  double max_nominal_load = 1.0;
  int line = 0;
};

// Reads `plan:`. Throws InputError at the offending key's line.
PlanSpec parse_plan_spec(const YamlMap::Entry& entry);

}  // namespace podsim
