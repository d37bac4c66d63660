#include "workload/synthetic_generator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>
#include <vector>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "core/rng.hpp"

namespace podsim {
namespace {

struct SizeWeight {
  int gpus;
  std::uint32_t weight;  // integer weights: sampling stays exact and platform-independent
};

struct Profile {
  std::string_view name;
  std::array<SizeWeight, 7> sizes;
  double runtime_median_s;  // lognormal median, exp(mu)
  double runtime_sigma;     // lognormal shape
  double runtime_min_s;     // runtimes are clamped (not resampled) into [min, max]: the median
  double runtime_max_s;     // is unchanged and the tails are bounded
};

// Philly (Jeon et al., "Analysis of large-scale multi-tenant GPU clusters for DNN training
// workloads", USENIX ATC'19; DESIGN section 5): mean 1.93 GPUs, median 1, median runtime 874 s.
// Size weights per 10,000 jobs: 1:7245, 2:1200, 4:900, 8:600, 16:40, 32:10, 64:5, so
// P(1 GPU) = 72% (median 1) and mean = 19,325 / 10,000 = 1.9325 GPUs; jobs over 8 GPUs are
// 0.55%, as in Philly where multi-node jobs are rare.
// Runtime: lognormal with median 874 s and sigma 1.9 (mean 874 * e^(1.9^2/2) ~ 5,300 s, 95th
// percentile ~ 5.5 h: Philly's runtimes span minutes to days), clamped to [1 s, 7 days].
constexpr Profile kPhilly = {
    "philly", {{{1, 7245}, {2, 1200}, {4, 900}, {8, 600}, {16, 40}, {32, 10}, {64, 5}}},
    874.0,    1.9,
    1.0,      7.0 * 86400.0};

// Helios (SenseTime; Hu et al., "Characterization and Prediction of Deep Learning Workloads in
// Large-Scale GPU Datacenters", SC'21): over its four public clusters' 1.58 M GPU jobs, mean
// 3.716 GPUs, median 1; mean runtime 6,652 s, median 206 s (HeliosArtifact, analysis/1_compare
// with Philly trace/helios_cluster_summary.csv). Sizes per 10,000 jobs: 1:5790, 2:1100,
// 4:1300, 8:1300, 16:300, 32:150, 64:60, mean 3.70 GPUs (the split among sizes is ours: the
// paper gives the mean and median, and a CDF, not this table). Runtime: lognormal with median
// 206 s and sigma 2.64, whose mean 206 * e^(2.64^2/2) ~ 6,650 s matches before the clamp to
// [1 s, 7 days] trims the far tail. Shorter and larger jobs than Philly's.
constexpr Profile kHelios = {
    "helios", {{{1, 5790}, {2, 1100}, {4, 1300}, {8, 1300}, {16, 300}, {32, 150}, {64, 60}}},
    206.0,    2.64,
    1.0,      7.0 * 86400.0};

constexpr std::array<Profile, 2> kProfiles = {kPhilly, kHelios};

// Estimates are the runtime rounded up to the next of these walltimes (seconds), the way users
// pick a round limit: 5 min, 15 min, 30 min, 1, 2, 4, 8, 12 h, 1, 2, 3, 7 days. The last
// bucket equals the runtime cap, so every runtime fits one.
constexpr std::array<Time, 12> kWalltimeBuckets = {
    from_seconds(300),   from_seconds(900),       from_seconds(1800),      from_seconds(3600),
    from_seconds(7200),  from_seconds(14400),     from_seconds(28800),     from_seconds(43200),
    from_seconds(86400), from_seconds(2 * 86400), from_seconds(3 * 86400), from_seconds(7 * 86400)};

// A few dozen users with Zipf(1) activity: user k submits with weight 1/k. Users belong to
// virtual clusters (Philly's name for team quotas), used as the group.
constexpr int kUsers = 32;
constexpr int kGroups = 8;

Time to_micros(double seconds) {
  return std::llround(seconds * static_cast<double>(kMicrosPerSecond));
}

void validate(const SyntheticOptions& options) {
  if (options.duration_days == 0 &&
      (options.jobs == 0 || options.jobs > std::numeric_limits<JobId>::max())) {
    throw InputError("", 0, "generator.jobs",
                     fmt::format("expected an integer in [1, {}], found {}",
                                 std::numeric_limits<JobId>::max(), options.jobs));
  }
  if (!(options.load > 0.0) || !std::isfinite(options.load)) {
    throw InputError("", 0, "generator.load",
                     fmt::format("expected a number > 0, found {}", options.load));
  }
  if (options.cluster_gpus <= 0) {
    throw InputError("", 0, "generator.cluster_gpus",
                     fmt::format("expected an integer > 0, found {}", options.cluster_gpus));
  }
  if (!(options.duration_days >= 0.0) || !std::isfinite(options.duration_days) ||
      options.duration_days > 36500) {
    throw InputError("", 0, "generator.duration_days",
                     fmt::format("expected a number of days in [0, 36500] (0: by --jobs), found {}",
                                 options.duration_days));
  }
  if (!(options.capacity_gpus >= 0.0) || !std::isfinite(options.capacity_gpus)) {
    throw InputError("", 0, "generator.capacity_gpus",
                     fmt::format("expected a number >= 0, found {}", options.capacity_gpus));
  }
  if (options.max_gpus < 0) {
    throw InputError(
        "", 0, "generator.max_gpus",
        fmt::format("expected an integer >= 0 (0 = no limit), found {}", options.max_gpus));
  }
}

const Profile& find_profile(const std::string& name) {
  std::vector<std::string> names;
  for (const Profile& profile : kProfiles) {
    if (profile.name == name) return profile;
    names.emplace_back(profile.name);
  }
  throw InputError("", 0, "generator.profile",
                   fmt::format("unknown profile '{}'{}; valid: {}", name, did_you_mean(name, names),
                               fmt::join(names, ", ")));
}

// Job sizes drawn from the profile restricted to sizes <= limit, i.e. exactly the distribution
// of resampling until a size fits. Size 1 always fits, so it is never empty.
class SizeSampler {
 public:
  SizeSampler(const Profile& profile, int limit) {
    std::uint32_t total = 0;
    for (const SizeWeight& size : profile.sizes) {
      if (size.gpus > limit) continue;
      total += size.weight;
      gpus_.push_back(size.gpus);
      cumulative_.push_back(total);
    }
  }

  // E[gpus] of the restricted distribution.
  double mean() const {
    double sum = 0, previous = 0;
    for (std::size_t i = 0; i < gpus_.size(); ++i) {
      sum += gpus_[i] * (cumulative_[i] - previous);
      previous = cumulative_[i];
    }
    return sum / cumulative_.back();
  }

  int draw(Rng& rng) const {
    const auto pick = static_cast<std::uint32_t>(rng.uniform_below(cumulative_.back()));
    std::size_t i = 0;
    while (cumulative_[i] <= pick) ++i;  // 7 sizes at most: a scan beats a search
    return gpus_[i];
  }

 private:
  std::vector<int> gpus_;
  std::vector<std::uint32_t> cumulative_;
};

// E[clamp(X, a, b)] for X lognormal(mu, sigma): a P(X < a) + E[X; a <= X <= b] + b P(X > b),
// with E[X; a <= X <= b] = e^(mu + sigma^2/2) (Phi(beta - sigma) - Phi(alpha - sigma)),
// alpha = (ln a - mu) / sigma, beta = (ln b - mu) / sigma (the partial expectation of the
// lognormal).
double clamped_lognormal_mean(const Profile& profile) {
  const double mu = std::log(profile.runtime_median_s), sigma = profile.runtime_sigma;
  const auto phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  const double alpha = (std::log(profile.runtime_min_s) - mu) / sigma;
  const double beta = (std::log(profile.runtime_max_s) - mu) / sigma;
  return profile.runtime_min_s * phi(alpha) +
         std::exp(mu + sigma * sigma / 2) * (phi(beta - sigma) - phi(alpha - sigma)) +
         profile.runtime_max_s * (1 - phi(beta));
}

// A duration-driven workload may hold at most this many jobs (memory: ~100 B a job here, more
// in a run).
constexpr double kMaxDurationJobs = 50'000'000;

Time walltime_bucket(Time runtime) {
  const auto it = std::lower_bound(kWalltimeBuckets.begin(), kWalltimeBuckets.end(), runtime);
  return it == kWalltimeBuckets.end() ? runtime : *it;
}

}  // namespace

Workload generate_synthetic(const SyntheticOptions& options) {
  validate(options);
  const Profile& profile = find_profile(options.profile);
  // A job never asks for more than the machine the load refers to: it could never run.
  const int limit = options.max_gpus > 0 ? std::min(options.max_gpus, options.cluster_gpus)
                                         : options.cluster_gpus;
  const SizeSampler sizes(profile, limit);

  std::array<std::uint64_t, kUsers> user_cumulative{};
  std::uint64_t user_total = 0;
  for (int k = 1; k <= kUsers; ++k) {
    user_total += 1'000'000 / static_cast<std::uint64_t>(k);
    user_cumulative[k - 1] = user_total;
  }

  Workload workload;
  const double capacity =
      options.capacity_gpus > 0 ? options.capacity_gpus : static_cast<double>(options.cluster_gpus);
  workload.source = fmt::format(
      "synthetic profile={} {} load={} cluster_gpus={}{} max_gpus={} seed={}", profile.name,
      options.duration_days > 0 ? fmt::format("days={}", options.duration_days)
                                : fmt::format("jobs={}", options.jobs),
      options.load, options.cluster_gpus,
      capacity == options.cluster_gpus ? "" : fmt::format(" capacity_gpus={}", capacity),
      options.max_gpus, options.seed);
  for (int k = 1; k <= kUsers; ++k) workload.users.push_back(fmt::format("user{:02}", k));
  for (int g = 1; g <= kGroups; ++g) workload.groups.push_back(fmt::format("vc{}", g));
  workload.machine_units = options.cluster_gpus;

  Rng rng(options.seed);
  const double mu = std::log(profile.runtime_median_s);
  // One job's size, runtime and user; the arrival time is set apart.
  const auto draw_job = [&](JobSpec& job, std::size_t index) {
    job.trace_id = static_cast<std::int64_t>(index);
    job.gpus = sizes.draw(rng);
    const double runtime_s = std::clamp(rng.lognormal(mu, profile.runtime_sigma),
                                        profile.runtime_min_s, profile.runtime_max_s);
    job.runtime = to_micros(runtime_s);
    job.estimate = walltime_bucket(job.runtime);
    const std::uint64_t pick = rng.uniform_below(user_total);
    const auto user = static_cast<std::uint32_t>(
        std::upper_bound(user_cumulative.begin(), user_cumulative.end(), pick) -
        user_cumulative.begin());
    job.user = user + 1;
    job.group = user % kGroups + 1;
  };
  auto& jobs = workload.jobs;
  if (options.duration_days > 0) {
    // By duration: Poisson arrivals at the rate the analytic mean work gives, until the
    // duration ends (the sample mean is not known before the jobs are drawn). Offered load =
    // rate * E[gpus] * E[runtime] / capacity, sizes and runtimes being independent.
    const double mean_work_gpu_s = sizes.mean() * clamped_lognormal_mean(profile);
    const double mean_gap_s = mean_work_gpu_s / (options.load * capacity);
    const double expected_jobs = options.duration_days * 86400.0 / mean_gap_s;
    if (expected_jobs > kMaxDurationJobs) {
      throw InputError(
          "", 0, "generator.duration_days",
          fmt::format("{} days at load {} make about {:.3g} jobs, more than the {} "
                      "a run may hold",
                      options.duration_days, options.load, expected_jobs, kMaxDurationJobs));
    }
    jobs.reserve(static_cast<std::size_t>(expected_jobs * 1.01) + 16);
    const Time end = to_micros(options.duration_days * 86400.0);
    Time now = 0;
    for (;;) {
      now += to_micros(rng.exponential(mean_gap_s));
      if (now >= end) break;
      JobSpec& job = jobs.emplace_back();
      draw_job(job, jobs.size() - 1);
      job.submit = now;
    }
    if (jobs.empty()) {
      throw InputError("", 0, "generator.duration_days",
                       fmt::format("{} days hold no arrival at this load; make them longer",
                                   options.duration_days));
    }
    finalize_workload(workload);
    return workload;
  }
  jobs.resize(options.jobs);
  // Pass 1: sizes, runtimes, users. The arrival rate then comes from the sample's own mean
  // GPU-seconds, so the offered load hits the target up to arrival noise even for a few
  // thousand heavy-tailed jobs (the analytic mean would leave the sample's deviation in).
  double work_gpu_s = 0.0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    draw_job(jobs[i], i);
    work_gpu_s += static_cast<double>(jobs[i].gpus) * to_seconds(jobs[i].runtime);
  }
  // Pass 2: Poisson arrivals. Offered load = rate * E[gpus * runtime] / capacity, so
  // rate = load * capacity / E[gpus * runtime]. Gaps are rounded to whole microseconds and
  // summed as integers, so submit times are exact and non-decreasing.
  const double mean_work_gpu_s = work_gpu_s / static_cast<double>(jobs.size());
  const double mean_gap_s = mean_work_gpu_s / (options.load * capacity);
  Time now = 0;
  for (JobSpec& job : jobs) {
    now += to_micros(rng.exponential(mean_gap_s));
    job.submit = now;
  }
  finalize_workload(workload);
  return workload;
}

}  // namespace podsim
