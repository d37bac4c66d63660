#include "scenario/schedule_hash_file.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "common/split.hpp"
#include "metrics/result_files.hpp"
#include "scenario/schedule_hash.hpp"

namespace podsim {
namespace {

bool all_of_set(const std::string& text, std::string_view set) {
  return !text.empty() && text.find_first_not_of(set) == std::string::npos;
}

}  // namespace

std::string hash_file_path(const std::string& scenario_path) {
  std::filesystem::path path(scenario_path);
  const std::string extension = path.extension().string();
  if (extension == ".yaml" || extension == ".yml")
    path.replace_extension(".hashes");
  else
    path += ".hashes";
  return path.string();
}

ScheduleHashes read_schedule_hashes(const std::string& path) {
  ScheduleHashes hashes;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return hashes;
    throw InputError(path, 0, "", fmt::format("cannot open: {}", std::strerror(errno)));
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    if (++number == 1) line.erase(0, line.size() - skip_utf8_bom(line).size());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> fields = split(line, '\t');
    if (fields.size() != 4 || fields[0].empty() || fields[1].empty() ||
        !all_of_set(fields[2], "0123456789") || fields[2].size() > 19 || fields[3].size() != 16 ||
        !all_of_set(fields[3], "0123456789abcdef")) {
      throw InputError(path, number, "",
                       "expected POLICY<TAB>PLACEMENT<TAB>SEED<TAB>16 hex digits, found '" + line +
                           "' (podsim check --update rewrites this file)");
    }
    const HashKey key{fields[0], fields[1], std::stoull(fields[2])};
    if (!hashes.emplace(key, std::stoull(fields[3], nullptr, 16)).second) {
      throw InputError(path, number, "", "this policy, placement and seed are listed twice");
    }
  }
  return hashes;
}

void write_schedule_hashes(const std::string& path, const std::string& scenario_name,
                           const std::vector<HashLine>& lines) {
  write_file_atomically(path, [&](std::ostream& out) {
    fmt::print(out,
               "# podsim check: schedule hashes of scenario '{}' (FNV-1a 64 over every job "
               "record).\n# Written by `podsim check --update`; any difference fails the check "
               "with \"schedule changed\".\n# policy\tplacement\tseed\thash\n",
               scenario_name);
    for (const HashLine& line : lines) {
      fmt::print(out, "{}\t{}\t{}\t{}\n", line.policy, line.placement, line.seed,
                 format_hash(line.hash));
    }
  });
}

}  // namespace podsim
