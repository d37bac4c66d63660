// Summary metrics computed by hand.
#include "metrics/summary.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

JobRecord ran(const std::string& user, std::int64_t submit_s, std::int64_t start_s,
              std::int64_t end_s, int gpus) {
  JobRecord record;
  record.user = user;
  record.submit = from_seconds(submit_s);
  record.start = from_seconds(start_s);
  record.end = from_seconds(end_s);
  record.service = record.end - record.start;
  record.work_done = record.service;
  record.gpus = gpus;
  record.nodes = 1;
  record.state = "completed";
  return record;
}

TEST(Describe, NearestRankPercentiles) {
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);
  const Distribution d = describe(values);
  EXPECT_DOUBLE_EQ(d.mean, 50.5);
  EXPECT_DOUBLE_EQ(d.p50, 50);
  EXPECT_DOUBLE_EQ(d.p95, 95);
  EXPECT_DOUBLE_EQ(d.p99, 99);
  EXPECT_DOUBLE_EQ(d.max, 100);
  std::vector<double> three = {3, 1, 2};
  EXPECT_DOUBLE_EQ(describe(three).p50, 2);
  std::vector<double> none;
  EXPECT_DOUBLE_EQ(describe(none).p99, 0);
}

TEST(BoundedSlowdown, UsesTenSecondsForShortJobs) {
  EXPECT_DOUBLE_EQ(bounded_slowdown(from_seconds(90), from_seconds(10), kSlowdownBound), 10.0);
  EXPECT_DOUBLE_EQ(bounded_slowdown(from_seconds(18), from_seconds(2), kSlowdownBound), 2.0);
  EXPECT_DOUBLE_EQ(bounded_slowdown(0, from_seconds(1), kSlowdownBound), 1.0);  // never below 1
}

TEST(Summarize, CountsWaitsUtilisationAndFairness) {
  // 4 GPUs. a: 2 GPUs 0..100, no wait. b: submitted 0, 2 GPUs 0..50. c: submitted 10, runs
  // 50..100 on 2 GPUs: waits 40 s. d: rejected.
  std::vector<JobRecord> records = {ran("alice", 0, 0, 100, 2), ran("bob", 0, 0, 50, 2),
                                    ran("bob", 10, 50, 100, 2)};
  JobRecord rejected;
  rejected.state = "rejected";
  rejected.reason = "needs 8 GPUs; the machine has 4";
  records.push_back(rejected);
  const Summary s = summarize(records, TimeSeriesCollector(4));
  EXPECT_EQ(s.records, 4u);
  EXPECT_EQ(s.completed, 3u);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.rejected_by_reason.at("needs 8 GPUs; the machine has 4"), 1u);
  EXPECT_DOUBLE_EQ(s.wait_s.mean, 40.0 / 3);
  EXPECT_DOUBLE_EQ(s.wait_s.max, 40);
  EXPECT_DOUBLE_EQ(s.jct_s.mean, (100.0 + 50 + 90) / 3);
  // Busy: 2*100 + 2*50 + 2*50 = 400 GPU-s of 4 GPUs x 100 s.
  EXPECT_DOUBLE_EQ(s.utilisation, 1.0);
  EXPECT_DOUBLE_EQ(s.makespan_s, 100);
  // Slowdowns: alice 1; bob 1 and 90/50 = 1.8, mean 1.4. Jain = (1 + 1.4)^2 / (2 (1 + 1.96)).
  EXPECT_NEAR(s.bounded_slowdown.mean, (1 + 1 + 1.8) / 3, 1e-12);
  EXPECT_NEAR(s.jain_fairness, 2.4 * 2.4 / (2 * 2.96), 1e-12);
  EXPECT_DOUBLE_EQ(s.goodput, 1.0);
  EXPECT_DOUBLE_EQ(s.multi_node_share, 0.0);
}

// GPU-time past 2^63 GPU-microseconds: the 64-bit sum wrapped (util -0.153 for 16 GPUs over
// 10^12 s; 1.3e-12 instead of 0.125 for 2 GPUs over 2^63 us).
TEST(Summarize, GpuTimeBeyondSixtyFourBitsKeepsUtilisationAndGoodput) {
  const Summary one = summarize({ran("a", 0, 0, 1'000'000'000'000, 16)}, TimeSeriesCollector(1016));
  EXPECT_DOUBLE_EQ(one.utilisation, 16.0 / 1016);
  EXPECT_DOUBLE_EQ(one.goodput, 1.0);
  const Summary two = summarize({ran("a", 0, 0, 9'223'372'036'854, 2)}, TimeSeriesCollector(16));
  EXPECT_DOUBLE_EQ(two.utilisation, 0.125);
  EXPECT_DOUBLE_EQ(two.goodput, 1.0);
  // Several such jobs: the sum, not only each product, must not wrap.
  const Summary many =
      summarize({ran("a", 0, 0, 9'000'000'000'000, 8), ran("b", 0, 0, 9'000'000'000'000, 8)},
                TimeSeriesCollector(16));
  EXPECT_DOUBLE_EQ(many.utilisation, 1.0);
}

}  // namespace
}  // namespace podsim
