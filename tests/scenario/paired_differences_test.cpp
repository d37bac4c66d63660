// Paired differences over common seeds: the interval of A - B, not of A and B apart.
#include "scenario/paired_differences.hpp"

#include <gtest/gtest.h>

#include "scenario/metric_table.hpp"

namespace podsim {
namespace {

// A row whose metric `wait_mean_s` takes `waits` over the seeds (other metrics 0).
ResultRow row_of(const std::string& key, const std::string& policy,
                 const std::vector<double>& waits) {
  const std::size_t wait = *find_summary_metric("wait_mean_s");
  std::vector<std::vector<double>> per_seed;
  for (double value : waits) {
    per_seed.emplace_back(summary_metrics().size(), 0.0);
    per_seed.back()[wait] = value;
  }
  return make_row({key}, policy, "first-fit", per_seed);
}

TEST(PairedDifferences, AreTighterThanTheRowsApartWhenTheSeedsDriveTheSpread) {
  // The seeds' workloads differ wildly (100 to 900 s) but B always waits 10 s less than A.
  ResultTable table;
  table.key_columns = {"load"};
  table.shown = {*find_summary_metric("wait_mean_s")};
  table.rows = {row_of("0.9", "a", {100, 500, 900, 300}), row_of("0.9", "b", {90, 490, 890, 290}),
                row_of("0.95", "a", {1, 2, 3, 4}), row_of("0.95", "b", {2, 4, 6, 8})};
  const std::size_t wait = table.shown.front();
  EXPECT_GT(table.rows[0].metrics[wait].half_width, 300);  // the rows' own intervals overlap
  const ResultTable differences = paired_differences(table);
  ASSERT_EQ(differences.rows.size(), 2u);  // one per point: b against a
  EXPECT_DOUBLE_EQ(differences.rows[0].metrics[wait].mean, -10);
  EXPECT_NEAR(differences.rows[0].metrics[wait].half_width, 0, 1e-9);
  EXPECT_EQ(differences.rows[0].placement, "first-fit - a first-fit");
  EXPECT_EQ(differences.rows[1].keys, std::vector<std::string>{"0.95"});
  EXPECT_DOUBLE_EQ(differences.rows[1].metrics[wait].mean, 2.5);
  const std::string text = format_paired_differences(table);
  EXPECT_NE(text.find("common random numbers"), std::string::npos) << text;
  EXPECT_NE(text.find("-10.0 ± 0.0"), std::string::npos) << text;
  // One seed: no interval to give, nothing printed.
  ResultTable one;
  one.rows = {row_of("0.9", "a", {1}), row_of("0.9", "b", {2})};
  EXPECT_EQ(format_paired_differences(one), "");
}

}  // namespace
}  // namespace podsim
