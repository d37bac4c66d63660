// The policy registry: every policy listed with its parameters; parameters checked, with the
// closest valid key suggested; every factory works with its defaults alone.
#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "policies/policy.hpp"

namespace podsim {
namespace {

TEST(PolicyRegistry, HelpListsEveryPolicyWithItsParameters) {
  const PolicyRegistry registry = make_policy_registry();
  const std::string help = registry.help();
  for (const std::string name :
       {"fcfs", "easy", "sjf", "sjf-easy", "conservative", "fairshare", "las", "srtf"}) {
    ASSERT_TRUE(registry.contains(name)) << name;
    EXPECT_NE(help.find("  " + name + " "), std::string::npos) << name;
    for (const ParamSpec& spec : registry.at(name).params) {
      EXPECT_NE(help.find("      " + spec.key + "="), std::string::npos) << name << "." << spec.key;
      EXPECT_FALSE(spec.description.empty()) << name << "." << spec.key;
    }
  }
  for (const std::string key : {"thresholds_gpu_s", "restore_s", "promote_knob", "depth",
                                "half_life_s", "weight_fairshare", "resume_cost_s"}) {
    EXPECT_NE(help.find(key), std::string::npos) << key;
  }
}

// The InputError of parsing `params` for `policy`.
InputError parse_error(const std::string& policy, std::map<std::string, std::string> params) {
  const PolicyRegistry registry = make_policy_registry();
  const auto& entry = registry.at(policy);
  try {
    entry.factory(ParamValues::parse(entry.params, params, "policy " + policy));
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "no InputError for " << policy;
  return InputError("", 0, "", "");
}

TEST(PolicyRegistry, AnUnknownParameterSuggestsTheClosestKey) {
  const auto las = parse_error("las", {{"thresold_gpu_s", "3200"}});
  EXPECT_EQ(las.key(), "policy las");
  EXPECT_NE(las.message().find("did you mean 'thresholds_gpu_s'"), std::string::npos)
      << las.message();
  EXPECT_NE(parse_error("srtf", {{"resume_cost", "5"}}).message().find("'resume_cost_s'"),
            std::string::npos);
  EXPECT_NE(parse_error("conservative", {{"dept", "5"}}).message().find("'depth'"),
            std::string::npos);
  EXPECT_NE(parse_error("fairshare", {{"half_life", "5"}}).message().find("'half_life_s'"),
            std::string::npos);
}

TEST(PolicyRegistry, BadValuesNameTheKey) {
  EXPECT_EQ(parse_error("las", {{"thresholds_gpu_s", "3600,100"}}).key(),
            "policy las.thresholds_gpu_s");
  EXPECT_EQ(parse_error("las", {{"restore_s", "-1"}}).key(), "policy las.restore_s");
  EXPECT_EQ(parse_error("conservative", {{"depth", "-2"}}).key(), "policy conservative.depth");
  EXPECT_EQ(parse_error("conservative", {{"depth", "two"}}).key(), "policy conservative.depth");
  const auto level = parse_error("fairshare", {{"fairshare_by", "usr"}});
  EXPECT_EQ(level.key(), "policy fairshare.fairshare_by");
  EXPECT_NE(level.message().find("did you mean 'user'"), std::string::npos) << level.message();
  EXPECT_EQ(parse_error("fairshare", {{"user_shares", "alice"}}).key(),
            "policy fairshare.user_shares");
  EXPECT_EQ(parse_error("fairshare", {{"account_shares", "a=1"}}).key(),
            "policy fairshare.account_shares");  // needs fairshare_by=account or tree
}

TEST(PolicyRegistry, EveryFactoryWorksWithItsDefaultsAlone) {
  const PolicyRegistry registry = make_policy_registry();
  for (const auto& name : registry.names()) {
    EXPECT_NE(registry.at(name).factory(ParamValues{}), nullptr) << name;
  }
}

}  // namespace
}  // namespace podsim
