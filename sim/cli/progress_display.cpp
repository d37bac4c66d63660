#include "cli/progress_display.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace podsim {

ProgressDisplay::ProgressDisplay(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && isatty(fileno(stderr)) != 0) {}

ProgressDisplay::~ProgressDisplay() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
}

void ProgressDisplay::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  drawn_ = true;
  fmt::print(stderr, "\r\033[K{}: {:.0f}% ({} of {} jobs)", label_,
             100.0 * static_cast<double>(done) / static_cast<double>(total), done, total);
  std::fflush(stderr);
}

}  // namespace podsim
