#pragma once
// Where the real traces are: $PODSIM_SHARED_TRACES, else ../shared/traces beside the source tree.
// Tests that need them call GTEST_SKIP() with this message when the folder is absent.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace podsim::test {

inline std::filesystem::path shared_traces_dir() {
  if (const char* env = std::getenv("PODSIM_SHARED_TRACES"); env != nullptr && *env != '\0') {
    return env;
  }
  return PODSIM_SHARED_TRACES;
}

// The path of a shared trace, or empty when it is not there.
inline std::string shared_trace(const std::string& relative) {
  const auto path = shared_traces_dir() / relative;
  return std::filesystem::exists(path) ? path.string() : std::string{};
}

inline std::string missing_trace_message(const std::string& relative) {
  return "real trace " + (shared_traces_dir() / relative).string() +
         " not found (set PODSIM_SHARED_TRACES or place shared/ beside the project); skipped";
}

}  // namespace podsim::test
