#include "metrics/time_series.hpp"

namespace podsim {

void TimeSeriesCollector::observe(const Cluster& cluster, Time now) {
  const TimeSeriesPoint point{now, cluster.busy_gpus(),
                              static_cast<std::uint32_t>(cluster.queue().size()),
                              static_cast<std::uint32_t>(cluster.running().size())};
  if (!points_.empty()) {
    const TimeSeriesPoint& last = points_.back();
    if (last.busy_gpus == point.busy_gpus && last.queued == point.queued &&
        last.running == point.running) {
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
