// Queueing theory as the independent reference for the engine, FCFS and the measurement window.
// On a flat pool of c GPUs with 1-GPU jobs, Poisson arrivals and FCFS, podsim is an M/G/c queue
// whose steady-state mean wait is known in closed form for:
// - exponential runtimes (M/M/c): Wq = C(c, a) / (c mu - lambda), with a = lambda / mu and
//   C the Erlang C probability of waiting (Kleinrock, "Queueing Systems" vol. 1, 1975, sec. 3.5);
// - any runtime distribution on one GPU (M/G/1): Wq = lambda E[S^2] / (2 (1 - rho)), the
//   Pollaczek-Khinchine formula (Kleinrock sec. 5.6); here lognormal runtimes.
// Each case runs R seeds, takes each seed's windowed mean wait (MSER-5 warm-up, as `podsim run`
// does for synthetic workloads) and checks that the formula lies inside the 95% CI over seeds.
// Waits below kResolutionS count as equal (M/M/64 at load 0.5 waits 13 us on average: a
// thousand seeds would not see one wait). A short run from an empty machine counted whole (no
// window) must fall clearly below the formula: that is the error the window exists to remove.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "scenario/confidence_interval.hpp"
#include "simulation/run_support.hpp"
#include "workload/job_spec.hpp"

namespace podsim {
namespace {

constexpr double kMeanRuntimeS = 1000.0;
constexpr int kSeeds = 10;
constexpr double kResolutionS = 1.0;

// Erlang C: the probability that an arrival waits in M/M/c with offered traffic a = c rho.
// Through the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), which is stable for any c.
double erlang_c(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1.0 - rho * (1.0 - b));
}

double mmc_mean_wait_s(int c, double rho) {
  const double mu = 1.0 / kMeanRuntimeS, lambda = rho * c * mu;
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

// Lognormal runtimes with mean kMeanRuntimeS and shape sigma: E[S^2] = E[S]^2 e^(sigma^2).
constexpr double kLognormalSigma = 1.0;

double mg1_lognormal_mean_wait_s(double rho) {
  const double lambda = rho / kMeanRuntimeS;
  const double second_moment =
      kMeanRuntimeS * kMeanRuntimeS * std::exp(kLognormalSigma * kLognormalSigma);
  return lambda * second_moment / (2.0 * (1.0 - rho));
}

enum class Runtimes { kExponential, kLognormal };

// `jobs` 1-GPU jobs arriving as a Poisson stream at offered load rho on c GPUs.
Workload poisson_workload(int c, double rho, Runtimes runtimes, std::size_t jobs,
                          std::uint64_t seed) {
  Rng rng(seed);
  const double mean_gap_s = kMeanRuntimeS / (rho * c);
  // lognormal(mu, sigma) has mean e^(mu + sigma^2 / 2).
  const double mu = std::log(kMeanRuntimeS) - kLognormalSigma * kLognormalSigma / 2.0;
  Workload workload;
  workload.source = "poisson";
  double now_s = 0;
  for (std::size_t i = 0; i < jobs; ++i) {
    now_s += rng.exponential(mean_gap_s);
    const double runtime_s = runtimes == Runtimes::kExponential
                                 ? rng.exponential(kMeanRuntimeS)
                                 : rng.lognormal(mu, kLognormalSigma);
    JobSpec job;
    job.trace_id = static_cast<std::int64_t>(i) + 1;
    job.submit = std::llround(now_s * kMicrosPerSecond);
    job.gpus = 1;
    job.runtime = std::max<Time>(1, std::llround(runtime_s * kMicrosPerSecond));
    job.estimate = job.runtime;
    workload.jobs.push_back(job);
  }
  finalize_workload(workload);
  return workload;
}

struct Case {
  int gpus;
  double rho;
  Runtimes runtimes;
  double expected_wait_s;
};

std::string case_name(const Case& c);
void PrintTo(const Case& c, std::ostream* out) { *out << case_name(c); }

std::string case_name(const Case& c) {
  return std::string(c.runtimes == Runtimes::kExponential ? "M/M/" : "M/G/") +
         std::to_string(c.gpus) + " at load " + std::to_string(c.rho);
}

// Jobs a seed needs for a CI of the order of 10% of the mean: the relaxation time of a queue
// grows as 1 / (1 - rho)^2 (Whitt 1989, "Planning queueing simulations", Management Science
// 35(11)), and more servers average more jobs per unit of time. Lognormal runtimes get more:
// their waits are more variable, and over 10 seeds a t interval is only as good as each seed's
// mean is normal.
std::size_t jobs_per_seed(const Case& c) {
  const double base = c.runtimes == Runtimes::kLognormal ? 24'000.0 : 6'000.0;
  const double jobs = base / std::pow(1.0 - c.rho, 1.5) * std::sqrt(static_cast<double>(c.gpus));
  return static_cast<std::size_t>(std::min(jobs, 400'000.0));
}

// Mean wait over the counted jobs of each seed's run.
MeanInterval mean_wait_over_seeds(const Case& c, std::size_t jobs, const WindowSpec& window) {
  std::vector<double> waits;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Workload workload =
        poisson_workload(c.gpus, c.rho, c.runtimes, jobs, static_cast<std::uint64_t>(seed) * 7919);
    SimulationOptions options;
    options.perf.reset();  // runtimes exactly as drawn: no placement effects on a flat pool
    options.window = window;
    const auto result =
        test::run_named_with(Topology::flat(c.gpus), workload, "fcfs", "first-fit", options);
    waits.push_back(result.summary.wait_s.mean);
  }
  return mean_ci95(waits);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (int c : {1, 8, 64}) {
    for (double rho : {0.5, 0.8, 0.9, 0.95}) {
      cases.push_back({c, rho, Runtimes::kExponential, mmc_mean_wait_s(c, rho)});
    }
  }
  for (double rho : {0.5, 0.8, 0.9}) {
    cases.push_back({1, rho, Runtimes::kLognormal, mg1_lognormal_mean_wait_s(rho)});
  }
  return cases;
}

class QueueingTheory : public testing::TestWithParam<Case> {};

TEST_P(QueueingTheory, WindowedMeanWaitHasTheFormulaInsideItsConfidenceInterval) {
  const Case& c = GetParam();
  const MeanInterval wait = mean_wait_over_seeds(c, jobs_per_seed(c), WindowSpec::automatic());
  EXPECT_LE(std::abs(wait.mean - c.expected_wait_s), std::max(wait.half_width, kResolutionS))
      << case_name(c) << ": formula " << c.expected_wait_s << " s, podsim " << wait.mean << " +- "
      << wait.half_width << " s over " << kSeeds << " seeds of " << jobs_per_seed(c) << " jobs";
}

// At loads 0.9 and 0.95, where an empty machine is far from steady state.
class ShortRun : public testing::TestWithParam<Case> {};

TEST_P(ShortRun, UnwindowedFallsBelowTheFormula) {
  const Case& c = GetParam();
  // As many jobs as the pool has GPUs, twice: the queue has barely started to build.
  const MeanInterval wait = mean_wait_over_seeds(c, 2 * c.gpus + 20, WindowSpec::whole());
  EXPECT_LT(wait.mean + wait.half_width, c.expected_wait_s)
      << case_name(c) << ": formula " << c.expected_wait_s << " s, short run " << wait.mean
      << " +- " << wait.half_width << " s";
}

std::vector<Case> heavy_cases() {
  std::vector<Case> cases;
  for (const Case& c : all_cases()) {
    if (c.rho >= 0.9) cases.push_back(c);
  }
  return cases;
}

std::string test_name(const testing::TestParamInfo<Case>& param) {
  const Case& c = param.param;
  return std::string(c.runtimes == Runtimes::kExponential ? "MM" : "MG") + std::to_string(c.gpus) +
         "_load" + std::to_string(std::lround(c.rho * 100));
}

INSTANTIATE_TEST_SUITE_P(Formulas, QueueingTheory, testing::ValuesIn(all_cases()), test_name);
INSTANTIATE_TEST_SUITE_P(Formulas, ShortRun, testing::ValuesIn(heavy_cases()), test_name);

TEST(ErlangC, MatchesPublishedValues) {
  // One server: C = rho. Two servers at a = 1: C = 1/3 (Kleinrock eq. 3.42 by hand).
  EXPECT_NEAR(erlang_c(1, 0.7), 0.7, 1e-12);
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
  // M/M/1 at rho = 0.5 with mean service 1000 s waits rho / (mu - lambda) = 1000 s.
  EXPECT_NEAR(mmc_mean_wait_s(1, 0.5), 1000.0, 1e-9);
  // Exponential runtimes have E[S^2] = 2 E[S]^2, where P-K gives M/M/1's value back; the
  // lognormal with sigma 1 has e^1 instead of 2.
  EXPECT_NEAR(mg1_lognormal_mean_wait_s(0.5), 0.5 * 1000.0 * std::exp(1.0) / (2 * 0.5), 1e-9);
}

}  // namespace
}  // namespace podsim
