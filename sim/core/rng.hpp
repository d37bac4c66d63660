#pragma once
// Rng: the seeded random source. xoshiro256** (Blackman & Vigna 2018) seeded through SplitMix64,
// with its own distributions: the std:: distributions differ between standard libraries, and
// results must be byte-identical on any platform. Pass an Rng in; never keep a global one.
#include <cstdint>

namespace podsim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();                    // uniform on [0, 2^64)
  double uniform01();                      // uniform on [0, 1), 53 random bits
  std::uint64_t uniform_below(std::uint64_t bound);  // uniform on [0, bound), bound > 0
  double exponential(double mean);         // mean > 0
  double normal(double mean, double stddev);
  double lognormal(double mu, double sigma);  // exp(normal(mu, sigma))

 private:
  std::uint64_t state_[4];
};

}  // namespace podsim
