#pragma once
// A whole file as a string, for tests that check what was written.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace podsim::test {

// The whole file ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace podsim::test
