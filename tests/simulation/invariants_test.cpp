// Every registered policy x placement on hand-made and synthetic workloads: the invariants that
// must hold whatever the policy does.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "simulation/run_support.hpp"
#include "support/tiny_workload.hpp"
#include "workload/synthetic_generator.hpp"

namespace podsim::test {
namespace {

struct Case {
  std::string name;
  Topology machine;
  Workload workload;
};

std::vector<Case> cases() {
  std::vector<Case> result;
  result.push_back({"tiny_flat", Topology::flat(10),
                    tiny_workload({{0, 6, 100}, {1, 8, 50}, {2, 4, 50, 90}, {2, 2, 500},
                                   {3, 11, 5} /* larger than the machine */, {3, 10, 0},
                                   {50, 1, 1000, 10} /* killed at walltime */}),});
  // Cut at walltime is the reader's job; mark it here by hand.
  for (auto& job : result.back().workload.jobs) {
    if (job.runtime > job.estimate) {
      job.runtime = job.estimate;
      job.hits_walltime = true;
    }
  }
  SyntheticOptions synthetic;
  synthetic.jobs = 3000;
  synthetic.load = 1.2;  // overloaded: long queues exercise backfilling
  synthetic.cluster_gpus = 64;
  synthetic.max_gpus = 64;
  synthetic.seed = 11;
  result.push_back({"synthetic_flat64", Topology::flat(64), generate_synthetic(synthetic)});
  return result;
}

// run_named, with parameters: "las:restore_s=5".
SimulationResult run_policy_text(const Topology& machine, const Workload& workload,
                                 const std::string& policy_text, const std::string& placement,
                                 std::function<void(Cluster&)> attach) {
  const NamedParams named = parse_named_params(policy_text, "--policy");
  if (named.params.empty()) {
    return run_named(machine, workload, named.name, placement, /*check_every_pass=*/true,
                     std::move(attach));
  }
  const PolicyRegistry registry = make_policy_registry();
  const auto& entry = registry.at(named.name);
  auto policy = entry.factory(ParamValues::parse(entry.params, named.params, "policy"));
  auto strategy = make_placement_registry().at(placement).factory(ParamValues{}, 7);
  SimulationOptions options;
  options.check_every_pass = true;
  options.attach = std::move(attach);
  return simulate(machine, workload, *policy, *strategy, options);
}

using Combination = std::tuple<std::string, std::string>;

class EveryPolicyAndPlacement : public ::testing::TestWithParam<Combination> {};

// Runs `policy_text` ("name[:key=value...]") with `placement` on every case and checks the
// invariants; returns the preemptions (and evictions) that happened, all cases together.
int check_invariants(const std::string& policy_text, const std::string& placement) {
  int preemptions = 0;
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    // Independently of the cluster's own checks: GPUs held, from the start/stop signals.
    int busy = 0;
    Time last_event = 0;
    std::vector<int> held(c.workload.jobs.size(), 0);
    const auto attach = [&](Cluster& cluster) {
      const auto take = [&, cl = &cluster](JobId id, Time now) {
        EXPECT_GE(now, last_event) << "time went back";
        last_event = now;
        EXPECT_EQ(held[id], 0) << "job " << id << " started twice";
        held[id] = cl->job(id).gpus;
        busy += held[id];
        EXPECT_LE(busy, c.machine.total_gpus()) << "at t=" << to_seconds(now);
      };
      const auto give_back = [&](JobId id, Time now) {
        EXPECT_GE(now, last_event) << "time went back";
        last_event = now;
        EXPECT_GT(held[id], 0) << "job " << id << " stopped while not running";
        busy -= held[id];
        held[id] = 0;
      };
      cluster.job_started.connect(take);
      cluster.job_finished.connect(give_back);
      cluster.job_preempted.connect(give_back);
    };
    const SimulationResult result = run_policy_text(c.machine, c.workload, policy_text,
                                                    placement, attach);
    EXPECT_EQ(busy, 0);
    // Every record accounted for, exactly once.
    EXPECT_EQ(result.records.size(), c.workload.record_count());
    std::map<std::int64_t, int> seen;
    for (const auto& record : result.records) ++seen[record.trace_id];
    for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << "trace id " << id;
    // Each job ran for exactly its runtime plus the restore/restart costs it paid plus the work
    // failures made it redo — preempted work is never lost or counted twice — after it was
    // submitted; or it was rejected with a reason.
    for (std::size_t i = 0; i < c.workload.jobs.size() && i < result.records.size(); ++i) {
      const JobSpec& job = c.workload.jobs[i];
      const JobRecord& record = result.records[i];
      preemptions += record.preemptions + record.restarts;
      if (record.state == "rejected") {
        EXPECT_FALSE(record.reason.empty());
        EXPECT_GT(job.gpus, c.machine.total_gpus());
        continue;
      }
      EXPECT_TRUE(record.state == "completed" || record.state == "killed") << record.state;
      EXPECT_EQ(record.state == "killed", job.hits_walltime);
      EXPECT_GE(record.start, job.submit);
      EXPECT_EQ(record.run(), job.runtime + record.overhead + record.lost) << "job " << i;
      EXPECT_EQ(record.wait() + record.run(), record.end - record.submit);
    }
    // The time series never goes back and never over-counts.
    Time last = -1;
    for (const auto& point : result.series.points()) {
      EXPECT_GT(point.time, last);
      last = point.time;
      EXPECT_LE(point.busy_gpus, c.machine.total_gpus());
    }
  }
  return preemptions;
}

TEST_P(EveryPolicyAndPlacement, KeepsTheInvariants) {
  const auto& [policy, placement] = GetParam();
  check_invariants(policy, placement);
}

// Non-default parameters that make the policies preempt often and pay for it (short LAS
// queues, restore costs, the starvation guard) or plan differently; the preemptive ones must
// actually preempt here, so "preempted work is never lost or double counted" is exercised.
TEST(PolicyVariants, KeepTheInvariantsAndPreempt) {
  const std::vector<std::pair<std::string, bool>> variants{
      {"las:thresholds_gpu_s=60,600,6000:restore_s=7.5:promote_knob=2", true},
      {"las:thresholds_gpu_s=100:restore_s=0", true},
      {"srtf:resume_cost_s=3", true},
      {"conservative:depth=3", false},
      {"fairshare:fairshare_by=tree:half_life_s=3600:favor_small=true:weight_assoc=500", false},
  };
  for (const auto& [policy, preemptive] : variants) {
    for (const std::string placement : {"first-fit", "random"}) {  // flat machines: enough
      SCOPED_TRACE(policy + " " + placement);
      const int preemptions = check_invariants(policy, placement);
      if (preemptive) {
        EXPECT_GT(preemptions, 0);
      } else {
        EXPECT_EQ(preemptions, 0);
      }
    }
  }
}

std::vector<Combination> every_combination() {
  std::vector<Combination> result;
  for (const auto& policy : make_policy_registry().names()) {
    for (const auto& placement : make_placement_registry().names()) {
      result.emplace_back(policy, placement);
    }
  }
  return result;
}

INSTANTIATE_TEST_SUITE_P(All, EveryPolicyAndPlacement, ::testing::ValuesIn(every_combination()),
                         [](const auto& param_info) {
                           std::string name =
                               std::get<0>(param_info.param) + "_" + std::get<1>(param_info.param);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace podsim::test
