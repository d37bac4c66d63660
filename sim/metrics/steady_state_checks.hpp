#pragma once
// Warnings that a run's figures are not the steady state a decision needs (DESIGN section 9).
// Each is a sentence for the terminal and summary.json's `warnings`; tables mark the row.
//   - offered load >= 1: the machine cannot keep up;
//   - the queue grows through the window: the Mann-Kendall trend test (Mann 1945; Kendall 1975)
//     on kTrendBatches time-averaged queue lengths, one-sided at 1% (z > 2.326), and a growth
//     (Sen's slope, Sen 1968, over the window) of at least one job and twice the standard
//     deviation of the batches: heavy-tailed runtimes make the queue bursty and its batches
//     correlated, which alone pushes z past 2.3 now and then in a stable run (easy at load 0.9
//     on the SuperPOD: z 2.9 at 200k jobs, none at 800k), while a queue growing linearly
//     through the window grows by sqrt(12) = 3.5 standard deviations of its batches;
//   - the window is shorter than kShortWindowRuntimes x the 99th-percentile run time of the
//     counted jobs: too few of the long jobs that set the queue's memory fit into it.
// MSER-5 finding its minimum in the second half (MeasurementWindow::settled false) is no
// warning of its own: a bursty queue of heavy-tailed jobs does that at loads where the queue is
// stable and neither the trend test nor a run four times as long finds growth (easy at load
// 0.9 on the SuperPOD: mean waits of 63-97 s at 200k-800k jobs, "unsettled" in each); a queue
// that really grows is what the trend test reports.
#include <string>
#include <vector>

#include "metrics/job_record.hpp"
#include "metrics/measurement_window.hpp"
#include "metrics/summary.hpp"
#include "metrics/time_series.hpp"

namespace podsim {

inline constexpr int kTrendBatches = 20;
inline constexpr double kTrendZ = 2.326;  // standard normal, one-sided 1%
inline constexpr double kShortWindowRuntimes = 10.0;

struct QueueTrend {
  double z = 0;            // Mann-Kendall statistic, normal approximation (no tie correction)
  double growth_jobs = 0;  // Sen's slope x window length: the queue's growth over the window
  double mean_queue = 0;   // time-average queued jobs over the window
  double batch_sd = 0;     // standard deviation of the batches' queue lengths
  bool grows() const;
};

// The trend of the queue length over [begin, end) (begin < end). O(points + kTrendBatches^2).
QueueTrend queue_trend(const TimeSeriesCollector& series, Time begin, Time end);

// Sets the steady-state flags and warnings of `summary`, a run measured over its window with
// its offered load (offered_load.hpp); `records` carry their counted flag.
// O(records + points).
void check_steady_state(Summary& summary, const std::vector<JobRecord>& records,
                        const TimeSeriesCollector& series);

}  // namespace podsim
