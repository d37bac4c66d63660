#pragma once
// Small exact parsers for the text fields of trace files, shared by the readers. They never go
// through floating point for values that must be exact (times use parse_seconds in core/time.hpp)
// and never allocate. All are O(length of the text).
#include <cstdint>
#include <optional>
#include <string_view>

namespace podsim {

// A decimal integer with optional sign. A fractional part of zeros is accepted ("8.00" -> 8),
// since some traces print integral fields that way; "8.5", "", "1e3" and overflow give nullopt.
std::optional<std::int64_t> parse_integer(std::string_view text);

// True when `text` is a decimal number: optional sign, digits with an optional fraction, and an
// optional exponent ("552.21", "-1", ".5", "1e-3"). "nan", "inf" and "" are not numbers.
bool is_number(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace podsim
