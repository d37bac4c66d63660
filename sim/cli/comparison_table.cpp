#include "cli/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace podsim {
namespace {

std::string hours(Time time) { return fmt::format("{:.1f} h", to_seconds(time) / 3600.0); }

}  // namespace

std::string describe_window(const Summary& summary) {
  const MeasurementWindow& window = summary.window;
  if (window.whole_run) {
    return fmt::format(
        "whole run: every job counted ({}), utilisation from first submit to "
        "last end",
        summary.counted);
  }
  return fmt::format("jobs submitted {} to {} counted ({} of {}; warm-up {})", hours(window.begin),
                     hours(window.end), summary.counted, summary.completed + summary.killed,
                     window.warmup_method == "MSER-5" ? "by MSER-5" : window.warmup_method);
}

std::string format_comparison_table(const std::vector<ComparisonRow>& rows) {
  // Name columns are at least 10 wide and grow for long "name:key=value" entries.
  std::size_t policy_width = 10, placement_width = 10;
  for (const ComparisonRow& row : rows) {
    policy_width = std::max(policy_width, row.policy.size());
    placement_width = std::max(placement_width, row.placement.size() + 2);  // + " !"
  }
  // Energy and cost columns when the machine gives power (and prices).
  const bool powered = std::any_of(rows.begin(), rows.end(), [](const ComparisonRow& row) {
    return row.summary.power.modelled;
  });
  std::string text = fmt::format(
      "{:<{}} {:<{}} {:>8} {:>8} {:>8} {:>7} {:>12} {:>12} {:>10} {:>12} {:>7} {:>11}", "policy",
      policy_width, "placement", placement_width, "ran", "rejected", "counted", "load",
      "wait mean s", "wait p95 s", "bsld mean", "JCT mean s", "util", "makespan h");
  if (powered) text += fmt::format(" {:>10} {:>9} {:>8}", "energy MWh", "peak kW", "$/GPU-h");
  text += fmt::format(" {:>9}\n", "sim ms");
  for (const ComparisonRow& row : rows) {
    const Summary& s = row.summary;
    // A row whose figures are not steady state is marked; the warnings follow the table.
    const std::string placement = row.placement + (s.warnings.empty() ? "" : " !");
    text += fmt::format(
        "{:<{}} {:<{}} {:>8} {:>8} {:>8} {:>7.3f} {:>12.1f} {:>12.1f} {:>10.2f} {:>12.1f} "
        "{:>7.3f} {:>11.2f}",
        row.policy, policy_width, placement, placement_width, s.completed + s.killed, s.rejected,
        s.counted, s.offered_load, s.wait_s.mean, s.wait_s.p95, s.bounded_slowdown.mean,
        s.jct_s.mean, s.utilisation, s.makespan_s / 3600.0);
    if (powered) {
      const PowerCost& p = s.power;
      text += fmt::format(" {:>10.2f} {:>9.1f} {:>8}", p.energy_mwh, p.power_peak_kw,
                          p.priced ? fmt::format("{:.2f}", p.cost_per_gpu_hour_usd) : "-");
    }
    text += fmt::format(" {:>9.1f}\n", row.wall_ms);
  }
  return text;
}

std::string format_window_notes(const std::vector<ComparisonRow>& rows) {
  std::string text;
  const auto same_window = [&](const ComparisonRow& row) {
    return describe_window(row.summary) == describe_window(rows.front().summary);
  };
  if (!rows.empty() && std::all_of(rows.begin(), rows.end(), same_window)) {
    text += fmt::format("window:   {}\n", describe_window(rows.front().summary));
  } else {
    for (const ComparisonRow& row : rows) {
      text += fmt::format("window:   {} {}: {}\n", row.policy, row.placement,
                          describe_window(row.summary));
    }
  }
  for (const ComparisonRow& row : rows) {
    for (const std::string& warning : row.summary.warnings) {
      text += fmt::format("! {} {}: {}\n", row.policy, row.placement, warning);
    }
  }
  return text;
}

}  // namespace podsim
