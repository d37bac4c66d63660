#include "common/params.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "common/registry.hpp"

namespace podsim {
namespace {

const std::vector<ParamSpec> kSpecs = {
    {"threshold_s", ParamType::kReal, "3600", "queue threshold"},
    {"depth", ParamType::kInteger, "1", "reservations"},
    {"preempt", ParamType::kBool, "true", "allow preemption"},
};

TEST(ParamValues, DefaultsApplyWhenNotGiven) {
  const auto values = ParamValues::parse(kSpecs, {{"depth", "4"}}, "policy x");
  EXPECT_EQ(values.integer("depth"), 4);
  EXPECT_DOUBLE_EQ(values.real("threshold_s"), 3600.0);
  EXPECT_TRUE(values.boolean("preempt"));
}

TEST(ParamValues, UnknownKeySuggestsClosest) {
  try {
    ParamValues::parse(kSpecs, {{"treshold_s", "1"}}, "policy las");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "policy las");
    EXPECT_NE(error.message().find("did you mean 'threshold_s'"), std::string::npos)
        << error.what();
  }
}

TEST(ParamValues, WrongTypeNamesKeyAndExpectation) {
  try {
    ParamValues::parse(kSpecs, {{"depth", "two"}}, "policy easy");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "policy easy.depth");
    EXPECT_NE(error.message().find("expected integer"), std::string::npos);
  }
  EXPECT_THROW(ParamValues::parse(kSpecs, {{"preempt", "yes"}}, "p"), InputError);
}

TEST(NamedParams, SplitsNameAndPairs) {
  const auto parsed = parse_named_params("las:threshold_s=100:depth=2", "--policy");
  EXPECT_EQ(parsed.name, "las");
  ASSERT_EQ(parsed.params.size(), 2u);
  EXPECT_EQ(parsed.params.at("threshold_s"), "100");
  EXPECT_EQ(parse_named_params("fcfs", "--policy").params.size(), 0u);
  EXPECT_THROW(parse_named_params("las:oops", "--policy"), InputError);
}

TEST(Registry, UnknownNameListsValidOnes) {
  Registry<int> registry("policy");
  registry.add("fcfs", "first come first served", {}, 1);
  registry.add("easy", "EASY backfilling", kSpecs, 2);
  EXPECT_EQ(registry.at("easy").factory, 2);
  try {
    registry.at("eesy");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("unknown policy 'eesy'"), std::string::npos) << text;
    EXPECT_NE(text.find("did you mean 'easy'"), std::string::npos) << text;
    EXPECT_NE(text.find("valid: easy, fcfs"), std::string::npos) << text;
  }
  const std::string help = registry.help();
  EXPECT_NE(help.find("EASY backfilling"), std::string::npos);
  EXPECT_NE(help.find("threshold_s=3600"), std::string::npos);
}

TEST(InputError, WhatNamesFileLineAndKey) {
  const InputError error("trace.swf", 12, "field 5", "expected a number, got 'x'");
  EXPECT_STREQ(error.what(), "trace.swf:12: field 5: expected a number, got 'x'");
  EXPECT_STREQ(InputError("", 0, "--flat", "must be > 0").what(), "--flat: must be > 0");
}

}  // namespace
}  // namespace podsim
