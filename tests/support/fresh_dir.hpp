#pragma once
// An empty scratch directory under the system's temporary directory, for tests that write files.
#include <filesystem>
#include <string>

namespace podsim::test {

// temp/<name>, emptied (created if missing). Each test program uses its own name prefix, so that
// CTest can run them in parallel.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace podsim::test
