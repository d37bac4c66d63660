#pragma once
// The measurement window (DESIGN section 9): the stretch of a run whose jobs summary metrics
// count. A run starts from an empty machine and, when arrivals stop, drains; neither is steady
// state, so metrics over the whole run depend on its length. A window cuts a warm-up from the
// start of the arrival span (first to last submit of the jobs that ran) and a cool-down from its
// end; metrics count the jobs submitted inside it, and utilisation is busy GPU-time over its
// time. Every job stays in jobs.csv, marked counted or not.
//
// The warm-up is given (a time or a fraction of the arrival span) or detected: MSER-5 (White
// 1997, "An effective truncation heuristic for bias reduction in simulation output",
// Simulation 69(6); White, Cobb & Spratt 2000) on the queue length, averaged over
// kWindowSlices equal slices of the arrival span and batched five slices a batch: the
// truncation point d minimises the squared standard error of the mean of the batches after d,
// sum_{i>d} (Y_i - mean_d)^2 / (n - d)^2. A minimum in the second half means the series never
// settled (too short, or the queue still grows): the warm-up is then the best point of the
// first half and MeasurementWindow::settled is false. Points past 3n/4 are not searched: the
// statistic of a tail of a few batches is noise (quiet last batches give almost 0), the
// end-of-run artifact of MSER that Hoad, Robinson & Davies (2010) describe.
//
// The whole run (WindowSpec::whole_run) is the default for traces: every job counts and
// utilisation spans first submit to last end, as before windows existed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "metrics/time_series.hpp"

namespace podsim {

// One end of a window: how much of the arrival span to cut there.
struct WindowBound {
  enum class Kind { kTime, kFraction, kAuto };
  Kind kind = Kind::kTime;
  Time time = 0;       // kTime: a duration >= 0
  double percent = 0;  // kFraction: share of the arrival span, percent in [0, 100)

  static WindowBound none() { return {}; }
  static WindowBound automatic() { return {Kind::kAuto, 0, 0}; }
  // As written in options and scenarios: "auto", "12.5%", "3600", "90s", "30m", "12h", "2d".
  std::string text() const;
};

// What a window bound may be, for error messages: "expected " + kWindowBoundForm.
inline constexpr const char* kWindowBoundForm =
    "auto, a percentage of the arrival span (such as 10%), or a time (such as 3600, 12h or 2d)";

// Parses the forms of WindowBound::text. `allow_auto`: whether "auto" is valid (it is for
// warm-ups only). Empty optional when the text is none of them.
std::optional<WindowBound> parse_window_bound(std::string_view text, bool allow_auto);

struct WindowSpec {
  bool whole_run = true;
  WindowBound warmup;
  WindowBound cooldown;

  static WindowSpec whole() { return {}; }
  // Warm-up by MSER-5, no cool-down: the default for synthetic workloads.
  static WindowSpec automatic() { return {false, WindowBound::automatic(), WindowBound::none()}; }
  // "whole run" or "warm-up W, cool-down C", as written in options.
  std::string text() const;
};

// Slices of the arrival span the queue length is averaged over for MSER-5 (batches of 5).
inline constexpr int kWindowSlices = 500;

struct MeasurementWindow {
  bool whole_run = true;
  Time begin = 0;  // counted: jobs submitted in [begin, end]; utilisation over [begin, end)
  Time end = 0;
  std::string warmup_method = "none";  // none, given, MSER-5
  bool settled = true;                 // MSER-5 found its point in the first half (or not used)

  bool counts(Time submit) const { return whole_run || (submit >= begin && submit <= end); }
  Time length() const { return end - begin; }
};

// The window of a run whose jobs that ran were submitted from `first_submit` to `last_submit`,
// its queue length recorded in `series`. Throws InputError when warm-up and cool-down leave
// nothing of the span. O(points + kWindowSlices).
MeasurementWindow resolve_window(const WindowSpec& spec, Time first_submit, Time last_submit,
                                 const TimeSeriesCollector& series);

// MSER truncation point of `batches`: the d in [0, n/2] minimising the standard error of the
// mean of batches d..n-1; `settled` is false when the minimum over d <= 3n/4 lies past n/2.
// O(n).
struct MserResult {
  std::size_t truncate = 0;
  bool settled = true;
};
MserResult mser_truncation(const std::vector<double>& batches);

}  // namespace podsim
