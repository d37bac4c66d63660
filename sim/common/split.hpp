#pragma once
// Splitting text at a delimiter.
#include <string>
#include <string_view>
#include <vector>

namespace podsim {

// The fields of `text` between `delimiter`s, empty ones included: "a..b" at '.' gives
// {"a", "", "b"}, a trailing delimiter gives a last empty field, and "" gives {""}.
std::vector<std::string> split(std::string_view text, char delimiter);

}  // namespace podsim
