#include "scenario/metric_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <limits>

#include "common/input_error.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

double as_double(std::size_t count) { return static_cast<double>(count); }

double powered(const Summary& s, double value) {
  return s.power.modelled ? value : std::numeric_limits<double>::quiet_NaN();
}

// A cost is complete only with both the energy and the capital part.
double priced(const Summary& s, double value) {
  return s.power.modelled && s.power.priced ? value : std::numeric_limits<double>::quiet_NaN();
}

constexpr std::array kMetrics = {
    SummaryMetric{"records", "input records (run or rejected)", 0,
                  [](const Summary& s) { return as_double(s.records); }},
    SummaryMetric{"ran", "jobs that ran (completed or killed)", 0,
                  [](const Summary& s) { return as_double(s.completed + s.killed); }},
    SummaryMetric{"completed", "jobs that completed", 0,
                  [](const Summary& s) { return as_double(s.completed); }},
    SummaryMetric{"killed", "jobs killed at their walltime", 0,
                  [](const Summary& s) { return as_double(s.killed); }},
    SummaryMetric{"rejected", "records that could not run", 0,
                  [](const Summary& s) { return as_double(s.rejected); }},
    SummaryMetric{"counted", "jobs counted: ran and submitted inside the measurement window", 0,
                  [](const Summary& s) { return as_double(s.counted); }},
    SummaryMetric{"offered_load",
                  "GPU-time demanded per unit time / capacity at the GPUs' speeds, over the "
                  "window",
                  3, [](const Summary& s) { return s.offered_load; }},
    SummaryMetric{"warnings", "steady-state warnings of the run (0: none)", 0,
                  [](const Summary& s) { return as_double(s.warnings.size()); }},
    SummaryMetric{"overload", "1 when the offered load is >= 1", 2,
                  [](const Summary& s) { return s.steady.overload ? 1.0 : 0.0; }},
    SummaryMetric{"growing_queue", "1 when the queue grows through the window", 2,
                  [](const Summary& s) { return s.steady.growing_queue ? 1.0 : 0.0; }},
    SummaryMetric{"short_run", "1 when the window is shorter than 10 x the p99 run time", 2,
                  [](const Summary& s) { return s.steady.short_run ? 1.0 : 0.0; }},
    SummaryMetric{"wait_mean_s", "mean wait, seconds", 1,
                  [](const Summary& s) { return s.wait_s.mean; }},
    SummaryMetric{"wait_p50_s", "median wait, seconds", 1,
                  [](const Summary& s) { return s.wait_s.p50; }},
    SummaryMetric{"wait_p95_s", "95th percentile wait, seconds", 1,
                  [](const Summary& s) { return s.wait_s.p95; }},
    SummaryMetric{"wait_p99_s", "99th percentile wait, seconds", 1,
                  [](const Summary& s) { return s.wait_s.p99; }},
    SummaryMetric{"wait_max_s", "longest wait, seconds", 1,
                  [](const Summary& s) { return s.wait_s.max; }},
    SummaryMetric{"jct_mean_s", "mean job completion time (end - submit), seconds", 1,
                  [](const Summary& s) { return s.jct_s.mean; }},
    SummaryMetric{"jct_p50_s", "median job completion time, seconds", 1,
                  [](const Summary& s) { return s.jct_s.p50; }},
    SummaryMetric{"jct_p95_s", "95th percentile job completion time, seconds", 1,
                  [](const Summary& s) { return s.jct_s.p95; }},
    SummaryMetric{"jct_p99_s", "99th percentile job completion time, seconds", 1,
                  [](const Summary& s) { return s.jct_s.p99; }},
    SummaryMetric{"jct_max_s", "longest job completion time, seconds", 1,
                  [](const Summary& s) { return s.jct_s.max; }},
    SummaryMetric{"bsld_mean", "mean bounded slowdown (10 s bound)", 2,
                  [](const Summary& s) { return s.bounded_slowdown.mean; }},
    SummaryMetric{"bsld_p50", "median bounded slowdown", 2,
                  [](const Summary& s) { return s.bounded_slowdown.p50; }},
    SummaryMetric{"bsld_p95", "95th percentile bounded slowdown", 2,
                  [](const Summary& s) { return s.bounded_slowdown.p95; }},
    SummaryMetric{"bsld_p99", "99th percentile bounded slowdown", 2,
                  [](const Summary& s) { return s.bounded_slowdown.p99; }},
    SummaryMetric{"bsld_max", "largest bounded slowdown", 2,
                  [](const Summary& s) { return s.bounded_slowdown.max; }},
    SummaryMetric{
        "utilisation",
        "busy GPU-time / installed GPU-time (down GPUs count idle) over the window (whole run: "
        "first submit to last end)",
        3, [](const Summary& s) { return s.utilisation; }},
    SummaryMetric{"makespan_s", "first submit to last end, seconds", 0,
                  [](const Summary& s) { return s.makespan_s; }},
    SummaryMetric{"jain_fairness", "Jain's index over users' mean bounded slowdown", 3,
                  [](const Summary& s) { return s.jain_fairness; }},
    SummaryMetric{"idle_gpus_waiting", "mean free GPUs while some job waited (fragmentation)", 1,
                  [](const Summary& s) { return s.idle_gpus_while_waiting; }},
    SummaryMetric{"total_gpus", "GPUs of the machine", 0,
                  [](const Summary& s) { return static_cast<double>(s.total_gpus); }},
    SummaryMetric{"stretch_mean",
                  "mean time running / work done over jobs that ran (1: no slowdown)", 3,
                  [](const Summary& s) { return s.stretch_mean; }},
    SummaryMetric{"stretch_mean_multi_node", "mean stretch of the jobs placed on several nodes", 3,
                  [](const Summary& s) { return s.stretch_mean_multi_node; }},
    SummaryMetric{"multi_node_share", "share of the jobs that ran placed on more than one node", 3,
                  [](const Summary& s) { return s.multi_node_share; }},
    SummaryMetric{"cross_group_share",
                  "share of multi-node jobs spanning first-level groups (SUs, racks)", 3,
                  [](const Summary& s) { return s.cross_group_share; }},
    SummaryMetric{"preemptions", "times a policy preempted a running job", 0,
                  [](const Summary& s) { return static_cast<double>(s.preemptions); }},
    SummaryMetric{"restarts", "times a failure evicted a running job", 0,
                  [](const Summary& s) { return static_cast<double>(s.restarts); }},
    SummaryMetric{"gpu_hours_lost", "GPU-hours of work redone after failures", 1,
                  [](const Summary& s) { return s.gpu_hours_lost; }},
    SummaryMetric{"gpu_hours_overhead", "GPU-hours of restore and restart costs", 1,
                  [](const Summary& s) { return s.gpu_hours_overhead; }},
    SummaryMetric{"goodput", "GPU-time of trace work / GPU-time spent running", 3,
                  [](const Summary& s) { return s.goodput; }},
    // Power and cost (metrics/power_cost.hpp): NaN when the topology does not give them, so no
    // bound on them passes by accident.
    SummaryMetric{"energy_mwh", "facility energy over the window (IT x PUE), MWh", 2,
                  [](const Summary& s) { return powered(s, s.power.energy_mwh); }},
    // Per year at the window's rate: windows differ in length, years do not.
    SummaryMetric{"energy_mwh_per_year", "facility energy per year at the window's mean power", 0,
                  [](const Summary& s) { return powered(s, s.power.power_mean_kw * 8.766); }},
    SummaryMetric{"cost_usd_per_year", "energy plus depreciation per year at the window's rate", 0,
                  [](const Summary& s) {
                    return priced(s, s.power.hours > 0
                                         ? s.power.cost_usd / s.power.hours * 365.25 * 24
                                         : 0.0);
                  }},
    SummaryMetric{"power_mean_kw", "mean facility power over the window, kW", 1,
                  [](const Summary& s) { return powered(s, s.power.power_mean_kw); }},
    SummaryMetric{"power_peak_kw", "highest facility power over the window, kW", 1,
                  [](const Summary& s) { return powered(s, s.power.power_peak_kw); }},
    SummaryMetric{"cost_usd", "energy plus depreciation over the window, USD", 0,
                  [](const Summary& s) { return priced(s, s.power.cost_usd); }},
    SummaryMetric{"cost_per_gpu_hour_usd", "cost / GPU-hours held by jobs in the window, USD", 3,
                  [](const Summary& s) { return priced(s, s.power.cost_per_gpu_hour_usd); }},
    SummaryMetric{
        "cost_per_ref_gpu_hour_usd",
        "cost / GPU-hours held, each at its GPU type's speed (work delivered), USD", 3,
        [](const Summary& s) { return priced(s, s.power.cost_per_reference_gpu_hour_usd); }},
};

std::vector<std::size_t> indices_of(std::initializer_list<std::string_view> names) {
  std::vector<std::size_t> result;
  for (std::string_view name : names) result.push_back(*find_summary_metric(name));
  return result;
}

}  // namespace

std::span<const SummaryMetric> summary_metrics() { return kMetrics; }

std::vector<std::string> summary_metric_names() {
  std::vector<std::string> names;
  names.reserve(kMetrics.size());
  for (const SummaryMetric& metric : kMetrics) names.emplace_back(metric.name);
  return names;
}

std::optional<std::size_t> find_summary_metric(std::string_view name) {
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    if (kMetrics[i].name == name) return i;
  }
  return std::nullopt;
}

std::size_t summary_metric_index(std::string_view name, const std::string& file, int line,
                                 const std::string& key) {
  if (auto index = find_summary_metric(name)) return *index;
  const std::vector<std::string> names = summary_metric_names();
  throw InputError(file, line, key,
                   fmt::format("unknown metric '{}'{}; valid: {}", name, did_you_mean(name, names),
                               fmt::join(names, ", ")));
}

std::vector<double> summary_metric_values(const Summary& summary) {
  std::vector<double> values;
  values.reserve(kMetrics.size());
  for (const SummaryMetric& metric : kMetrics) values.push_back(metric.value(summary));
  return values;
}

std::vector<std::size_t> default_compare_metrics() {
  return indices_of({"ran", "rejected", "wait_mean_s", "wait_p95_s", "bsld_mean", "jct_mean_s",
                     "utilisation", "makespan_s"});
}

std::vector<std::size_t> default_sweep_metrics() {
  return indices_of({"wait_mean_s", "wait_p95_s", "bsld_mean", "utilisation"});
}

std::string summary_metrics_help() {
  std::string text;
  for (const SummaryMetric& metric : kMetrics) {
    text += fmt::format("  {:<18} {}\n", metric.name, metric.description);
  }
  return text;
}

}  // namespace podsim
