#include "metrics/time_series.hpp"

#include <algorithm>

namespace podsim {

void TimeSeriesCollector::observe(const Cluster& cluster, Time now) {
  TimeSeriesPoint point{now,
                        cluster.busy_gpus(),
                        static_cast<std::uint32_t>(cluster.queue().size()),
                        static_cast<std::uint32_t>(cluster.running().size()),
                        0,
                        0};
  const Topology& topology = cluster.topology();
  const auto& busy = cluster.busy_by_node_type();
  for (std::size_t t = 0; t < busy.size(); ++t) {  // a few node types: O(1) in practice
    const NodeType& type = topology.node_types()[t];
    const NodeCosts& costs = type.costs;
    point.power_w += type.nodes * costs.idle_w +
                     (costs.busy_w - costs.idle_w) * busy[t] / static_cast<double>(type.gpus);
    point.busy_reference_gpus += busy[t] * topology.gpu_types()[type.gpu_type].speed;
  }
  record(point);
}

void TimeSeriesCollector::record(const TimeSeriesPoint& point) {
  const Time now = point.time;
  if (!points_.empty()) {
    const TimeSeriesPoint& last = points_.back();
    if (last.busy_gpus == point.busy_gpus && last.queued == point.queued &&
        last.running == point.running && last.power_w == point.power_w &&
        last.busy_reference_gpus == point.busy_reference_gpus) {
      return;
    }
    const Time elapsed = now - last.time;
    if (last.queued > 0) {
      idle_waiting_integral_.add(total_gpus_ - last.busy_gpus, elapsed);
      waiting_time_ += elapsed;
    }
    if (last.time == now) {
      points_.back() = point;  // several passes at one instant: keep the last state only
      return;
    }
  }
  points_.push_back(point);
}

}  // namespace podsim

namespace podsim {
namespace {

// Calls visit(from, to, point) for each stretch of [begin, end) during which `point` held.
template <typename Visit>
void for_each_stretch(const std::vector<TimeSeriesPoint>& points, Time begin, Time end,
                      Visit&& visit) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Time from = std::max(points[i].time, begin);
    const Time to = std::min(i + 1 < points.size() ? points[i + 1].time : kTimeInfinity, end);
    if (i + 1 < points.size() && points[i + 1].time <= begin) continue;
    if (from >= end) break;
    if (to > from) visit(from, to, points[i]);
  }
}

}  // namespace

SeriesIntegrals integrate(const TimeSeriesCollector& series, Time begin, Time end) {
  SeriesIntegrals sums;
  const int total = series.total_gpus();
  for_each_stretch(series.points(), begin, end,
                   [&](Time from, Time to, const TimeSeriesPoint& point) {
                     sums.busy_gpu_time.add(point.busy_gpus, to - from);
                     const auto length = static_cast<double>(to - from);
                     sums.energy_w_us += point.power_w * length;
                     sums.peak_power_w = std::max(sums.peak_power_w, point.power_w);
                     sums.busy_reference_gpu_time += point.busy_reference_gpus * length;
                     if (point.queued > 0) {
                       sums.idle_while_waiting.add(total - point.busy_gpus, to - from);
                       sums.waiting_time += to - from;
                     }
                   });
  return sums;
}

std::vector<double> queue_length_averages(const TimeSeriesCollector& series, Time begin, Time end,
                                          int slices) {
  const Time span = end - begin;
  const auto n = static_cast<Time>(slices);
  // Slice k begins at begin + k * span / n, computed without overflow.
  const auto boundary = [&](Time k) { return begin + span / n * k + span % n * k / n; };
  std::vector<double> averages(static_cast<std::size_t>(slices), 0.0);
  const std::vector<TimeSeriesPoint>& points = series.points();
  std::size_t slice = 0;
  for_each_stretch(points, begin, end, [&](Time from, Time to, const TimeSeriesPoint& point) {
    while (from < to) {
      while (boundary(static_cast<Time>(slice) + 1) <= from) ++slice;
      const Time slice_end = boundary(static_cast<Time>(slice) + 1);
      const Time piece_end = std::min(to, slice_end);
      averages[slice] += static_cast<double>(point.queued) * static_cast<double>(piece_end - from);
      from = piece_end;
    }
  });
  for (std::size_t k = 0; k < averages.size(); ++k) {
    const Time length = boundary(static_cast<Time>(k) + 1) - boundary(static_cast<Time>(k));
    averages[k] = length > 0 ? averages[k] / static_cast<double>(length) : 0.0;
  }
  return averages;
}

}  // namespace podsim
