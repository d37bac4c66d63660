#include "cli/output_paths.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/input_error.hpp"

namespace podsim {

namespace fs = std::filesystem;

void prepare_output_dir(const std::string& dir, const std::string& flag) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw InputError(dir, 0, flag, "cannot create the output folder: " + error.message());
  if (!fs::is_directory(dir)) {
    throw InputError(dir, 0, flag, "cannot create the output folder: a file has that name");
  }
}

void prepare_output_file(const std::string& path, const std::string& flag) {
  if (fs::is_directory(path)) throw InputError(path, 0, flag, "is a folder, not a file");
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) prepare_output_dir(parent.string(), flag);
  const std::string probe = path + ".partial";
  if (!std::ofstream(probe, std::ios::app)) throw InputError(path, 0, flag, "cannot be written");
  std::remove(probe.c_str());
}

}  // namespace podsim
