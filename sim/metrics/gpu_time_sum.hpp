#pragma once
// GpuTimeSum: an exact sum of GPUs x duration (GPU-microseconds), for utilisation, goodput and
// GPU-hours. A 64-bit sum wraps at 9.2e18 GPU-us, which one job reaches (16 GPUs for 10^12 s,
// 2 GPUs for 2^62 us) and which turned utilisation negative or near zero. 128 bits hold any int
// GPU count times any Time, summed 2^32 times, exactly; value() rounds once at the end, so a sum
// that fits 64 bits gives the same double as the 64-bit sum did. O(1) per add, no allocation.
#include <cstdint>

#include "core/time.hpp"

namespace podsim {

class GpuTimeSum {
 public:
  void add(std::int64_t gpus, Time duration) { sum_ += static_cast<Wide>(gpus) * duration; }

  double value() const { return static_cast<double>(sum_); }  // GPU-microseconds, rounded once
  bool positive() const { return sum_ > 0; }

 private:
  // GCC and Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
  __extension__ typedef __int128 Wide;  // NOLINT(modernize-use-using): using cannot carry it

  Wide sum_ = 0;
};

}  // namespace podsim
