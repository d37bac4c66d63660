#pragma once
// Reading a policy's declared parameters in its factory. Factories are also called with an empty
// ParamValues{} (tests, benchmarks, the invariants suite), so every factory first completes what
// it is given with the declared defaults, and validates it, through complete_params
// (common/params.hpp), with the context "policy NAME"; the checks of ranges follow here.
#include <cmath>
#include <string>

#include "common/input_error.hpp"
#include "common/params.hpp"
#include "core/time.hpp"

namespace podsim {

// A real parameter in seconds (`key`, named *_s) as Time (microseconds, rounded). Throws
// InputError (key "<context>.<key>", e.g. "policy las.restore_s") unless 0 <= seconds <= 1e12.
inline Time seconds_param(const ParamValues& values, const std::string& key,
                          const std::string& context) {
  const double seconds = values.real(key);
  if (!(seconds >= 0) || seconds > 1e12) {
    throw InputError("", 0, context + "." + key,
                     "expected seconds >= 0, got '" + values.text(key) + "'");
  }
  return static_cast<Time>(std::llround(seconds * static_cast<double>(kMicrosPerSecond)));
}

}  // namespace podsim
