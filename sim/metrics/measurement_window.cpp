#include "metrics/measurement_window.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/input_error.hpp"

namespace podsim {
namespace {

constexpr int kMserBatch = 5;  // MSER-5: five observations a batch

struct Unit {
  char suffix;
  Time micros;
};
constexpr Unit kUnits[] = {{'s', kMicrosPerSecond},
                           {'m', 60 * kMicrosPerSecond},
                           {'h', 3600 * kMicrosPerSecond},
                           {'d', 86400 * kMicrosPerSecond}};

// How much of a span of `span` the bound cuts.
Time cut_of(const WindowBound& bound, Time span) {
  if (bound.kind == WindowBound::Kind::kFraction) {
    return static_cast<Time>(std::floor(bound.percent / 100.0 * static_cast<double>(span)));
  }
  return std::min(bound.time, span);
}

}  // namespace

std::string WindowBound::text() const {
  switch (kind) {
    case Kind::kAuto:
      return "auto";
    case Kind::kFraction:
      return fmt::format("{}%", percent);
    case Kind::kTime:
      break;
  }
  return format_seconds(time);
}

std::optional<WindowBound> parse_window_bound(std::string_view text, bool allow_auto) {
  if (text == "auto") {
    if (!allow_auto) return std::nullopt;
    return WindowBound::automatic();
  }
  if (text.empty()) return std::nullopt;
  if (text.back() == '%') {
    double percent = 0;
    const std::string_view digits = text.substr(0, text.size() - 1);
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), percent);
    if (error != std::errc() || end != digits.data() + digits.size() || !(percent >= 0.0) ||
        !(percent < 100.0)) {
      return std::nullopt;
    }
    return WindowBound{WindowBound::Kind::kFraction, 0, percent};
  }
  Time unit = kMicrosPerSecond;
  for (const Unit& candidate : kUnits) {
    if (text.back() == candidate.suffix) {
      unit = candidate.micros;
      text.remove_suffix(1);
      break;
    }
  }
  const std::optional<Time> seconds = parse_seconds(text);
  if (!seconds || *seconds < 0) return std::nullopt;
  const Time factor = unit / kMicrosPerSecond;
  if (*seconds > kTimeInfinity / factor) return std::nullopt;
  return WindowBound{WindowBound::Kind::kTime, *seconds * factor, 0};
}

std::string WindowSpec::text() const {
  if (whole_run) return "whole run";
  return fmt::format("warm-up {}, cool-down {}", warmup.text(), cooldown.text());
}

MserResult mser_truncation(const std::vector<double>& batches) {
  const std::size_t n = batches.size();
  MserResult result;
  if (n < 2) return result;
  // Suffix sums make every d's statistic O(1): sum (y - mean)^2 = sum y^2 - (sum y)^2 / m.
  std::vector<double> sum(n + 1, 0.0), squares(n + 1, 0.0);
  for (std::size_t i = n; i-- > 0;) {
    sum[i] = sum[i + 1] + batches[i];
    squares[i] = squares[i + 1] + batches[i] * batches[i];
  }
  const auto statistic = [&](std::size_t d) {
    const auto m = static_cast<double>(n - d);
    const double deviation = std::max(0.0, squares[d] - sum[d] * sum[d] / m);
    return deviation / (m * m);
  };
  // The statistic of a short tail is noise (a few quiet batches at the end give almost 0), so
  // the settled test looks no further than three quarters in: a tail of n/4 batches at least.
  std::size_t best_first_half = 0, best = 0;
  for (std::size_t d = 0; d + 1 < n && d <= 3 * n / 4; ++d) {
    const double value = statistic(d);
    if (d <= n / 2 && value < statistic(best_first_half)) best_first_half = d;
    if (value < statistic(best)) best = d;
  }
  result.truncate = best_first_half;
  result.settled = best <= n / 2;
  return result;
}

MeasurementWindow resolve_window(const WindowSpec& spec, Time first_submit, Time last_submit,
                                 const TimeSeriesCollector& series) {
  MeasurementWindow window;
  window.begin = first_submit;
  window.end = last_submit;
  const Time span = last_submit - first_submit;
  // Every arrival at one instant (or one job): there is no span to cut, so everything counts.
  if (spec.whole_run || span <= 0) return window;
  window.whole_run = false;
  if (spec.warmup.kind == WindowBound::Kind::kAuto) {
    window.warmup_method = "MSER-5";
    const std::vector<double> slices =
        queue_length_averages(series, first_submit, last_submit, kWindowSlices);
    std::vector<double> batches;
    for (std::size_t i = 0; i + kMserBatch <= slices.size(); i += kMserBatch) {
      double total = 0;
      for (std::size_t k = i; k < i + kMserBatch; ++k) total += slices[k];
      batches.push_back(total / kMserBatch);
    }
    const MserResult mser = mser_truncation(batches);
    window.settled = mser.settled;
    const auto cut_slices = static_cast<Time>(mser.truncate * kMserBatch);
    window.begin = first_submit + span / kWindowSlices * cut_slices +
                   span % kWindowSlices * cut_slices / kWindowSlices;
  } else {
    window.warmup_method =
        spec.warmup.kind == WindowBound::Kind::kTime && spec.warmup.time == 0 ? "none" : "given";
    window.begin = first_submit + cut_of(spec.warmup, span);
  }
  window.end = last_submit - cut_of(spec.cooldown, span);
  if (window.end <= window.begin) {
    throw InputError("", 0, "window",
                     fmt::format("{} leaves nothing of the arrival span ({} s)", spec.text(),
                                 format_seconds(span)));
  }
  return window;
}

}  // namespace podsim
