#include "scenario/model_settings.hpp"

#include <fmt/format.h>

#include <vector>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "core/time.hpp"

namespace podsim {
namespace {

const std::vector<std::string> kPerformanceKeys = {"enabled", "contention", "default_comm_fraction",
                                                   "models"};
const std::vector<std::string> kFailureKeys = {
    "node_mtbf_hours",   "distribution",   "weibull_shape", "mttr_hours", "checkpoint_interval_s",
    "checkpoint_cost_s", "restart_cost_s", "max_restarts",  "trace"};
const std::vector<std::string> kSiteKeys = {"pue", "energy_usd_per_kwh", "depreciation_years"};
const std::vector<std::string> kDistributions = {"exponential", "weibull"};

Time seconds_at(const YamlMap& map, const char* key, Time fallback) {
  const auto* entry = map.find(key);
  return entry == nullptr ? fallback : read_seconds(*entry);
}

}  // namespace

Time read_seconds(const YamlMap::Entry& entry) {
  const auto seconds = entry.value.IsScalar() ? parse_seconds(entry.value.Scalar()) : std::nullopt;
  if (!seconds || *seconds < 0) {
    entry.place.fail(fmt::format("expected {}, found {}", kSecondsForm, yaml_found(entry.value)));
  }
  return *seconds;
}

void parse_performance(const YamlMap::Entry& entry, const PathResolver& resolve,
                       ModelSettings& settings) {
  const YamlMap map(entry.value, entry.place, kPerformanceKeys,
                    "{enabled: BOOL, contention: BOOL, default_comm_fraction: F, models: FILE}");
  if (!map.flag_or("enabled", true)) {
    for (const char* key : {"contention", "default_comm_fraction", "models"}) {
      if (const auto* given = map.find(key)) {
        given->place.fail("has no effect with 'enabled: false'; remove one of them");
      }
    }
    settings.perf.reset();
    return;
  }
  PerfOptions perf;
  perf.contention = map.flag_or("contention", perf.contention);
  if (const auto* models = map.find("models"))
    perf.models = CommFractions::load(resolve(read_text(*models)));
  if (const auto* fraction = map.find("default_comm_fraction")) {
    const double f = read_real(*fraction, 0.0, Bound::kInclusive);
    if (f >= 1.0) fraction->place.fail(fmt::format("expected a fraction in [0, 1), found {}", f));
    perf.default_comm_fraction = f;
    perf.models.set_default_fraction(f);  // the user's value beats the table's default
  }
  settings.perf = std::move(perf);
}

void parse_failures(const YamlMap::Entry& entry, const PathResolver& resolve,
                    ModelSettings& settings) {
  const YamlMap map(entry.value, entry.place, kFailureKeys,
                    "{node_mtbf_hours: H, checkpoint_interval_s: S, trace: FILE, ...}");
  FailureOptions& failures = settings.failures;
  failures.node_mtbf_hours = map.real_or("node_mtbf_hours", 0.0, 0.0, Bound::kInclusive);
  if (const auto* distribution = map.find("distribution")) {
    failures.distribution =
        parse_failure_distribution(read_text(*distribution), distribution->place.file,
                                   distribution->place.line, distribution->place.path);
  }
  failures.weibull_shape =
      map.real_or("weibull_shape", failures.weibull_shape, 0.0, Bound::kExclusive);
  failures.mttr_hours = map.real_or("mttr_hours", failures.mttr_hours, 0.0, Bound::kExclusive);
  failures.checkpoint_interval =
      seconds_at(map, "checkpoint_interval_s", failures.checkpoint_interval);
  failures.checkpoint_cost = seconds_at(map, "checkpoint_cost_s", failures.checkpoint_cost);
  failures.restart_cost = seconds_at(map, "restart_cost_s", failures.restart_cost);
  failures.max_restarts = map.integer_or("max_restarts", failures.max_restarts, 0);
  if (const auto* trace = map.find("trace")) failures.trace_file = resolve(read_text(*trace));
}

void parse_site(const YamlMap::Entry& entry, ModelSettings& settings) {
  const YamlMap map(entry.value, entry.place, kSiteKeys,
                    "{pue: 1.3, energy_usd_per_kwh: 0.08, depreciation_years: 5}");
  SitePrices& site = settings.site;
  site.pue = map.real_or("pue", site.pue, 1.0, Bound::kInclusive);
  site.energy_usd_per_kwh =
      map.real_or("energy_usd_per_kwh", site.energy_usd_per_kwh, 0.0, Bound::kInclusive);
  site.depreciation_years =
      map.real_or("depreciation_years", site.depreciation_years, 0.0, Bound::kExclusive);
  const std::string problem = check_site_prices(site);
  if (!problem.empty()) {
    const std::string key = problem.substr(0, problem.find(':'));
    const auto* bad = map.find(key);
    (bad != nullptr ? bad->place : entry.place).fail(problem.substr(problem.find(':') + 2));
  }
}

FailureDistribution parse_failure_distribution(const std::string& text, const std::string& file,
                                               int line, const std::string& key) {
  if (text == "exponential") return FailureDistribution::kExponential;
  if (text == "weibull") return FailureDistribution::kWeibull;
  throw InputError(file, line, key,
                   fmt::format("unknown distribution '{}'{}; valid: exponential, weibull", text,
                               did_you_mean(text, kDistributions)));
}

}  // namespace podsim
