#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace podsim {
namespace {

TEST(Rng, SameSeedSameStreamDifferentSeedDifferent) {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    differs = differs || x != c.next();
  }
  EXPECT_TRUE(differs);
}

TEST(Rng, DistributionsHaveTheirMoments) {
  Rng rng(7);
  constexpr int kSamples = 200'000;
  double uniform_sum = 0, exponential_sum = 0, normal_sum = 0, normal_sq = 0;
  std::uint64_t below_hits[5] = {};
  for (int i = 0; i < kSamples; ++i) {
    const double u = rng.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    uniform_sum += u;
    exponential_sum += rng.exponential(3.0);
    const double n = rng.normal(1.0, 2.0);
    normal_sum += n;
    normal_sq += n * n;
    ++below_hits[rng.uniform_below(5)];
  }
  EXPECT_NEAR(uniform_sum / kSamples, 0.5, 0.01);
  EXPECT_NEAR(exponential_sum / kSamples, 3.0, 0.05);
  const double mean = normal_sum / kSamples;
  EXPECT_NEAR(mean, 1.0, 0.02);
  EXPECT_NEAR(std::sqrt(normal_sq / kSamples - mean * mean), 2.0, 0.02);
  for (auto hits : below_hits) EXPECT_NEAR(static_cast<double>(hits) / kSamples, 0.2, 0.01);
}

}  // namespace
}  // namespace podsim
