#pragma once
// Closest-name suggestions for typos in keys and plug-in names ("did you mean ...?").
#include <string>
#include <string_view>
#include <vector>

namespace podsim {

// Edit distance counting an adjacent transposition as one edit (optimal string alignment:
// "sfw" is 1 from "swf", 2 from "sia"); O(|a| * |b|) time, O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is plausibly a typo (distance <= max(2, |word|/3)),
// else an empty string.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" — ready to append to an error message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace podsim
