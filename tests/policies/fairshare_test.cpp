// fairshare: the classic Slurm fair-share factor from decayed usage, and the resulting order.
#include <gtest/gtest.h>

#include <cmath>

#include "common/input_error.hpp"
#include "policies/fairshare.hpp"
#include "policies/policy_params.hpp"
#include "policies/schedule_fixture.hpp"

namespace podsim::test {
namespace {

// Sets the users (1-based names) of the jobs of `workload`, in trace order.
Workload with_users(Workload workload, const std::vector<std::string>& names,
                    const std::vector<std::uint32_t>& users) {
  workload.users = {""};
  for (const auto& name : names) workload.users.push_back(name);
  for (std::size_t i = 0; i < users.size(); ++i) workload.jobs[i].user = users[i];
  return workload;
}

TEST(Fairshare, AHeavyUsersJobYieldsToALightUsers) {
  // 4 GPUs. alice's J1 takes the machine 0..1000; alice's J2 (10) and bob's J3 (20) wait. At
  // 1000 alice has all the usage: U = 1, S = 1/2, F = 2^-2 = 0.25; bob F = 2^0 = 1. With
  // weight_fairshare 10000 that outweighs J2's 10 s more of age (1000 x 10/604800): J3 first.
  const Workload workload = with_users(
      tiny_workload({{0, 4, 1000}, {10, 4, 100}, {20, 4, 100}}), {"alice", "bob"}, {1, 1, 2});
  EXPECT_EQ(start_times("fairshare", 4, workload), (std::vector<double>{0, 1100, 1000}));
  // Without the fair-share factor the older job goes first, as under FCFS.
  EXPECT_EQ(start_times("fairshare:weight_fairshare=0", 4, workload),
            (std::vector<double>{0, 1000, 1100}));
}

TEST(Fairshare, BackfillsBehindTheHighestPriorityJobInPriorityOrder) {
  // 8 GPUs. alice's J1 (6 GPUs) runs 0..1000. Bob's J3 (8 GPUs) has the top priority but waits
  // for J1: shadow time 1000, no extra GPUs. alice's J2 (4) does not fit in the 2 free; her J4
  // (2 GPUs, ends 130 <= 1000) is backfilled at 30. At 1000 J3 starts; J2 at 1100.
  const Workload workload = with_users(
      tiny_workload({{0, 6, 1000}, {10, 4, 100}, {20, 8, 100}, {30, 2, 100}}), {"alice", "bob"},
      {1, 1, 2, 1});
  EXPECT_EQ(start_times("fairshare", 8, workload), (std::vector<double>{0, 1100, 1000, 30}));
}

// Drives a cluster by hand, on a flat machine of 8 GPUs, with the policy attached.
struct Harness {
  Workload workload;
  Topology machine = Topology::flat(8);
  Cluster cluster;
  std::unique_ptr<Policy> policy;

  Harness(Workload w, const std::string& params)
      : workload(std::move(w)), cluster(machine, workload) {
    const NamedParams named = parse_named_params("fairshare" + params, "--policy");
    policy = Fairshare::make(ParamValues::parse(Fairshare::params(), named.params, "policy"));
    policy->attach(cluster);
    for (JobId id = 0; id < workload.jobs.size(); ++id) cluster.submit(id, 0);
  }
  // Transitions must come in time order, as in a simulation.
  void start(JobId id, std::int64_t at_s) {
    cluster.start(id, {{0, workload.jobs[id].gpus}}, from_seconds(at_s));
  }
  void finish(JobId id, std::int64_t at_s) { cluster.finish(id, from_seconds(at_s)); }
  double factor(JobId id, std::int64_t at_s) {
    return static_cast<Fairshare&>(*policy).fairshare_factor(id, from_seconds(at_s));
  }
};

// alice (3 GPUs), bob (1 GPU), carol (nothing yet), all runtimes 1000 s.
Workload three_users() {
  return with_users(tiny_workload({{0, 3, 1000}, {0, 1, 1000}, {0, 1, 1000}}),
                    {"alice", "bob", "carol"}, {1, 2, 3});
}

TEST(Fairshare, FactorIsTwoToTheMinusUsageOverShares) {
  Harness h(three_users(), ":half_life_s=0");
  h.start(0, 0);
  h.start(1, 0);
  h.finish(0, 1000);
  h.finish(1, 1000);
  // U: alice 3000 / 4000, bob 1000 / 4000, carol 0; S = 1/3 each.
  EXPECT_NEAR(h.factor(0, 1000), std::exp2(-0.75 * 3), 1e-12);
  EXPECT_NEAR(h.factor(1, 1000), std::exp2(-0.25 * 3), 1e-12);
  EXPECT_DOUBLE_EQ(h.factor(2, 1000), 1.0);
}

TEST(Fairshare, SharesNormaliseOverTheUsersOfTheWorkload) {
  Harness h(three_users(), ":half_life_s=0:user_shares=alice=2");
  h.start(0, 0);
  h.start(1, 0);
  h.finish(0, 1000);
  h.finish(1, 1000);
  // S: alice 2/4, bob 1/4, carol 1/4.
  EXPECT_NEAR(h.factor(0, 1000), std::exp2(-0.75 / 0.5), 1e-12);
  EXPECT_NEAR(h.factor(1, 1000), std::exp2(-0.25 / 0.25), 1e-12);
}

TEST(Fairshare, UsageDecaysWithTheHalfLife) {
  // Half-life 1000 s: alice runs 4 GPUs on [0, 1000), bob 4 on [1000, 2000). With
  // lambda = ln 2 / 1000, at 2000 alice's usage is (4 (1 - 1/2) / lambda) / 2 = 1 / lambda and
  // bob's 2 / lambda: U = 1/3 and 2/3, S = 1/2 each (carol has no job here).
  const Workload workload =
      with_users(tiny_workload({{0, 4, 1000}, {0, 4, 1000}}), {"alice", "bob"}, {1, 2});
  Harness h(workload, ":half_life_s=1000");
  h.start(0, 0);
  h.finish(0, 1000);
  h.start(1, 1000);
  h.finish(1, 2000);
  EXPECT_NEAR(h.factor(0, 2000), std::exp2(-(1.0 / 3) / 0.5), 1e-9);
  EXPECT_NEAR(h.factor(1, 2000), std::exp2(-(2.0 / 3) / 0.5), 1e-9);
}

TEST(Fairshare, TreeCombinesTheAccountsUsageWithTheUsers) {
  // Accounts A (alice, bob) and B (carol), equal shares: S = 1/4, 1/4, 1/2. alice used
  // everything: U_alice = U_A = 1, U_bob = 0, so bob's effective usage is
  // 0 + (1 - 0) x 1/2 = 1/2 (his account's usage counts half) and carol's 0.
  Workload workload = three_users();
  workload.groups = {"", "A", "B"};
  workload.jobs[0].group = 1;
  workload.jobs[1].group = 1;
  workload.jobs[2].group = 2;
  Harness h(workload, ":half_life_s=0:fairshare_by=tree");
  h.start(0, 0);
  h.finish(0, 1000);
  EXPECT_NEAR(h.factor(0, 1000), std::exp2(-1.0 / 0.25), 1e-12);
  EXPECT_NEAR(h.factor(1, 1000), std::exp2(-0.5 / 0.25), 1e-12);
  EXPECT_DOUBLE_EQ(h.factor(2, 1000), 1.0);
}

TEST(Fairshare, AShareForAnUnknownUserIsAnErrorWithASuggestion) {
  const Workload workload =
      with_users(tiny_workload({{0, 4, 10}, {0, 4, 10}}), {"alice", "bob"}, {1, 2});
  try {
    start_times("fairshare:user_shares=alcie=2", 4, workload);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "policy fairshare.user_shares");
    EXPECT_NE(std::string(error.what()).find("did you mean 'alice'"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace podsim::test
