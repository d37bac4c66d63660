#include "metrics/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "metrics/gpu_time_sum.hpp"

namespace podsim {

Distribution describe(std::vector<double>& values) {
  Distribution result;
  if (values.empty()) return result;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double value : values) sum += value;
  const auto rank = [&](double q) {
    // Nearest rank: the smallest value with at least q of the values at or below it.
    const auto n = static_cast<double>(values.size());
    const auto index = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n))) - 1;
    return values[std::min(index, values.size() - 1)];
  };
  result.mean = sum / static_cast<double>(values.size());
  result.p50 = rank(0.50);
  result.p95 = rank(0.95);
  result.p99 = rank(0.99);
  result.max = values.back();
  return result;
}

Summary summarize(const std::vector<JobRecord>& records, const TimeSeriesCollector& series,
                  const MeasurementWindow& window) {
  Summary summary;
  summary.window = window;
  summary.records = records.size();
  summary.total_gpus = series.total_gpus();
  std::vector<double> waits, jcts, slowdowns;
  std::map<std::string, std::pair<double, std::size_t>> slowdown_by_user;
  Time first_submit = std::numeric_limits<Time>::max();
  Time last_end = std::numeric_limits<Time>::min();
  GpuTimeSum busy_gpu_us, counted_busy_gpu_us, lost_gpu_us, overhead_gpu_us, useful_gpu_us;
  double stretch_sum = 0, multi_node_stretch_sum = 0;
  std::size_t multi_node = 0, cross_group = 0;
  for (const JobRecord& record : records) {
    if (!record.ran()) {
      ++summary.rejected;
      ++summary.rejected_by_reason[record.reason];
      continue;
    }
    (record.state == "killed" ? summary.killed : summary.completed) += 1;
    first_submit = std::min(first_submit, record.submit);
    last_end = std::max(last_end, record.end);
    busy_gpu_us.add(record.gpus, record.run());
    if (!window.counts(record.submit)) continue;
    ++summary.counted;
    counted_busy_gpu_us.add(record.gpus, record.run());
    stretch_sum += record.stretch;
    if (record.nodes > 1) {
      ++multi_node;
      multi_node_stretch_sum += record.stretch;
      if (record.spread >= 1) ++cross_group;
    }
    summary.preemptions += static_cast<std::size_t>(record.preemptions);
    summary.restarts += static_cast<std::size_t>(record.restarts);
    lost_gpu_us.add(record.gpus, record.lost);
    overhead_gpu_us.add(record.gpus, record.overhead);
    useful_gpu_us.add(record.gpus, record.work_done - record.lost - record.overhead);
    waits.push_back(to_seconds(record.wait()));
    jcts.push_back(to_seconds(record.end - record.submit));
    const double slowdown = bounded_slowdown(record.wait(), record.run(), kSlowdownBound);
    slowdowns.push_back(slowdown);
    auto& [sum, count] = slowdown_by_user[record.user];
    sum += slowdown;
    ++count;
  }
  summary.wait_s = describe(waits);
  summary.jct_s = describe(jcts);
  summary.bounded_slowdown = describe(slowdowns);
  if (last_end > first_submit) {
    const Time span = last_end - first_submit;
    summary.makespan_s = to_seconds(span);
    summary.utilisation = busy_gpu_us.value() / (static_cast<double>(span) * summary.total_gpus);
  }
  const std::size_t ran = summary.counted;
  if (ran > 0) {
    summary.stretch_mean = stretch_sum / static_cast<double>(ran);
    summary.multi_node_share = static_cast<double>(multi_node) / static_cast<double>(ran);
  }
  if (multi_node > 0) {
    summary.cross_group_share = static_cast<double>(cross_group) / static_cast<double>(multi_node);
    summary.stretch_mean_multi_node = multi_node_stretch_sum / static_cast<double>(multi_node);
  }
  constexpr double kMicrosPerHour = 3600.0 * kMicrosPerSecond;
  summary.gpu_hours_lost = lost_gpu_us.value() / kMicrosPerHour;
  summary.gpu_hours_overhead = overhead_gpu_us.value() / kMicrosPerHour;
  if (counted_busy_gpu_us.positive()) {
    summary.goodput = useful_gpu_us.value() / counted_busy_gpu_us.value();
  }
  if (!window.whole_run) {
    const SeriesIntegrals window_sums = integrate(series, window.begin, window.end);
    summary.utilisation = window_sums.busy_gpu_time.value() /
                          (static_cast<double>(window.length()) * summary.total_gpus);
    if (window_sums.waiting_time > 0) {
      summary.idle_gpus_while_waiting =
          window_sums.idle_while_waiting.value() / static_cast<double>(window_sums.waiting_time);
    }
  } else if (series.waiting_time() > 0) {
    summary.idle_gpus_while_waiting =
        series.idle_while_waiting_gpu_time() / static_cast<double>(series.waiting_time());
  }
  // Jain (1984): (sum x)^2 / (n * sum x^2); 1 when every user sees the same mean slowdown.
  double sum = 0, sum_squares = 0;
  for (const auto& [user, totals] : slowdown_by_user) {
    const double mean = totals.first / static_cast<double>(totals.second);
    sum += mean;
    sum_squares += mean * mean;
  }
  if (sum_squares > 0) {
    summary.jain_fairness =
        sum * sum / (static_cast<double>(slowdown_by_user.size()) * sum_squares);
  }
  return summary;
}

}  // namespace podsim
