// Mean and 95% confidence interval over seeds; Student t quantiles against published tables.
#include "scenario/confidence_interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace podsim {
namespace {

// Two-sided 95% critical values t(0.975; dof), e.g. NIST/SEMATECH e-Handbook of Statistical
// Methods, table 1.3.6.7.2 (to the digits given there and in standard tables).
TEST(StudentT, MatchesPublishedCriticalValues) {
  EXPECT_NEAR(student_t_975(1), 12.706205, 1e-5);
  EXPECT_NEAR(student_t_975(2), 4.302653, 1e-5);
  EXPECT_NEAR(student_t_975(3), 3.182446, 1e-5);
  EXPECT_NEAR(student_t_975(4), 2.776445, 1e-5);
  EXPECT_NEAR(student_t_975(5), 2.570582, 1e-5);
  EXPECT_NEAR(student_t_975(10), 2.228139, 1e-5);
  EXPECT_NEAR(student_t_975(30), 2.042272, 1e-5);
  EXPECT_NEAR(student_t_975(100), 1.983972, 1e-5);
}

TEST(StudentT, ApproachesTheNormalQuantile) {
  EXPECT_NEAR(student_t_975(100000), 1.959964, 1e-4);
  for (int dof = 1; dof < 60; ++dof) EXPECT_GT(student_t_975(dof), student_t_975(dof + 1));
}

TEST(MeanCi95, HandComputedSample) {
  // 10, 12, 14, 16: mean 13; s^2 = (9 + 1 + 1 + 9) / 3 = 20/3; t(0.975; 3) = 3.182446;
  // half-width = 3.182446 * sqrt(20/3) / sqrt(4) = 3.182446 * 2.581989 / 2 = 4.108521.
  const std::vector<double> values = {10, 12, 14, 16};
  const MeanInterval interval = mean_ci95(values);
  EXPECT_EQ(interval.n, 4u);
  EXPECT_DOUBLE_EQ(interval.mean, 13.0);
  EXPECT_NEAR(interval.half_width, 4.108521, 1e-5);
}

TEST(MeanCi95, ThreeSeeds) {
  // 1, 2, 3: mean 2, s = 1, half-width = 4.302653 / sqrt(3) = 2.484138.
  const std::vector<double> values = {1, 2, 3};
  EXPECT_NEAR(mean_ci95(values).half_width, 2.484138, 1e-5);
}

TEST(MeanCi95, IdenticalValuesHaveZeroWidth) {
  const std::vector<double> values = {5, 5, 5};
  const MeanInterval interval = mean_ci95(values);
  EXPECT_DOUBLE_EQ(interval.mean, 5.0);
  EXPECT_DOUBLE_EQ(interval.half_width, 0.0);
}

TEST(MeanCi95, OneValueHasNoInterval) {
  const std::vector<double> values = {7.5};
  const MeanInterval interval = mean_ci95(values);
  EXPECT_DOUBLE_EQ(interval.mean, 7.5);
  EXPECT_TRUE(std::isnan(interval.half_width));
  EXPECT_EQ(mean_ci95({}).n, 0u);
}

}  // namespace
}  // namespace podsim
