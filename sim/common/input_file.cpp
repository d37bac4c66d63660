#include "common/input_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/input_error.hpp"

namespace podsim {

std::string read_input_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path, 0, "", fmt::format("cannot open: {}", std::strerror(errno)));
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw InputError(path, 0, "", "cannot read the file");
  std::string bytes = text.str();
  bytes.erase(0, bytes.size() - skip_utf8_bom(bytes).size());
  return bytes;
}

}  // namespace podsim
