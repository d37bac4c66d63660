#pragma once
// TimeSeriesCollector: busy GPUs, queue length, running jobs and power at every change point, plus
// the time integrals that summary metrics need (busy GPU-time, free-GPU-time while jobs wait). It
// observes the cluster after each scheduling pass; it never changes anything.
#include <cstdint>
#include <vector>

#include "cluster/cluster.hpp"
#include "metrics/gpu_time_sum.hpp"

namespace podsim {

struct TimeSeriesPoint {
  Time time = 0;
  int busy_gpus = 0;
  std::uint32_t queued = 0;
  std::uint32_t running = 0;
  // The machine's IT power (every node at idle_w plus its busy GPUs' share of busy_w - idle_w;
  // 0 when the topology gives no power) and its busy GPUs counted at their types' speed.
  double power_w = 0;
  double busy_reference_gpus = 0;
};

class TimeSeriesCollector {
 public:
  explicit TimeSeriesCollector(int total_gpus) : total_gpus_(total_gpus) {}

  // Records the state at `now` if it differs from the last point. O(1) amortised.
  void observe(const Cluster& cluster, Time now);
  // The same for a state given directly (tests, replays); times must not decrease.
  void record(const TimeSeriesPoint& point);

  const std::vector<TimeSeriesPoint>& points() const { return points_; }
  int total_gpus() const { return total_gpus_; }

  // Integral of free GPUs over the time some job was waiting (GPUs idle while work waits), in
  // GPU-microseconds, summed exactly (GpuTimeSum) and rounded once.
  double idle_while_waiting_gpu_time() const { return idle_waiting_integral_.value(); }
  // Total time during which some job was waiting.
  Time waiting_time() const { return waiting_time_; }

 private:
  int total_gpus_;
  std::vector<TimeSeriesPoint> points_;
  GpuTimeSum idle_waiting_integral_;
  Time waiting_time_ = 0;
};

// Integrals of the recorded step function over [begin, end) (each point's state holds until the
// next point; the last one's for ever). O(points).
struct SeriesIntegrals {
  GpuTimeSum busy_gpu_time;            // GPU-microseconds busy
  GpuTimeSum idle_while_waiting;       // free GPU-microseconds while some job waited
  Time waiting_time = 0;               // time during which some job waited
  double energy_w_us = 0;              // IT energy, watt-microseconds (summed in time order)
  double peak_power_w = 0;             // highest IT power that held for some time
  double busy_reference_gpu_time = 0;  // busy GPU-microseconds, each at its type's speed
};
SeriesIntegrals integrate(const TimeSeriesCollector& series, Time begin, Time end);

// The time-average number of queued jobs in each of `slices` (> 0) consecutive slices of
// [begin, end) (begin < end), of equal length up to a microsecond. O(points + slices).
std::vector<double> queue_length_averages(const TimeSeriesCollector& series, Time begin, Time end,
                                          int slices);

}  // namespace podsim
