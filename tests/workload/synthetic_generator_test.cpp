#include <algorithm>
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "workload/synthetic_generator.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;

SyntheticOptions options_with(std::size_t jobs, std::uint64_t seed) {
  SyntheticOptions options;
  options.jobs = jobs;
  options.seed = seed;
  return options;
}

// GPU-seconds offered per GPU-second of the machine between time 0 and the last arrival.
double offered_load(const Workload& w, int cluster_gpus) {
  double work = 0;
  for (const JobSpec& job : w.jobs) work += job.gpus * to_seconds(job.runtime);
  return work / (cluster_gpus * to_seconds(w.jobs.back().submit));
}

TEST(SyntheticGenerator, SameOptionsSameWorkload) {
  const Workload a = generate_synthetic(options_with(5000, 42));
  const Workload b = generate_synthetic(options_with(5000, 42));
  testing::expect_same_jobs(a, b);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.users, b.users);
  EXPECT_EQ(a.groups, b.groups);
}

TEST(SyntheticGenerator, DifferentSeedDifferentWorkload) {
  const Workload a = generate_synthetic(options_with(1000, 1));
  const Workload b = generate_synthetic(options_with(1000, 2));
  std::size_t same_submit = 0;
  std::size_t same_runtime = 0;
  for (std::size_t i = 0; i < a.jobs.size(); ++i) {
    same_submit += a.jobs[i].submit == b.jobs[i].submit;
    same_runtime += a.jobs[i].runtime == b.jobs[i].runtime;
  }
  EXPECT_LT(same_submit, 10u);
  EXPECT_LT(same_runtime, 10u);
}

TEST(SyntheticGenerator, JobsAreWellFormed) {
  const Workload w = generate_synthetic(options_with(20000, 7));
  ASSERT_EQ(w.jobs.size(), 20000u);
  EXPECT_TRUE(w.rejected.empty());
  EXPECT_EQ(w.machine_units, 1016);
  std::set<std::uint32_t> users;
  for (std::size_t i = 0; i < w.jobs.size(); ++i) {
    const JobSpec& job = w.jobs[i];
    ASSERT_EQ(job.id, i);
    ASSERT_GE(job.runtime, from_seconds(1));
    ASSERT_LE(job.runtime, from_seconds(7 * 86400));
    ASSERT_GE(job.estimate, job.runtime);
    ASSERT_FALSE(job.hits_walltime);
    ASSERT_GT(job.gpus, 0);
    ASSERT_GT(job.user, 0u);
    ASSERT_LT(job.user, w.users.size());
    ASSERT_GT(job.group, 0u);
    ASSERT_LT(job.group, w.groups.size());
    if (i > 0) {
      ASSERT_GE(job.submit, w.jobs[i - 1].submit);
    }
    users.insert(job.user);
  }
  EXPECT_EQ(users.size(), 32u);
  // Zipf: the most active user submits far more than the least active one.
  std::vector<std::size_t> per_user(w.users.size());
  for (const JobSpec& job : w.jobs) ++per_user[job.user];
  EXPECT_GT(per_user[1], 10 * per_user[32]);
}

struct ProfileStatistics {
  double mean_gpus;
  int median_gpus;
  double median_runtime_s;
  double mean_runtime_s;
};

ProfileStatistics statistics_of(const std::string& profile) {
  SyntheticOptions options = options_with(100000, 3);
  options.profile = profile;
  const Workload w = generate_synthetic(options);
  std::vector<int> sizes;
  std::vector<Time> runtimes;
  double total_gpus = 0;
  double total_runtime_s = 0;
  for (const JobSpec& job : w.jobs) {
    sizes.push_back(job.gpus);
    runtimes.push_back(job.runtime);
    total_gpus += job.gpus;
    total_runtime_s += to_seconds(job.runtime);
  }
  const auto n = static_cast<double>(sizes.size());
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  std::nth_element(runtimes.begin(), runtimes.begin() + runtimes.size() / 2, runtimes.end());
  return {total_gpus / n, sizes[sizes.size() / 2], to_seconds(runtimes[runtimes.size() / 2]),
          total_runtime_s / n};
}

// Published Helios figures (SC'21 artifact): mean 3.716 GPUs, median 1; runtime median 206 s,
// mean 6,652 s. The clamp at 7 days trims the lognormal's mean; the tail is heavy, so the
// sample mean is checked loosely.
TEST(SyntheticGenerator, MatchesHeliosStatistics) {
  const ProfileStatistics helios = statistics_of("helios");
  EXPECT_NEAR(helios.mean_gpus, 3.716, 0.1);
  EXPECT_EQ(helios.median_gpus, 1);
  EXPECT_NEAR(helios.median_runtime_s, 206.0, 206.0 * 0.03);
  EXPECT_NEAR(helios.mean_runtime_s, 6652.0, 6652.0 * 0.25);
}

TEST(SyntheticGenerator, MatchesPhillyStatistics) {
  const Workload w = generate_synthetic(options_with(100000, 3));
  std::vector<int> sizes;
  std::vector<Time> runtimes;
  double total_gpus = 0;
  for (const JobSpec& job : w.jobs) {
    sizes.push_back(job.gpus);
    runtimes.push_back(job.runtime);
    total_gpus += job.gpus;
    const std::set<int> allowed = {1, 2, 4, 8, 16, 32, 64};
    ASSERT_TRUE(allowed.count(job.gpus)) << job.gpus;
  }
  const double mean_gpus = total_gpus / static_cast<double>(sizes.size());
  EXPECT_NEAR(mean_gpus, 1.93, 0.05);
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  EXPECT_EQ(sizes[sizes.size() / 2], 1);
  std::nth_element(runtimes.begin(), runtimes.begin() + runtimes.size() / 2, runtimes.end());
  EXPECT_NEAR(to_seconds(runtimes[runtimes.size() / 2]), 874.0, 874.0 * 0.03);
}

TEST(SyntheticGenerator, OfferedLoadMatchesTarget) {
  for (const double load : {0.5, 0.8, 1.2}) {
    SyntheticOptions options = options_with(100000, 11);
    options.load = load;
    options.cluster_gpus = 256;
    EXPECT_NEAR(offered_load(generate_synthetic(options), 256), load, load * 0.02)
        << "load " << load;
  }
  SyntheticOptions small = options_with(5000, 5);  // few heavy-tailed jobs still hit the load
  EXPECT_NEAR(offered_load(generate_synthetic(small), small.cluster_gpus), small.load,
              small.load * 0.05);
}

TEST(SyntheticGenerator, CapsSizesAtMaxGpusAndTheCluster) {
  SyntheticOptions options = options_with(50000, 9);
  options.max_gpus = 4;
  int largest = 0;
  for (const JobSpec& job : generate_synthetic(options).jobs) largest = std::max(largest, job.gpus);
  EXPECT_EQ(largest, 4);

  options.max_gpus = 0;
  options.cluster_gpus = 16;
  largest = 0;
  for (const JobSpec& job : generate_synthetic(options).jobs) largest = std::max(largest, job.gpus);
  EXPECT_EQ(largest, 16);
}

TEST(SyntheticGenerator, ValidatesOptions) {
  SyntheticOptions options;
  options.jobs = 0;
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.jobs", "found 0");
  options = {};
  options.load = 0;
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.load", "> 0");
  options.load = -1;
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.load", "> 0");
  options.load = std::nan("");
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.load", "> 0");
  options = {};
  options.cluster_gpus = 0;
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.cluster_gpus", "> 0");
  options = {};
  options.max_gpus = -2;
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.max_gpus", ">= 0");
  options = {};
  options.profile = "phily";
  expect_input_error([&] { generate_synthetic(options); }, 0, "generator.profile",
                     "unknown profile 'phily' (did you mean 'philly'?); valid: philly, helios");
}

}  // namespace
}  // namespace podsim
