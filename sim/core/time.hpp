#pragma once
// Simulated time: an integer count of microseconds, for instants and durations alike.
// Integers keep event order exact and results byte-identical; traces in (decimal) seconds are
// converted exactly by parse_seconds, never through floating point.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace podsim {

using Time = std::int64_t;

inline constexpr Time kMicrosPerSecond = 1'000'000;
inline constexpr Time kTimeInfinity = std::numeric_limits<Time>::max();

constexpr Time from_seconds(std::int64_t seconds) { return seconds * kMicrosPerSecond; }
constexpr double to_seconds(Time time) { return static_cast<double>(time) / kMicrosPerSecond; }

// t + duration (duration >= 0), kTimeInfinity where that would overflow: the end of an interval
// that starts at t.
constexpr Time saturating_add(Time t, Time duration) {
  return t > kTimeInfinity - duration ? kTimeInfinity : t + duration;
}

// Exact decimal seconds ("12", "552.21", "-1", "1e3" is rejected) to Time; digits past the
// sixth decimal are rounded half away from zero. Empty optional when `text` is not a decimal
// number or overflows.
std::optional<Time> parse_seconds(std::string_view text);
// What parse_seconds accepts (>= 0), for error messages: "expected " + kSecondsForm.
inline constexpr const char* kSecondsForm =
    "decimal seconds >= 0 (such as 90 or 1.5; no exponent; below 9.2e12)";

// Exact decimal seconds without trailing zeros: 1500000 -> "1.5", 2000000 -> "2".
std::string format_seconds(Time time);
// The same text written to `out` (room for kSecondsTextMax characters), for writers of millions
// of fields; returns the end of the text.
inline constexpr std::size_t kSecondsTextMax = 28;
char* format_seconds_to(char* out, Time time);

}  // namespace podsim
