#pragma once
// The hardware models of a scenario's runs, as its `performance:` and `failures:` keys (and the
// matching `podsim run` flags) state them: the placement-driven performance model (DESIGN
// section 7, on by default) and node/switch failures (DESIGN section 8, off by default).
//
//   performance:                      # every key optional
//     enabled: true                   # false: every job runs at its trace speed anywhere
//     contention: true                # share uplinks among the jobs crossing them
//     default_comm_fraction: 0.1      # f of jobs with no f of their own and an unknown model
//     models: ../configs/models.yaml  # model name -> f table (default: the built-in copy)
//   failures:                         # every key optional; none given: no failures
//     node_mtbf_hours: 6300           # random node failures; 0: none
//     distribution: exponential       # or weibull
//     weibull_shape: 0.8
//     mttr_hours: 4                   # repair time of a random failure
//     checkpoint_interval_s: 3600     # of every job; 0: jobs never checkpoint
//     checkpoint_cost_s: 0            # time to write one checkpoint (FailureOptions)
//     restart_cost_s: 300             # reload and warm-up after an eviction
//     max_restarts: 100               # evictions a job survives; the next kills it
//     trace: failures.csv             # explicit failures (time_s,component,duration_s)
//   site:                             # every key optional (metrics/power_cost.hpp)
//     pue: 1.3                        # facility power / IT power
//     energy_usd_per_kwh: 0.08
//     depreciation_years: 5           # node prices (topology price_usd) spread over this
//
// Random failures are seeded by the run's seed. Relative paths resolve against the scenario.
#include <functional>
#include <optional>
#include <string>

#include "cluster/failure_model.hpp"
#include "common/yaml_map.hpp"
#include "core/time.hpp"
#include "metrics/power_cost.hpp"
#include "perf/performance_model.hpp"

namespace podsim {

struct ModelSettings {
  std::optional<PerfOptions> perf = PerfOptions{};  // nullopt: the model is off
  FailureOptions failures;                          // its seed is set per run
  SitePrices site;                                  // PUE and prices for energy and cost
};

// Turns a path as written into one usable from here (relative to the scenario file).
using PathResolver = std::function<std::string(const std::string&)>;

// Readers of the two keys, into `settings`. Unknown keys are InputErrors suggesting the
// closest; values are range-checked; a models file is read (and checked) here.
void parse_performance(const YamlMap::Entry& entry, const PathResolver& resolve,
                       ModelSettings& settings);
void parse_failures(const YamlMap::Entry& entry, const PathResolver& resolve,
                    ModelSettings& settings);
void parse_site(const YamlMap::Entry& entry, ModelSettings& settings);

// The entry's value as seconds >= 0 (parse_seconds); anything else is an InputError at the
// entry ("expected decimal seconds >= 0 (...), found ...").
Time read_seconds(const YamlMap::Entry& entry);

// "exponential" or "weibull"; anything else is an InputError at `key` suggesting the closest.
FailureDistribution parse_failure_distribution(const std::string& text, const std::string& file,
                                               int line, const std::string& key);

}  // namespace podsim
