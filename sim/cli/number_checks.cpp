#include "cli/number_checks.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace podsim {
namespace {

CLI::Validator finite_above(bool or_equal) {
  const std::string bound = or_equal ? ">= 0" : "> 0";
  return CLI::Validator(
      [or_equal, bound](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool whole = !text.empty() && end == text.c_str() + text.size();
        if (whole && std::isfinite(value) && (or_equal ? value >= 0 : value > 0)) return {};
        return "expected a number " + bound + ", got '" + text + "'";
      },
      "NUMBER " + bound, or_equal ? "non-negative number" : "positive number");
}

}  // namespace

CLI::Validator positive_number() { return finite_above(false); }

CLI::Validator non_negative_number() { return finite_above(true); }

}  // namespace podsim
