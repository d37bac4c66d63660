#include "common/input_error.hpp"

#include <fmt/format.h>

namespace podsim {
namespace {

std::string format_what(const std::string& file, int line, const std::string& key,
                        const std::string& message) {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}", line);
  if (!key.empty()) where += where.empty() ? key : ": " + key;
  return where.empty() ? message : where + ": " + message;
}

}  // namespace

InputError::InputError(std::string file, int line, std::string key, std::string message)
    : std::runtime_error(format_what(file, line, key, message)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace podsim
