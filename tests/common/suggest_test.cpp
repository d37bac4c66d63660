#include "common/suggest.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

TEST(EditDistance, ClassicCases) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(ClosestMatch, OnlyPlausibleTypos) {
  const std::vector<std::string> keys = {"leaf_switches", "rails", "name"};
  EXPECT_EQ(closest_match("leaf_switchs", keys), "leaf_switches");
  EXPECT_EQ(closest_match("rials", keys), "rails");
  EXPECT_EQ(closest_match("completely_different", keys), "");
  EXPECT_EQ(did_you_mean("nmae", keys), " (did you mean 'name'?)");
}

}  // namespace
}  // namespace podsim
