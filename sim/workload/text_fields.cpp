#include "workload/text_fields.hpp"

#include <charconv>

namespace podsim {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::int64_t> parse_integer(std::string_view text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') {
    ++first;  // from_chars rejects a leading '+' but accepts '-', so "+-1" must be caught here
    if (first != last && *first == '-') return std::nullopt;
  }
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc{} || end == first) return std::nullopt;
  if (end != last) {
    if (*end != '.') return std::nullopt;
    for (++end; end != last; ++end) {
      if (*end != '0') return std::nullopt;
    }
  }
  return value;
}

bool is_number(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
  bool digits = false;
  for (; i < n && is_digit(text[i]); ++i) digits = true;
  if (i < n && text[i] == '.') {
    for (++i; i < n && is_digit(text[i]); ++i) digits = true;
  }
  if (!digits) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    bool exponent_digits = false;
    for (; i < n && is_digit(text[i]); ++i) exponent_digits = true;
    if (!exponent_digits) return false;
  }
  return i == n;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace podsim
