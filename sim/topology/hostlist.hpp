#pragma once
// Slurm host-list syntax: "dgx[001-032]", "a[1-3,7],b5", "rack[1-2]-gpu[01-18]".
//
// A host list is a comma-separated list of host expressions (commas inside brackets belong to
// the brackets). An expression is literal text with any number of bracket sets; a bracket set
// is a comma-separated list of numbers or ranges "lo-hi" (lo <= hi). Each range is zero-padded to
// the width of its "lo" text ("[001-032]" gives 001..032; "[8-10]" gives 8, 9, 10). Several
// bracket sets expand as a cartesian product, the rightmost varying fastest. Spaces around the
// commas between expressions are ignored; no other whitespace is allowed.
#include <cstddef>
#include <string>
#include <vector>

namespace podsim {

// The host names in order (duplicates kept). An empty or all-blank text gives no names.
// Throws InputError (no file, line 0, key "hostlist") on malformed text or when the list would
// exceed kMaxHostlistHosts names. O(output size).
std::vector<std::string> expand_hostlist(const std::string& text);

// The inverse: a host list whose expansion is exactly `names`, in the same order. Runs of
// adjacent names that differ only in their last number (same padding) merge into one bracket
// set ("a1,a2,a3,a7,b5" -> "a[1-3,7],b5"); order is never changed, so non-adjacent names are not
// merged. Throws InputError (key "hostlist") on an empty name or one holding ',', '[', ']' or
// whitespace. O(total length).
std::string compress_hostlist(const std::vector<std::string>& names);

// Guards against a typo such as "n[1-100000000]" exhausting memory.
inline constexpr std::size_t kMaxHostlistHosts = 1'000'000;

}  // namespace podsim
