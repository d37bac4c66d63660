#include "cli/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace podsim {

std::string format_comparison_table(const std::vector<ComparisonRow>& rows) {
  // Name columns are at least 10 wide and grow for long "name:key=value" entries.
  std::size_t policy_width = 10, placement_width = 10;
  for (const ComparisonRow& row : rows) {
    policy_width = std::max(policy_width, row.policy.size());
    placement_width = std::max(placement_width, row.placement.size());
  }
  std::string text = fmt::format(
      "{:<{}} {:<{}} {:>8} {:>8} {:>12} {:>12} {:>10} {:>12} {:>7} {:>11} {:>9}\n", "policy",
      policy_width, "placement", placement_width, "ran", "rejected", "wait mean s", "wait p95 s",
      "bsld mean", "JCT mean s", "util", "makespan h", "sim ms");
  for (const ComparisonRow& row : rows) {
    const Summary& s = row.summary;
    text += fmt::format(
        "{:<{}} {:<{}} {:>8} {:>8} {:>12.1f} {:>12.1f} {:>10.2f} {:>12.1f} {:>7.3f} {:>11.2f} "
        "{:>9.1f}\n",
        row.policy, policy_width, row.placement, placement_width, s.completed + s.killed,
        s.rejected, s.wait_s.mean, s.wait_s.p95, s.bounded_slowdown.mean, s.jct_s.mean,
        s.utilisation, s.makespan_s / 3600.0, row.wall_ms);
  }
  return text;
}

}  // namespace podsim
