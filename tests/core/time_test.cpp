#include "core/time.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

TEST(ParseSeconds, ExactDecimals) {
  EXPECT_EQ(parse_seconds("12"), 12'000'000);
  EXPECT_EQ(parse_seconds("552.21"), 552'210'000);
  EXPECT_EQ(parse_seconds("-1"), -1'000'000);
  EXPECT_EQ(parse_seconds("0.0000005"), 1);  // rounds half away from zero
  EXPECT_EQ(parse_seconds("0.0000004"), 0);
  EXPECT_EQ(parse_seconds(".5"), 500'000);
}

TEST(ParseSeconds, RejectsNonNumbers) {
  EXPECT_FALSE(parse_seconds(""));
  EXPECT_FALSE(parse_seconds("abc"));
  EXPECT_FALSE(parse_seconds("1e3"));
  EXPECT_FALSE(parse_seconds("12x"));
  EXPECT_FALSE(parse_seconds("-"));
  EXPECT_FALSE(parse_seconds("99999999999999999999"));
}

TEST(FormatSeconds, ShortestExactForm) {
  EXPECT_EQ(format_seconds(1'500'000), "1.5");
  EXPECT_EQ(format_seconds(2'000'000), "2");
  EXPECT_EQ(format_seconds(1), "0.000001");
  EXPECT_EQ(format_seconds(-250'000), "-0.25");
  EXPECT_EQ(format_seconds(0), "0");
}

}  // namespace
}  // namespace podsim
