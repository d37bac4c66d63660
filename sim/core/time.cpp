#include "core/time.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace podsim {

std::optional<Time> parse_seconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  constexpr Time kLimit = std::numeric_limits<Time>::max() / 10 / kMicrosPerSecond;
  Time whole = 0;
  bool any_digit = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (whole > kLimit) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
    any_digit = true;
  }
  Time fraction = 0;
  Time scale = kMicrosPerSecond / 10;
  bool round_up = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    bool first_dropped = true;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      any_digit = true;
      if (scale > 0) {
        fraction += (text[i] - '0') * scale;
        scale /= 10;
      } else if (first_dropped) {
        round_up = text[i] >= '5';
        first_dropped = false;
      }
    }
  }
  if (!any_digit || i != text.size()) return std::nullopt;
  Time value = whole * kMicrosPerSecond + fraction + (round_up ? 1 : 0);
  return negative ? -value : value;
}

char* format_seconds_to(char* out, Time time) {
  const bool negative = time < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(time + 1)) + 1 : static_cast<std::uint64_t>(time);
  if (negative) *out++ = '-';
  const fmt::format_int whole(magnitude / kMicrosPerSecond);
  out = std::copy_n(whole.data(), whole.size(), out);
  std::uint64_t fraction = magnitude % kMicrosPerSecond;
  if (fraction == 0) return out;
  char digits[6];
  for (int i = 5; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int length = 6;
  while (digits[length - 1] == '0') --length;
  *out++ = '.';
  return std::copy_n(digits, length, out);
}

std::string format_seconds(Time time) {
  char text[kSecondsTextMax];
  return std::string(text, format_seconds_to(text, time));
}

}  // namespace podsim
