#include "perf/comm_fractions.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"

namespace podsim {
namespace {

TEST(CommFractions, LongestNormalisedPrefixWins) {
  CommFractions table;
  table.add("ResNet", 0.1);
  table.add("resnet-50", 0.2);
  EXPECT_EQ(table.find("ResNet-50 (batch size 128)"), 0.2);
  EXPECT_EQ(table.find("resnet18"), 0.1);
  EXPECT_FALSE(table.find("bert"));
}

TEST(CommFractions, BuiltinTableCoversTheTraceModels) {
  const CommFractions table = CommFractions::builtin();
  EXPECT_EQ(table.default_fraction(), 0.1);
  for (const char* name : {"vgg19", "gpt2", "bert", "dqn", "a2c", "resnet18", "shufflenet_v2_x1_0",
                           "Transformer (batch size 128)", "Recommendation (batch size 8192)",
                           "LM (batch size 20)", "ResNet-50 (batch size 64)", "CycleGAN", "A3C"}) {
    EXPECT_TRUE(table.find(name).has_value()) << name;
  }
  EXPECT_GT(*table.find("vgg16"), *table.find("resnet50"));
}

TEST(CommFractions, BadFilesNameLineAndKey) {
  try {
    CommFractions::parse("models:\n  vgg: {comm_fraction: 1.5}\n", "m.yaml");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.key(), "models.vgg.comm_fraction");
  }
  try {
    CommFractions::parse("models:\n  vgg: {comm_fracton: 0.5}\n", "m.yaml");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(error.message().find("did you mean 'comm_fraction'"), std::string::npos);
  }
  EXPECT_THROW(CommFractions::parse("modles: {}\n", "m.yaml"), InputError);
}

}  // namespace
}  // namespace podsim
