#pragma once
// InputError: the one exception for bad user input (a trace, a topology, a flag).
// It names where the problem is (file, 1-based line, key path) and what was wrong, so the CLI can
// print one clear message and exit with code 2. Internal bugs are asserts, never InputError.
#include <stdexcept>
#include <string>

namespace podsim {

class InputError : public std::runtime_error {
 public:
  // line 0 means "no line" (e.g. a command-line flag); key may be empty.
  InputError(std::string file, int line, std::string key, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string key_;
  std::string message_;
};

}  // namespace podsim
