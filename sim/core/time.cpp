#include "core/time.hpp"

#include <fmt/format.h>

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

std::string format_seconds(Time time) {
  const bool negative = time < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(time + 1)) + 1 : static_cast<std::uint64_t>(time);
  const std::uint64_t whole = magnitude / kMicrosPerSecond;
  std::uint64_t fraction = magnitude % kMicrosPerSecond;
  std::string text = fmt::format("{}{}", negative ? "-" : "", whole);
  if (fraction != 0) {
    int digits = 6;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    text += fmt::format(".{:0{}}", fraction, digits);
  }
  return text;
}

}  // namespace podsim
