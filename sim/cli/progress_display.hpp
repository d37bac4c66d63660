#pragma once
// A one-line progress display on stderr, only when stderr is a terminal (never in pipes or logs).
#include <chrono>
#include <cstddef>
#include <string>

namespace podsim {

class ProgressDisplay {
 public:
  ProgressDisplay(std::string label, bool enabled);
  ~ProgressDisplay();
  void update(std::size_t done, std::size_t total);

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace podsim
