// The thread pool, sweeps (same bytes for any thread count), result tables and schedule hashes.
#include "scenario/sweep.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/input_error.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/result_table.hpp"
#include "scenario/schedule_hash.hpp"
#include "scenario/thread_pool.hpp"

namespace podsim {
namespace {

std::string fixture(const std::string& relative) {
  return std::string(PODSIM_FIXTURES) + "/scenario/" + relative;
}

TEST(ThreadPool, RunsEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 5}) {
    std::vector<std::atomic<int>> runs(1000);
    ThreadPool(threads).for_each_index(runs.size(), [&](std::size_t i) { ++runs[i]; });
    for (const auto& count : runs) ASSERT_EQ(count.load(), 1) << threads << " threads";
  }
  ThreadPool(3).for_each_index(0, [](std::size_t) { FAIL() << "no index to run"; });
}

TEST(ThreadPool, RethrowsTheLowestFailingIndex) {
  for (int threads : {1, 4}) {
    try {
      ThreadPool(threads).for_each_index(50, [](std::size_t i) {
        if (i == 31 || i == 7) throw std::runtime_error(std::to_string(i));
      });
      FAIL() << "expected an exception";
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "7");
    }
  }
}

std::string csv_of(const ResultTable& table) {
  std::ostringstream out;
  write_result_csv(table, out);
  return out.str();
}

TEST(Sweep, SameTableForAnyThreadCount) {
  const Plugins plugins = make_plugins();
  const Scenario scenario = load_scenario(fixture("small_sweep.yaml"), plugins);
  SweepSettings one;
  one.threads = 1;
  const SweepResult sequential = run_sweep(scenario, plugins, one);
  SweepSettings three;
  three.threads = 3;
  std::size_t last_done = 0;
  three.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(done, last_done + 1);
    EXPECT_EQ(total, 18u);  // 6 points x 3 seeds
    last_done = done;
  };
  const SweepResult parallel = run_sweep(scenario, plugins, three);
  EXPECT_EQ(last_done, 18u);

  ASSERT_TRUE(sequential.root);
  EXPECT_EQ(sequential.points, 6u);
  EXPECT_EQ(sequential.simulations, 6u * 3u * 2u);
  ASSERT_EQ(sequential.table.rows.size(), 12u);  // 6 points x 2 policies
  EXPECT_EQ(sequential.table.key_columns,
            (std::vector<std::string>{"topology.overrides.groups", "workload.load"}));
  EXPECT_EQ(sequential.table.rows[3].keys, (std::vector<std::string>{"1", "1.5"}));
  EXPECT_EQ(sequential.table.rows[3].policy, "easy");
  EXPECT_EQ(sequential.table.rows[3].metrics.front().n, 3u);
  EXPECT_EQ(csv_of(sequential.table), csv_of(parallel.table));
  EXPECT_EQ(format_result_table(sequential.table), format_result_table(parallel.table));
  // More GPUs for the same workload: the mean wait cannot grow (easy, load 1.5: 1 vs 3 pods).
  const std::size_t wait = *find_summary_metric("wait_mean_s");
  EXPECT_GE(sequential.table.rows[3].metrics[wait].mean,
            sequential.table.rows[11].metrics[wait].mean);
}

TEST(Sweep, BadPointIsTheSameErrorForAnyThreadCount) {
  const Plugins plugins = make_plugins();
  // Group counts 1 and 2 are fine; a flat pool has no groups: every point fails, the first wins.
  const Scenario scenario =
      parse_scenario("topology: {file: " + fixture("pods.yaml") +
                         "}\nworkload: {generator: philly, jobs: 50}\n"
                         "sweep:\n  topology.overrides.groups: [1, 2]\n  topology.flat: [4]\n",
                     "s.yaml", plugins);
  for (int threads : {1, 2}) {
    SweepSettings settings;
    settings.threads = threads;
    EXPECT_THROW(run_sweep(scenario, plugins, settings), InputError);
  }
}

TEST(ResultTable, TextCsvAndJson) {
  ResultTable table;
  table.scenario = "t";
  table.key_columns = {"workload.load"};
  table.shown = {*find_summary_metric("wait_mean_s")};
  Summary a, b;
  a.wait_s.mean = 10;
  b.wait_s.mean = 20;
  table.rows.push_back(
      make_row({"0.5"}, "easy", "first-fit", {summary_metric_values(a), summary_metric_values(b)}));
  const std::string text = format_result_table(table);
  EXPECT_NE(text.find("load  policy  placement  seeds  wait_mean_s"), std::string::npos) << text;
  // mean 15, half-width t(0.975; 1) * s / sqrt(2) = 12.706205 * 7.0710678 / 1.4142136 = 63.531
  EXPECT_NE(text.find("15.0 ± 63.5"), std::string::npos) << text;
  const std::string csv = csv_of(table);
  EXPECT_EQ(csv.rfind("workload.load,policy,placement,seeds,records,records_ci95,", 0), 0u) << csv;
  EXPECT_NE(csv.find("\n0.5,easy,first-fit,2,"), std::string::npos) << csv;
  std::ostringstream json;
  write_result_json(table, json);
  EXPECT_NE(json.str().find("\"workload.load\": \"0.5\""), std::string::npos) << json.str();
}

TEST(ScheduleHash, Fnv1aOfTheRecords) {
  EXPECT_EQ(schedule_hash({}), 14695981039346656037ULL);  // the FNV-1a 64 offset basis
  JobRecord record;
  record.trace_id = 1;
  record.start = 10;
  record.end = 20;
  record.state = "completed";
  const std::uint64_t hash = schedule_hash({record});
  EXPECT_EQ(hash, schedule_hash({record}));
  JobRecord later = record;
  later.start = 11;
  EXPECT_NE(hash, schedule_hash({later}));
  JobRecord killed = record;
  killed.state = "killed";
  EXPECT_NE(hash, schedule_hash({killed}));
  EXPECT_EQ(format_hash(0xabcULL), "0000000000000abc");
}

}  // namespace
}  // namespace podsim
