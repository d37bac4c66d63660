#pragma once
// Reading a policy's declared parameters in its factory. Factories are also called with an empty
// ParamValues{} (tests, benchmarks, the invariants suite), so every factory completes what it is
// given with the declared defaults, and validates it, through this one function.
#include <string>
#include <vector>

#include "common/params.hpp"

namespace podsim {

// `given` checked against `specs` with every missing key at its declared default. Throws
// InputError (key "policy NAME.key") on unknown keys or badly typed values.
inline ParamValues with_defaults(const std::vector<ParamSpec>& specs, const ParamValues& given,
                                 const std::string& policy_name) {
  return ParamValues::parse(specs, given.all(), "policy " + policy_name);
}

}  // namespace podsim
