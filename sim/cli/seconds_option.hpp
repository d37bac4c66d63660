#pragma once
// A command-line option given in seconds (--unknown-runtime, --checkpoint-interval, ...).
#include <string>

#include "core/time.hpp"

namespace podsim {

// `text` as seconds >= 0 (parse_seconds); anything else is an InputError naming `flag`
// ("expected decimal seconds >= 0 (such as ...), got 'TEXT'").
Time seconds_option(const std::string& text, const char* flag);

}  // namespace podsim
