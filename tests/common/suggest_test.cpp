#include "common/suggest.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

TEST(EditDistance, ClassicCases) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
  // An adjacent transposition is one edit, the most common typo.
  EXPECT_EQ(edit_distance("sfw", "swf"), 1u);
  EXPECT_EQ(edit_distance("sfw", "sia"), 2u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau
}

TEST(ClosestMatch, OnlyPlausibleTypos) {
  const std::vector<std::string> keys = {"leaf_switches", "rails", "name"};
  EXPECT_EQ(closest_match("leaf_switchs", keys), "leaf_switches");
  EXPECT_EQ(closest_match("rials", keys), "rails");
  EXPECT_EQ(closest_match("completely_different", keys), "");
  EXPECT_EQ(did_you_mean("nmae", keys), " (did you mean 'name'?)");
  const std::vector<std::string> formats = {"alibaba", "csv", "gavel", "helios",
                                            "philly",  "sia", "swf"};
  EXPECT_EQ(closest_match("sfw", formats), "swf");
}

}  // namespace
}  // namespace podsim
