#pragma once
// The summary.json a run wrote into `dir`, parsed.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/read_file.hpp"

namespace podsim::test {

inline nlohmann::json summary_of(const std::filesystem::path& dir) {
  return nlohmann::json::parse(read_file(dir / "summary.json"));
}

}  // namespace podsim::test
