#pragma once
// Checks of numeric command-line options with messages a user can read: CLI11's own
// PositiveNumber prints its range to 300 digits ("Value 0 not in range 0.000000 to 1797693...")
// and lets inf through. These say "expected a number > 0, got '0'" and want a finite number.
#include <CLI/CLI.hpp>

namespace podsim {

// A finite number > 0.
CLI::Validator positive_number();
// A finite number >= 0.
CLI::Validator non_negative_number();

}  // namespace podsim
