// The measurement window: bounds as written, MSER-5, windowed summaries, steady-state warnings.
#include "metrics/measurement_window.hpp"

#include <gtest/gtest.h>

#include "metrics/steady_state_checks.hpp"
#include "metrics/summary.hpp"

namespace podsim {
namespace {

constexpr Time kHour = from_seconds(3600);

TEST(WindowBound, ParsesEveryFormAndRejectsTheRest) {
  EXPECT_EQ(parse_window_bound("auto", true)->kind, WindowBound::Kind::kAuto);
  EXPECT_FALSE(parse_window_bound("auto", false));
  const auto percent = parse_window_bound("12.5%", false);
  ASSERT_TRUE(percent);
  EXPECT_EQ(percent->kind, WindowBound::Kind::kFraction);
  EXPECT_DOUBLE_EQ(percent->percent, 12.5);
  EXPECT_EQ(parse_window_bound("3600", false)->time, kHour);
  EXPECT_EQ(parse_window_bound("90s", false)->time, from_seconds(90));
  EXPECT_EQ(parse_window_bound("30m", false)->time, from_seconds(1800));
  EXPECT_EQ(parse_window_bound("1.5h", false)->time, from_seconds(5400));
  EXPECT_EQ(parse_window_bound("2d", false)->time, from_seconds(2 * 86400));
  for (const char* bad : {"", "100%", "-1%", "x%", "-5", "1e3", "3w", "h", "nan%"}) {
    EXPECT_FALSE(parse_window_bound(bad, true)) << bad;
  }
  EXPECT_EQ(parse_window_bound("2d", false)->text(), "172800");
  EXPECT_EQ(parse_window_bound("7%", false)->text(), "7%");
}

TEST(Mser, CutsAnInitialTransientAndFlagsATrend) {
  // 30 batches of a high start, then 70 around 1: the truncation lands at the transient's end.
  std::vector<double> batches;
  for (int i = 0; i < 30; ++i) batches.push_back(20.0 - 0.5 * i);
  for (int i = 0; i < 70; ++i) batches.push_back(1.0 + ((i * 7) % 5 - 2) * 0.1);
  const MserResult transient = mser_truncation(batches);
  EXPECT_TRUE(transient.settled);
  EXPECT_GE(transient.truncate, 28u);
  EXPECT_LE(transient.truncate, 31u);
  // A series that grows to the end never settles.
  std::vector<double> growing;
  for (int i = 0; i < 100; ++i) growing.push_back(i + ((i * 3) % 4) * 0.5);
  EXPECT_FALSE(mser_truncation(growing).settled);
  // A stationary one keeps everything.
  std::vector<double> flat;
  for (int i = 0; i < 100; ++i) flat.push_back(5.0 + ((i * 7) % 5 - 2));
  EXPECT_TRUE(mser_truncation(flat).settled);
  EXPECT_LE(mser_truncation(flat).truncate, 5u);
}

// A queue that holds `queued(h)` jobs during hour h of `hours`, on 4 GPUs of which `busy` work.
TimeSeriesCollector hourly_series(int hours, int busy, double (*queued)(int)) {
  TimeSeriesCollector series(4);
  for (int h = 0; h < hours; ++h) {
    series.record({h * kHour, busy, static_cast<std::uint32_t>(queued(h)), 1});
  }
  series.record({hours * kHour, 0, 0, 0});
  return series;
}

TEST(ResolveWindow, GivenFractionsAndTimesAndAuto) {
  const TimeSeriesCollector series = hourly_series(100, 2, [](int) { return 0.0; });
  const Time first = 0, last = 100 * kHour;
  const MeasurementWindow whole = resolve_window(WindowSpec::whole(), first, last, series);
  EXPECT_TRUE(whole.whole_run);
  EXPECT_TRUE(whole.counts(-5));
  WindowSpec given;
  given.whole_run = false;
  given.warmup = *parse_window_bound("10%", true);
  given.cooldown = *parse_window_bound("5h", false);
  const MeasurementWindow window = resolve_window(given, first, last, series);
  EXPECT_FALSE(window.whole_run);
  EXPECT_EQ(window.begin, 10 * kHour);
  EXPECT_EQ(window.end, 95 * kHour);
  EXPECT_EQ(window.warmup_method, "given");
  EXPECT_FALSE(window.counts(9 * kHour));
  EXPECT_TRUE(window.counts(95 * kHour));
  EXPECT_FALSE(window.counts(95 * kHour + 1));
  // A transient of 40 hours with a long queue, then a short one: MSER-5 cuts the transient.
  const TimeSeriesCollector settling =
      hourly_series(100, 2, [](int h) { return h < 40 ? 50.0 : 1.0 + h % 3; });
  const MeasurementWindow automatic =
      resolve_window(WindowSpec::automatic(), first, last, settling);
  EXPECT_EQ(automatic.warmup_method, "MSER-5");
  EXPECT_TRUE(automatic.settled);
  EXPECT_GE(automatic.begin, 39 * kHour);
  EXPECT_LE(automatic.begin, 41 * kHour);
  // Warm-up and cool-down that leave nothing are an error.
  given.warmup = *parse_window_bound("60%", true);
  given.cooldown = *parse_window_bound("50%", false);
  EXPECT_THROW(resolve_window(given, first, last, series), std::exception);
}

TEST(TimeSeries, IntegratesAndAveragesOverAWindow) {
  TimeSeriesCollector series(4);
  series.record({0, 4, 2, 1});
  series.record({10 * kHour, 1, 0, 1});
  series.record({20 * kHour, 0, 0, 0});
  const SeriesIntegrals sums = integrate(series, 5 * kHour, 15 * kHour);
  EXPECT_DOUBLE_EQ(sums.busy_gpu_time.value(), static_cast<double>(5 * 4 * kHour + 5 * kHour));
  EXPECT_EQ(sums.waiting_time, 5 * kHour);
  EXPECT_DOUBLE_EQ(sums.idle_while_waiting.value(), 0.0);  // all 4 GPUs busy while 2 waited
  const std::vector<double> averages = queue_length_averages(series, 0, 20 * kHour, 4);
  EXPECT_EQ(averages, (std::vector<double>{2, 2, 0, 0}));
  EXPECT_EQ(queue_length_averages(series, 5 * kHour, 15 * kHour, 2), (std::vector<double>{2, 0}));
}

JobRecord job(std::int64_t submit_h, std::int64_t run_h) {
  JobRecord record;
  record.user = std::string(1, 'u');  // not = "u": GCC 12 -O3 -Wrestrict false positive (GCC bug 105329)
  record.submit = submit_h * kHour;
  record.start = record.submit;
  record.end = record.start + run_h * kHour;
  record.service = record.end - record.start;
  record.work_done = record.service;
  record.gpus = 1;
  record.nodes = 1;
  record.state = "completed";
  return record;
}

TEST(Summarize, CountsOnlyTheWindowsJobsAndMeasuresUtilisationOverIt) {
  const TimeSeriesCollector series = hourly_series(100, 2, [](int) { return 0.0; });
  std::vector<JobRecord> records = {job(0, 1), job(50, 1), job(99, 1)};
  records[1].start += kHour;  // waits an hour
  records[1].end += kHour;
  WindowSpec spec;
  spec.whole_run = false;
  spec.warmup = *parse_window_bound("40h", true);
  spec.cooldown = *parse_window_bound("40h", false);
  const MeasurementWindow window = resolve_window(spec, 0, 99 * kHour, series);
  const Summary s = summarize(records, series, window);
  EXPECT_EQ(s.completed, 3u);  // counts by state: every record
  EXPECT_EQ(s.counted, 1u);
  EXPECT_DOUBLE_EQ(s.wait_s.mean, 3600);
  EXPECT_DOUBLE_EQ(s.utilisation, 0.5);  // 2 of 4 GPUs busy through the window
  const Summary whole = summarize(records, series);
  EXPECT_EQ(whole.counted, 3u);
  EXPECT_DOUBLE_EQ(whole.wait_s.mean, 1200);
}

TEST(SteadyStateWarnings, OverloadGrowthAndShortRuns) {
  const TimeSeriesCollector calm = hourly_series(100, 2, [](int h) { return 1.0 + h % 2; });
  std::vector<JobRecord> records;
  for (int h = 0; h < 100; ++h) {
    records.push_back(job(h, 2));
    records.back().counted = true;
  }
  const MeasurementWindow window = resolve_window(WindowSpec::automatic(), 0, 99 * kHour, calm);
  const auto warnings = [&](double load, const TimeSeriesCollector& series) {
    Summary summary;
    summary.window = window;
    summary.offered_load = load;
    check_steady_state(summary, records, series);
    EXPECT_EQ(summary.steady.any(), !summary.warnings.empty());
    return summary.warnings;
  };
  EXPECT_TRUE(warnings(0.8, calm).empty());
  const auto overload = warnings(1.2, calm);
  ASSERT_EQ(overload.size(), 1u);
  EXPECT_NE(overload[0].find("offered load 1.200 >= 1"), std::string::npos);
  // A queue that grows by one job an hour grows through any window.
  const TimeSeriesCollector growing = hourly_series(100, 4, [](int h) { return h * 1.0; });
  EXPECT_TRUE(queue_trend(growing, 0, 100 * kHour).grows());
  EXPECT_FALSE(queue_trend(calm, 0, 100 * kHour).grows());
  const auto grows = warnings(0.9, growing);
  ASSERT_FALSE(grows.empty());
  EXPECT_NE(grows.back().find("growing queue"), std::string::npos);
  // Jobs of 20 hours in a 99-hour window: shorter than 10 x their 99th percentile.
  for (JobRecord& record : records) record.service = 20 * kHour;
  const auto short_run = warnings(0.8, calm);
  ASSERT_EQ(short_run.size(), 1u);
  EXPECT_NE(short_run[0].find("short run"), std::string::npos);
}

}  // namespace
}  // namespace podsim
