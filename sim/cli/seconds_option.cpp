#include "cli/seconds_option.hpp"

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace podsim {

Time seconds_option(const std::string& text, const char* flag) {
  const auto seconds = parse_seconds(text);
  if (!seconds || *seconds < 0) {
    throw InputError("", 0, flag, fmt::format("expected {}, got '{}'", kSecondsForm, text));
  }
  return *seconds;
}

}  // namespace podsim
