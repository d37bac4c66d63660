#include "metrics/steady_state_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace podsim {
namespace {

std::string hours(Time time) { return fmt::format("{:.1f} h", to_seconds(time) / 3600.0); }

}  // namespace

bool QueueTrend::grows() const {
  return z > kTrendZ && growth_jobs >= std::max(1.0, 2.0 * batch_sd);
}

QueueTrend queue_trend(const TimeSeriesCollector& series, Time begin, Time end) {
  const std::vector<double> y = queue_length_averages(series, begin, end, kTrendBatches);
  const std::size_t n = y.size();
  QueueTrend trend;
  double sum = 0;
  for (double value : y) sum += value;
  trend.mean_queue = sum / static_cast<double>(n);
  double squares = 0;
  for (double value : y) squares += (value - trend.mean_queue) * (value - trend.mean_queue);
  trend.batch_sd = std::sqrt(squares / static_cast<double>(n - 1));
  // Mann-Kendall S: concordant minus discordant pairs; Var S = n(n-1)(2n+5)/18 without ties
  // (ties, such as batches of an empty queue, only make the test more cautious).
  double s = 0;
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      s += (y[j] > y[i]) - (y[j] < y[i]);
      slopes.push_back((y[j] - y[i]) / static_cast<double>(j - i));
    }
  }
  const auto count = static_cast<double>(n);
  const double variance = count * (count - 1) * (2 * count + 5) / 18.0;
  // Continuity correction, as Kendall gives it.
  if (s > 0) trend.z = (s - 1) / std::sqrt(variance);
  if (s < 0) trend.z = (s + 1) / std::sqrt(variance);
  // Sen's slope: the median of the pairwise slopes, per batch; times n batches = the window.
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(slopes.size() / 2),
                   slopes.end());
  trend.growth_jobs = slopes[slopes.size() / 2] * count;
  return trend;
}

void check_steady_state(Summary& summary, const std::vector<JobRecord>& records,
                        const TimeSeriesCollector& series) {
  const MeasurementWindow& window = summary.window;
  const double offered_load = summary.offered_load;
  SteadyStateFlags& flags = summary.steady;
  std::vector<std::string>& warnings = summary.warnings;
  flags = {};
  warnings.clear();
  if (offered_load >= 1.0) {
    flags.overload = true;
    warnings.push_back(fmt::format(
        "overload: offered load {:.3f} >= 1: the machine cannot keep up, the queue grows "
        "without bound and no run length gives a steady state",
        offered_load));
  }
  if (window.length() > 0) {
    const QueueTrend trend = queue_trend(series, window.begin, window.end);
    if (trend.grows()) {
      flags.growing_queue = true;
      warnings.push_back(fmt::format(
          "growing queue: the queue grows through the window (Mann-Kendall z = {:.1f}, +{:.0f} "
          "jobs over {}, mean {:.1f} queued): not a steady state",
          trend.z, trend.growth_jobs, hours(window.length()), trend.mean_queue));
    }
  }
  std::vector<Time> runs;
  for (const JobRecord& record : records) {
    if (record.counted) runs.push_back(record.run());
  }
  if (!runs.empty()) {
    // Nearest rank, as the summary's percentiles.
    const std::size_t rank =
        static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(runs.size()))) - 1;
    std::nth_element(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(rank), runs.end());
    const Time p99 = runs[rank];
    const Time length = window.length();
    if (static_cast<double>(length) < kShortWindowRuntimes * static_cast<double>(p99)) {
      flags.short_run = true;
      warnings.push_back(fmt::format(
          "short run: the {} {} is shorter than {:g} x the 99th-percentile run time ({}): too "
          "short for this workload's long jobs (run longer: more --jobs or --days)",
          window.whole_run ? "arrival span" : "window", hours(length), kShortWindowRuntimes,
          hours(p99)));
    }
  }
}

}  // namespace podsim
