#pragma once
// Running a shell command or the podsim binary from a test, as a user would: the exit code and
// the output. PODSIM_BINARY (the binary's path) is defined by the test targets that run it.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/read_file.hpp"

namespace podsim::test {

struct Outcome {
  int exit_code = -1;  // -1: the command could not be run or did not exit normally
  std::string output;  // stdout, and stderr too when merged
};

inline Outcome shell(const std::string& command, bool merge_stderr = true) {
  Outcome outcome;
  const std::string full = command + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    outcome.output.append(buffer.data(), got);
  }
  const int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

#ifdef PODSIM_BINARY
// `podsim ARGUMENTS`.
inline Outcome podsim(const std::string& arguments, bool merge_stderr = true) {
  return shell(std::string(PODSIM_BINARY) + " " + arguments, merge_stderr);
}
#endif

}  // namespace podsim::test
