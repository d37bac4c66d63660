#include "common/input_error.hpp"

#include <fmt/format.h>

namespace podsim {
namespace {

// Control characters (a NUL read from a damaged trace, say) written as \xNN: what() is printed
// as a C string, and a NUL cut the message short.
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t') {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_what(const std::string& file, int line, const std::string& key,
                        const std::string& message) {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}", line);
  if (!key.empty()) where += where.empty() ? key : ": " + key;
  return printable(where.empty() ? message : where + ": " + message);
}

}  // namespace

InputError::InputError(std::string file, int line, std::string key, std::string message)
    : std::runtime_error(format_what(file, line, key, message)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace podsim
