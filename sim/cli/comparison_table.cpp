#include "cli/comparison_table.hpp"

#include <fmt/format.h>

namespace podsim {

std::string format_comparison_table(const std::vector<ComparisonRow>& rows) {
  std::string text = fmt::format(
      "{:<10} {:<10} {:>8} {:>8} {:>12} {:>12} {:>10} {:>12} {:>7} {:>11} {:>9}\n", "policy",
      "placement", "ran", "rejected", "wait mean s", "wait p95 s", "bsld mean", "JCT mean s",
      "util", "makespan h", "sim ms");
  for (const ComparisonRow& row : rows) {
    const Summary& s = row.summary;
    text += fmt::format(
        "{:<10} {:<10} {:>8} {:>8} {:>12.1f} {:>12.1f} {:>10.2f} {:>12.1f} {:>7.3f} {:>11.2f} "
        "{:>9.1f}\n",
        row.policy, row.placement, s.completed + s.killed, s.rejected, s.wait_s.mean, s.wait_s.p95,
        s.bounded_slowdown.mean, s.jct_s.mean, s.utilisation, s.makespan_s / 3600.0, row.wall_ms);
  }
  return text;
}

}  // namespace podsim
