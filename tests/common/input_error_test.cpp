#include "common/input_error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace podsim {
namespace {

TEST(InputError, WhatNamesFileLineAndKey) {
  EXPECT_STREQ(InputError("t.swf", 3, "field 4", "bad").what(), "t.swf:3: field 4: bad");
  EXPECT_STREQ(InputError("", 0, "--flat", "bad").what(), "--flat: bad");
  EXPECT_STREQ(InputError("", 0, "", "bad").what(), "bad");
}

TEST(InputError, ControlCharactersFromAnInputAreWrittenOut) {
  // A NUL read from a damaged file used to end the printed message there.
  const std::string text("found '20\0 x'\n", 14);
  const InputError error("t.swf", 1, "", text);
  EXPECT_STREQ(error.what(), "t.swf:1: found '20\\x00 x'\\x0a");
  EXPECT_EQ(error.message(), text);  // the message itself is kept as it was
}

}  // namespace
}  // namespace podsim
