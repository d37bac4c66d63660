#pragma once
// The schedule hashes `podsim check` records beside a scenario: NAME.hashes next to NAME.yaml
// (a sidecar, so the scenario's own formatting and comments are never rewritten).
//
// Format: '#' comment lines, then one line per run, tab-separated:
//   POLICY<TAB>PLACEMENT<TAB>SEED<TAB>HASH   (short labels, see short_label(); 16 hex digits)
// in run order (policy, placement, seed as listed).
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace podsim {

using HashKey = std::tuple<std::string, std::string, std::uint64_t>;  // policy, placement, seed
using ScheduleHashes = std::map<HashKey, std::uint64_t>;

// "dir/name.hashes" for "dir/name.yaml" (or .yml; otherwise the name plus ".hashes").
std::string hash_file_path(const std::string& scenario_path);

// Reads a hash file; an absent file gives an empty map. Throws InputError naming the line of
// a malformed entry or a repeated key.
ScheduleHashes read_schedule_hashes(const std::string& path);

// Writes `lines` (already in run order) through a temporary file renamed into place.
struct HashLine {
  std::string policy;
  std::string placement;
  std::uint64_t seed = 0;
  std::uint64_t hash = 0;
};
void write_schedule_hashes(const std::string& path, const std::string& scenario_name,
                           const std::vector<HashLine>& lines);

}  // namespace podsim
